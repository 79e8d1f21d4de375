#include "scenario/loader.hpp"

#include <algorithm>
#include <array>
#include <sstream>

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include "core/error.hpp"
#include "scenario/cross_checks.hpp"
#include "scenario/input_files.hpp"
#include "scenario/loader_detail.hpp"
#include "scenario/params_doc.hpp"

// Reading a scenario: the top level, the scenario-wide sections and the ladder here; the other
// sections in loader_*.cpp (loader_detail.hpp lists them).

namespace flashpoint {

namespace loader_detail {

constexpr std::array<std::string_view, 27> kTopKeys = {
    "schema_version", "name",       "description", "start_date",
    "days",           "seed",       "free_from",   "strategic",
    "utility",        "operations", "insurgency",  "population",
    "talks",          "ladder",     "actors",      "relations",
    "districts",      "sectors",    "crossings",   "attack_types",
    "events",         "refugees",   "policies",    "max_events_per_run",
    "sites",          "coercion",   "record"};

// ---------------------------------------------------------------------------------- sections

Scenario Loader::read(const YAML::Node& root) {
  Map top(diag_, root, "", root.Mark());
  const std::vector<std::string> allowed(kTopKeys.begin(), kTopKeys.end());
  top.check_keys(allowed);

  if (const Entry* e = top.find("schema_version")) {
    auto v = whole(*e, "schema_version");
    if (v && *v != 1) {
      diag_.report(value_mark(*e), "schema_version",
                   fmt::format("schema_version {} is not supported: this version of flashpoint "
                               "reads schema_version 1",
                               *v));
      return std::move(sc_);  // the rest of the file follows a schema this version cannot read
    }
  } else {
    top.missing("schema_version", " (put 'schema_version: 1' at the top of the file)");
  }

  read_top_scalars(top);
  {
    Map m(diag_, top.find("strategic"), "strategic", top.mark());
    m.check_keys(section_keys("strategic"));
    read_section(m, params::kStrategic, sc_.strategic);
  }
  {
    Map m(diag_, top.find("utility"), "utility", top.mark());
    m.check_keys(section_keys("utility"));
    read_section(m, params::kUtility, sc_.strategic);
  }
  {
    Map m(diag_, top.find("operations"), "operations", top.mark());
    m.check_keys(section_keys("operations"));
    read_section(m, params::kOperations, sc_.operations);
  }
  {
    Map m(diag_, top.find("insurgency"), "insurgency", top.mark());
    m.check_keys(section_keys("insurgency"));
    read_section(m, params::kInsurgency, sc_.insurgency);
  }
  {
    Map m(diag_, top.find("population"), "population", top.mark());
    m.check_keys(section_keys("population"));
    read_section(m, params::kPopulation, sc_.population);
  }
  {
    Map m(diag_, top.find("talks"), "talks", top.mark());
    m.check_keys(section_keys("talks"));
    read_section(m, params::kTalks, sc_.talks);
  }
  {
    Map m(diag_, top.find("coercion"), "coercion", top.mark());
    m.check_keys(section_keys("coercion"));
    read_section(m, params::kCoercion, sc_.coercion);
  }
  read_ladder(top);
  read_actors(top);
  read_relations(top);
  read_districts(top);
  read_cells();  // after the districts they name
  read_sectors(top);
  read_crossings(top);
  read_sites(top);
  read_attack_types(top);
  read_events(top);
  read_record(top);
  check_attack_types_needed(top);
  read_refugees(top);
  read_policies(top);
  check_citizen_count(top);
  order_resolved(root);
  return std::move(sc_);
}

void Loader::check_citizen_count(const Map& top) {
  const auto problem = cross_checks::citizen_count(sc_);
  if (!problem) return;
  const Entry* population = top.find("population");
  diag_.report(population != nullptr ? value_mark(*population) : top.mark(),
               "population.people_per_agent", *problem);
}

void Loader::read_top_scalars(const Map& top) {
  if (const Entry* e = top.find("name")) {
    if (auto s = text(*e, "name")) {
      if (s->empty()) diag_.report(value_mark(*e), "name", "the name must not be empty");
      sc_.name = *s;
    }
  } else {
    top.missing("name");
  }
  if (const Entry* e = top.find("description")) {
    if (auto s = text(*e, "description")) sc_.description = *s;
  }
  if (const Entry* e = top.find("start_date")) {
    if (auto d = date(*e, "start_date")) {
      sc_.start_date = *d;
      have_start_ = true;
      record("start_date", d->to_string());
    }
  } else {
    top.missing("start_date");
  }
  if (auto v = read_param(top, spec("scenario", "days"))) {
    sc_.days = static_cast<int>(v->x);
    have_days_ = true;
  }
  if (auto v = read_param(top, spec("scenario", "seed"))) {
    sc_.seed = static_cast<std::uint64_t>(v->x);
  }
  if (auto v = read_param(top, spec("scenario", "max_events_per_run"))) {
    sc_.max_events_per_run = static_cast<std::int64_t>(v->x);
  }
  if (have_start_ && have_days_) {
    // Dates are written as YYYY-MM-DD: the run must end by year 9999.
    const Date last_allowed = *Date::parse("9999-12-31");
    if (sc_.start_date.plus_days(sc_.days - 1) > last_allowed) {
      const Entry* e = top.find("days");
      diag_.report(e != nullptr ? value_mark(*e) : top.mark(), "days",
                   fmt::format("the run would end after 9999-12-31; at most {} days from {}",
                               last_allowed - sc_.start_date + 1, sc_.start_date.to_string()));
    }
  }
  if (const Entry* e = top.find("free_from")) {
    auto d = date(*e, "free_from");
    if (d && have_start_ && have_days_) {
      int day = *d - sc_.start_date;
      if (day < 0 || day > sc_.days) {
        diag_.report(value_mark(*e), "free_from",
                     fmt::format("{} is outside the run: free_from must be between {} and {}",
                                 d->to_string(), sc_.start_date.to_string(),
                                 sc_.start_date.plus_days(sc_.days).to_string()));
      } else {
        sc_.free_from_day = day;
        record("free_from", d->to_string());
      }
    }
  } else if (have_start_) {
    sc_.free_from_day = 0;
    record("free_from", sc_.start_date.to_string());
  }
}

void Loader::read_ladder(const Map& top) {
  Map ladder(diag_, top.find("ladder"), "ladder", top.mark());
  std::vector<std::string> names = action_names(true);
  ladder.check_duplicates();
  for (const auto& e : ladder.entries()) {
    if (!e.key.IsScalar() || action_from_name(e.key.Scalar())) continue;
    diag_.report(e.key.Mark(), ladder.key_path(e.key.Scalar()),
                 fmt::format("unknown action '{}'{}", e.key.Scalar(),
                             suggestion(e.key.Scalar(), names, "actions")));
  }
  for (Action action : all_actions()) {
    std::string name(action_name(action));
    Map m(diag_, ladder.find(name), ladder.key_path(name), ladder.mark());
    m.check_keys(section_keys("ladder"));
    LadderEntry& entry = sc_.ladder[static_cast<std::size_t>(action_index(action))];
    read_section(m, params::kLadder, entry);
    if (action != Action::kHold) continue;
    if (auto problem = cross_checks::hold_disabled(entry)) {
      diag_.report(value_mark(*m.find("enabled")), m.key_path("enabled"), *problem);
    }
  }
}

void Loader::order_resolved(const YAML::Node& root) {
  // Sections in the order the file gives them; sections the file leaves out (all defaults) after.
  cross_checks::order_resolved(sc_.resolved, top_keys(root));
}

std::vector<std::string> top_keys(const YAML::Node& root) {
  std::vector<std::string> keys;
  if (!root.IsMap()) return keys;
  for (const auto& kv : root) keys.push_back(kv.first.IsScalar() ? kv.first.Scalar() : "");
  return keys;
}

}  // namespace loader_detail

namespace {

using loader_detail::describe;
using loader_detail::Diagnostics;

// ------------------------------------------------------------------------------------------------
// The file as text, before YAML.

// yaml-cpp reports a tab in the indentation obscurely ("illegal map value"); name it instead.
std::optional<YAML::Mark> tab_in_indent(std::string_view text, int near_line) {
  int line = 0;
  std::size_t start = 0;
  while (start <= text.size() && line <= near_line) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    if (line >= near_line - 1) {
      for (std::size_t k = start; k < end && (text[k] == ' ' || text[k] == '\t'); ++k) {
        if (text[k] == '\t') {
          YAML::Mark mark;
          mark.pos = static_cast<int>(k);
          mark.line = line;
          mark.column = static_cast<int>(k - start);
          return mark;
        }
      }
    }
    start = end + 1;
    ++line;
  }
  return std::nullopt;
}

}  // namespace

