// flashpoint._core: the engine for Python (docs/python.md). The package's __init__.py wraps it;
// this file holds the exceptions, Ctrl-C and the progress callback, the other two the
// experiments (run, sweep, compare) and the day-by-day Simulation.
#include <pybind11/pybind11.h>

#include "bindings.hpp"
#include "core/error.hpp"
#include "core/interrupt.hpp"
#include "flashpoint/version.hpp"
#include "model/results.hpp"
#include "output/hdf5_reader.hpp"

namespace flashpoint::python {

namespace {

extern "C" void raise_interrupt_flag(int /*signal*/) {
  set_interrupt_requested(true);  // a lock-free atomic store: async-signal-safe
}

}  // namespace

SigintScope::SigintScope() {
  set_interrupt_requested(false);
  struct sigaction action {};
  action.sa_handler = raise_interrupt_flag;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, &previous_);
}

SigintScope::~SigintScope() {
  sigaction(SIGINT, &previous_, nullptr);
  set_interrupt_requested(false);
}

bool SigintScope::interrupted() const {
  return interrupt_requested();
}

ProgressFn PythonProgress::fn() {
  if (callback_.is_none()) return nullptr;
  return [this](const ProgressUpdate& u) {
    py::gil_scoped_acquire gil;
    try {
      py::dict d;
      d["stage"] = u.stage;
      d["done"] = u.done;
      d["total"] = u.total;
      d["seconds"] = u.seconds;
      d["runs_per_second"] = u.runs_per_second;
      d["eta_seconds"] = u.eta_seconds < 0 ? py::object(py::none()) : py::float_(u.eta_seconds);
      d["finished"] = u.finished;
      callback_(d);
    } catch (...) {
      failure_ = std::current_exception();
      throw Interrupted("the progress callback raised an exception");
    }
  };
}

void PythonProgress::rethrow_if_failed() const {
  if (failure_) std::rethrow_exception(failure_);
}

}  // namespace flashpoint::python

PYBIND11_MODULE(_core, m) {
  namespace py = pybind11;
  using namespace flashpoint;
  m.doc() = "Flashpoint's engine for Python; use the package flashpoint, not this module.";
  m.attr("version") = kSoftwareVersion;
  m.attr("git_commit") = kGitCommit;
  m.attr("format_version") = kResultsFormatVersion;

  static py::exception<InputError> input_error(m, "InputError", PyExc_ValueError);
  static py::exception<OutputError> output_error(m, "OutputError", PyExc_RuntimeError);
  static py::exception<ModelDiverged> model_diverged(m, "ModelDiverged", PyExc_RuntimeError);
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const InputError& e) {
      input_error(e.what());
    } catch (const OutputError& e) {
      output_error(readable_error(e.what()).c_str());
    } catch (const ModelDiverged& e) {
      model_diverged(e.what());
    } catch (const Interrupted& e) {
      PyErr_SetString(PyExc_KeyboardInterrupt, e.what());
    }
  });

  python::register_experiments(m);
  python::register_simulation(m);
}
