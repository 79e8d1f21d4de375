#include "core/interrupt.hpp"
#include "model/phases.hpp"
#include "model/simulation.hpp"

namespace flashpoint {

namespace {

/// One day. The order is the model's schedule (docs/model.md, "Process overview").
void step(World& w) {
  w.rung_history.push_front(Eigen::MatrixXi::Zero(w.num_states(), w.num_states()));
  w.attributed_history.push_front(Eigen::MatrixXi::Zero(w.num_states(), w.num_states()));
  while (static_cast<int>(w.rung_history.size()) > w.sc.strategic.level_window_days) {
    w.rung_history.pop_back();
    w.attributed_history.pop_back();
  }
  start_policies(w);       // levers that start today (on a date or a trigger)
  armed_group_attacks(w);  // cells, district rates and scripted attacks; attribution; doctrine
  choose_actions(w);       // each state picks one rung toward each other state
  carry_out_actions(w);    // threats, alerts, closures, strikes, clashes, captures
  border_incidents(w);     // incidents at the posts; some become clashes
  update_diplomacy(w);     // mediators engage; rounds of talks; ceasefires form
  update_crossings(w);     // reopening; trade that crossed and trade lost
  update_refugees(w);      // returns through open crossings; returnees settle
  update_society(w);       // hardship, displacement, legitimacy, Epstein activation, arrests
  update_cells(w);         // recruitment, operations, splitting; the host's tolerance
  update_hostility(w);     // Richardson update from today's events; memories decay
  recover_forces(w);       // garrisons reinforce, readiness decays
  record_day(w);           // the daily series
}

}  // namespace

RunResult simulate(const Scenario& scenario, const RunPlan& plan, bool stop_on_interrupt) {
  World w(scenario, plan.seed);
  w.result.run = plan.run;
  w.result.seed = plan.seed;
  w.result.replicate = plan.replicate;
  prepare_result(w);
  init_society(w);
  init_refugees(w);
  for (w.day = 0; w.day < scenario.days; ++w.day) {
    // A long run stops within a day of SIGINT/SIGTERM instead of at its end.
    if (stop_on_interrupt && interrupt_requested()) throw Interrupted("interrupted by a signal");
    step(w);
  }
  finish_run(w);
  return std::move(w.result);
}

ResultsLayout results_layout(const Scenario& sc) {
  ResultsLayout l;
  l.days = sc.days;
  for (int d = 0; d < sc.days; ++d) l.dates.push_back(sc.start_date.plus_days(d).to_string());
  for (const auto& a : sc.actors) l.actors.push_back(a.id);
  for (int a : sc.states()) l.states.push_back(sc.actors[a].id);
  l.categories = fatality_categories(sc);
  for (const auto& c : sc.crossings) l.crossings.push_back(c.id);
  for (int a : sc.armed_groups()) l.groups.push_back(sc.actors[a].id);
  for (int a : sc.states()) {
    for (int b : sc.states()) {
      if (a != b) l.dyads.push_back(sc.actors[a].id + ">" + sc.actors[b].id);
    }
  }
  return l;
}

}  // namespace flashpoint
