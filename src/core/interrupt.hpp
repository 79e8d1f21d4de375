#pragma once
// SIGINT, SIGTERM, SIGHUP, SIGUSR1, SIGUSR2 and SIGALRM stop long work cleanly: the handler only
// raises a flag; runners stop handing out new runs, let the runs in flight finish, and the command
// exits with code 3 without leaving a file that looks complete.
#include <stdexcept>

namespace flashpoint {

/// Installs the handlers (idempotent).
void install_interrupt_handlers();
/// True once one of those signals has arrived.
[[nodiscard]] bool interrupt_requested();
/// For tests: raise or clear the flag as a signal would.
void set_interrupt_requested(bool value);

/// Thrown when work stopped because of an interrupt; the CLI exits with code 3.
class Interrupted : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace flashpoint