// --------------------------------------------------------------------------------- public API

namespace loader_detail {
std::string read_text_file(const std::string& path) {
  return read_input_file(path);
}

bool check_is_text(std::string_view text, Diagnostics& diag, std::string_view what) {
  int line = 0, column = 0;
  std::size_t i = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  while (i < text.size()) {
    auto c = static_cast<unsigned char>(text[i]);
    std::size_t len = c < 0x80           ? 1
                      : (c >> 5) == 0x6  ? 2
                      : (c >> 4) == 0xE  ? 3
                      : (c >> 3) == 0x1E ? 4
                                         : 0;
    bool ok = len > 0 && i + len <= text.size();
    for (std::size_t k = 1; ok && k < len; ++k) {
      ok = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
    }
    if (len == 1 && ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)) ok = false;
    if (!ok) {
      YAML::Mark mark;
      mark.pos = static_cast<int>(i);
      mark.line = line;
      mark.column = column;
      diag.report(
          mark, "",
          fmt::format("this is not a text file (byte 0x{:02x}); {} is UTF-8 YAML text", c, what));
      return false;
    }
    if (c == '\n') {
      ++line;
      column = 0;
    } else {
      ++column;
    }
    i += len;
  }
  return true;
}
}  // namespace loader_detail

namespace {

/// Where a YAML document starts, and where its first node is.
struct DocumentStart {
  YAML::Mark start;
  YAML::Mark first_node;
};

/// Notes where documents start, building no nodes.
class DocumentStarts : public YAML::EventHandler {
 public:
  std::vector<DocumentStart> docs;

