#include "core/interrupt.hpp"

#include <atomic>
#include <csignal>

namespace flashpoint {

namespace {
// Written by the signal handler and read by every worker thread: a lock-free atomic, which is
// both async-signal-safe and free of data races (a volatile sig_atomic_t is only the former).
std::atomic<int> g_interrupted{0};
static_assert(std::atomic<int>::is_always_lock_free);

// The first signal asks for a clean stop; a second one, while stopping, ends the process at once.
extern "C" void on_signal(int signal) {
  g_interrupted = 1;
  std::signal(signal, SIG_DFL);
}
}  // namespace

void install_interrupt_handlers() {
  // Every signal whose default is to end the process and that a user or a batch system sends
  // on purpose: a terminal closed (HUP), Slurm's or a script's warnings (USR1, USR2), an alarm.
  for (const int signal : {SIGINT, SIGTERM, SIGHUP, SIGUSR1, SIGUSR2, SIGALRM}) {
    std::signal(signal, on_signal);
  }
}

bool interrupt_requested() {
  return g_interrupted != 0;
}

void set_interrupt_requested(bool value) {
  g_interrupted = value ? 1 : 0;
}

}  // namespace flashpoint
