#include "core/interrupt.hpp"

#include <atomic>
#include <csignal>

namespace flashpoint {

namespace {
volatile std::sig_atomic_t g_interrupted = 0;

// The first signal asks for a clean stop; a second one, while stopping, ends the process at once.
extern "C" void on_signal(int signal) {
  g_interrupted = 1;
  std::signal(signal, SIG_DFL);
}
}  // namespace

void install_interrupt_handlers() {
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
}

bool interrupt_requested() {
  return g_interrupted != 0;
}

void set_interrupt_requested(bool value) {
  g_interrupted = value ? 1 : 0;
}

}  // namespace flashpoint