  void OnDocumentStart(const YAML::Mark& mark) override {
    docs.push_back(DocumentStart{mark, mark});
    first_ = true;
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t) override { node(mark); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override { node(mark); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                const std::string&) override {
    node(mark);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    node(mark);
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    node(mark);
  }
  void OnMapEnd() override {}

 private:
  void node(const YAML::Mark& mark) {
    if (first_) docs.back().first_node = mark;
    first_ = false;
  }
  bool first_ = false;
};

/// The first two documents of `text` (fewer when it has fewer). Not YAML::LoadAll: yaml-cpp 0.7
/// loops for ever, allocating, on a document that stops at a token no node can start with (a
/// ',' at the top level; jbeder/yaml-cpp#1040). There the second document starts where the first
/// did. Throws YAML::Exception as YAML::Load does.
std::vector<DocumentStart> first_documents(const std::string& text) {
  std::istringstream in(text);
  YAML::Parser parser(in);
  DocumentStarts handler;
  while (handler.docs.size() < 2 && parser.HandleNextDocument(handler)) {
  }
  return handler.docs;
}

/// Parses a scenario's text into its root map; throws InputError (located) when it is not text,
/// not YAML, not one document or not a map.
YAML::Node parse_scenario_root(std::string_view yaml, const std::string& display_name) {
  Diagnostics diag(display_name);
  if (!loader_detail::check_is_text(yaml, diag, "a scenario")) throw InputError(diag.take_sorted());

  YAML::Node root;
  try {
    const std::string text(yaml);
    root = YAML::Load(text);
    const std::vector<DocumentStart> docs = first_documents(text);
    if (docs.size() > 1 && docs[1].start.pos == docs[0].start.pos) {
      const auto pos = static_cast<std::size_t>(docs[0].start.pos);
      diag.report(docs[0].start, "",
                  pos < text.size() ? fmt::format("invalid YAML: unexpected '{}'", text[pos])
                                    : std::string("invalid YAML"));
      throw InputError(diag.take_sorted());
    }
    if (docs.size() > 1) {
      diag.report(docs[1].first_node, "",
                  "a second YAML document ('---'): a scenario file holds exactly one");
    }
  } catch (const YAML::Exception& e) {
    if (auto tab = tab_in_indent(yaml, e.mark.line)) {
      diag.report(*tab, "", "a tab in the indentation: YAML indents with spaces only");
    } else {
      diag.report(e.mark, "", fmt::format("invalid YAML: {}", e.msg));
    }
    throw InputError(diag.take_sorted());
  }
  if (!root || root.IsNull()) {
    diag.report(YAML::Mark(), "",
                "the file holds no YAML: a scenario is a map that starts with 'schema_version: 1'");
    throw InputError(diag.take_sorted());
  }
  if (!root.IsMap()) {
    diag.report(YAML::Mark(), "",
                fmt::format("the top level must be a map of keys (schema_version, name, actors, "
                            "...), got {}",
                            describe(root)));
    throw InputError(diag.take_sorted());
  }
  if (!diag.empty()) throw InputError(diag.take_sorted());  // a second document
  return root;
}

Scenario validate_scenario(YAML::Node root, const std::string& display_name, std::string text,
                           std::span<const Override> overrides,
                           std::vector<std::string>* top_keys = nullptr) {
  Diagnostics diag(display_name);
  loader_detail::apply_overrides(root, overrides, diag);
  Scenario sc = loader_detail::Loader(diag).read(root);
  if (!diag.empty()) throw InputError(diag.take_sorted());
  if (top_keys != nullptr) *top_keys = loader_detail::top_keys(root);
  sc.source_path = display_name;
  sc.source_text = std::move(text);
  return sc;
}

}  // namespace

Scenario load_scenario_text(std::string_view yaml, const std::string& display_name,
                            std::span<const Override> overrides) {
  YAML::Node root = parse_scenario_root(yaml, display_name);
  return validate_scenario(root, display_name, std::string(yaml), overrides);
}

struct ScenarioSource::Impl {
  std::string path;
  std::string text;
};

ScenarioSource ScenarioSource::from_text(std::string_view yaml, const std::string& display_name) {
  auto impl = std::make_shared<Impl>();
  impl->path = display_name;
  impl->text = std::string(yaml);
  (void)parse_scenario_root(yaml, display_name);  // report unreadable YAML now
  ScenarioSource source;
  source.impl_ = std::move(impl);
  return source;
}

ScenarioSource ScenarioSource::from_file(const std::string& path) {
  return from_text(loader_detail::read_text_file(path), path);
}

Scenario ScenarioSource::instantiate(std::span<const Override> overrides,
                                     std::vector<std::string>* top_keys) const {
  // Parsed again for each variant rather than cloned: YAML::Clone drops the marks that locate
  // problems. Sweeps and comparisons call this once per base and set the values that vary typed
  // (variant.hpp).
  return validate_scenario(parse_scenario_root(impl_->text, impl_->path), impl_->path, impl_->text,
                           overrides, top_keys);
}

const std::string& ScenarioSource::path() const {
  return impl_->path;
}
const std::string& ScenarioSource::text() const {
  return impl_->text;
}

Scenario load_scenario(const std::string& path, std::span<const Override> overrides) {
  return load_scenario_text(loader_detail::read_text_file(path), path, overrides);
}

}  // namespace flashpoint
