#pragma once
// What the files of the Python module flashpoint._core share (docs/python.md): Ctrl-C during a
// call, the progress callback, and the registration functions of each file.
#include <csignal>
#include <exception>

#include <pybind11/pybind11.h>

#include "experiment/progress.hpp"

namespace flashpoint::python {

namespace py = pybind11;

/// While it lives, SIGINT (Ctrl-C) raises flashpoint's interrupt flag (core/interrupt.hpp)
/// instead of Python's, so that work running without the GIL stops as the CLI's does; the flag
/// starts cleared, and Python's handler is put back at the end. Make it with the GIL held.
class SigintScope {
 public:
  SigintScope();
  ~SigintScope();
  SigintScope(const SigintScope&) = delete;
  SigintScope& operator=(const SigintScope&) = delete;
  /// True when a SIGINT arrived during the scope.
  [[nodiscard]] bool interrupted() const;

 private:
  struct sigaction previous_ {};
};

/// A Python callable called with a dict for each progress report, with the GIL taken; when it
/// raises, the work stops (Interrupted) and rethrow_if_failed() raises its exception again.
class PythonProgress {
 public:
  explicit PythonProgress(py::object callback) : callback_(std::move(callback)) {}
  /// The ProgressFn to hand the engine; empty when there is no callback.
  [[nodiscard]] ProgressFn fn();
  void rethrow_if_failed() const;

 private:
  py::object callback_;
  std::exception_ptr failure_;
};

void register_experiments(py::module_& m);  // experiment_bindings.cpp
void register_simulation(py::module_& m);   // simulation_bindings.cpp

}  // namespace flashpoint::python
