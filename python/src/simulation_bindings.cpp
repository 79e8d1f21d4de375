// flashpoint._core.Simulation: one run advanced a day at a time (model/simulation.hpp,
// RunStepper), with its state as read-only numpy arrays. The package's Simulation class labels
// them (docs/python.md, "Watching a run day by day").
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "core/error.hpp"
#include "core/rng.hpp"
#include "experiment/digest.hpp"
#include "experiment/runner.hpp"
#include "model/simulation.hpp"
#include "scenario/loader.hpp"

namespace flashpoint::python {

namespace {

/// A read-only numpy copy of `v`.
template <typename T>
py::array_t<T> frozen(const std::vector<T>& v) {
  py::array_t<T> a(static_cast<py::ssize_t>(v.size()));
  std::copy(v.begin(), v.end(), a.mutable_data());
  a.attr("setflags")(py::arg("write") = false);
  return a;
}

Scenario load_with_sets(const std::string& path, const std::vector<std::string>& sets) {
  std::vector<Override> overrides;
  for (const auto& s : sets) overrides.push_back(parse_override(s));
  return load_scenario(path, overrides);
}

std::uint64_t checked_seed(std::optional<long long> seed, const Scenario& sc) {
  if (!seed) return sc.seed;
  if (*seed < 0 || static_cast<std::uint64_t>(*seed) > kMaxSeed) {
    throw InputError(Problem{"seed", 0, 0, "",
                             fmt::format("expected a whole number from 0 to 9e15, got {}", *seed)});
  }
  return static_cast<std::uint64_t>(*seed);
}

/// The run a Simulation steps: replicate 0 of the master seed, as run(seed=..., replicates=1).
class PySimulation {
 public:
  PySimulation(const std::string& path, std::optional<long long> seed,
               const std::vector<std::string>& sets) {
    Scenario sc = load_with_sets(path, sets);
    master_seed_ = checked_seed(seed, sc);
    layout_ = results_layout(sc);
    stepper_.emplace(std::move(sc), replicate_plan(master_seed_, 0));
  }

  /// Up to `days` days (fewer at the end); Ctrl-C stops between two days (KeyboardInterrupt).
  int step(int days) {
    if (days < 0) {
      throw InputError(Problem{"days", 0, 0, "", fmt::format("expected days >= 0, got {}", days)});
    }
    int stepped = 0;
    while (stepped < days && !stepper_->done()) {
      stepper_->step();
      ++stepped;
      if (PyErr_CheckSignals() != 0) throw py::error_already_set();
    }
    return stepped;
  }

  [[nodiscard]] int day() const { return stepper_->day(); }
  [[nodiscard]] bool done() const { return stepper_->done(); }
  [[nodiscard]] int days() const { return stepper_->scenario().days; }
  [[nodiscard]] std::string start_date() const {
    return stepper_->scenario().start_date.to_string();
  }

  py::dict state() const {
    const RunState st = stepper_->state();
    py::dict d;
    d["day"] = st.day;
    d["escalation"] = frozen(st.escalation);
    d["max_escalation"] = st.max_escalation;
    d["hostility"] = frozen(st.hostility);
    d["posts_held"] = frozen(st.posts_held);
    d["cells"] = frozen(st.cells);
    d["fighters"] = frozen(st.fighters);
    d["district_active"] = frozen(st.district_active);
    d["ceasefire"] = frozen(st.ceasefire);
    d["crossing_open"] = frozen(st.crossing_open);
    d["fatalities"] = frozen(st.fatalities);
    return d;
  }

  py::dict labels() const {
    std::vector<std::string> districts;
    for (const auto& x : stepper_->scenario().districts) districts.push_back(x.id);
    py::dict d;
    d["dyad"] = layout_.dyads;
    d["state"] = layout_.states;
    d["group"] = layout_.groups;
    d["district"] = districts;
    d["crossing"] = layout_.crossings;
    d["category"] = layout_.categories;
    return d;
  }

  /// Ends the run (only when done): its digest, as `flashpoint run` prints it, and its outcomes.
  py::dict finish() {
    const RunResult r = stepper_->finish();
    Digest digest;
    digest.add(r);
    py::dict d;
    d["digest"] = digest.hex();
    d["seed"] = r.seed;
    d["peak_escalation"] = r.peak_escalation;
    d["conflict_days"] = r.conflict_days;
    d["first_conflict_day"] = r.first_conflict_day;
    d["first_ceasefire_day"] = r.first_ceasefire_day;
    d["events"] = r.events.size();
    return d;
  }

  [[nodiscard]] std::uint64_t master_seed() const { return master_seed_; }

 private:
  std::uint64_t master_seed_ = 0;
  ResultsLayout layout_;
  std::optional<RunStepper> stepper_;
};

/// The digest of simulate() for replicate 0 of `seed`: what a stepped run must reproduce.
std::string simulate_digest(const std::string& path, std::optional<long long> seed,
                            const std::vector<std::string>& sets) {
  py::gil_scoped_release release;
  const Scenario sc = load_with_sets(path, sets);
  Digest digest;
  digest.add(simulate(sc, replicate_plan(checked_seed(seed, sc), 0), false));
  return digest.hex();
}

}  // namespace

void register_simulation(py::module_& m) {
  py::class_<PySimulation>(m, "Simulation")
      .def(
          py::init<const std::string&, std::optional<long long>, const std::vector<std::string>&>(),
          py::arg("scenario"), py::arg("seed"), py::arg("sets"))
      .def("step", &PySimulation::step, py::arg("days"))
      .def_property_readonly("day", &PySimulation::day)
      .def_property_readonly("done", &PySimulation::done)
      .def_property_readonly("days", &PySimulation::days)
      .def_property_readonly("start_date", &PySimulation::start_date)
      .def_property_readonly("seed", &PySimulation::master_seed)
      .def("state", &PySimulation::state)
      .def("labels", &PySimulation::labels)
      .def("finish", &PySimulation::finish);
  m.def("simulate_digest", &simulate_digest, py::arg("scenario"), py::arg("seed"), py::arg("sets"),
        "The digest of simulate() for replicate 0 of `seed`.");
}

}  // namespace flashpoint::python
