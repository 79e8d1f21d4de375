// `flashpoint params [--markdown | --json]`: print the parameter table (defaults, units, ranges).
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "core/error.hpp"
#include "experiment/summary.hpp"  // json_string, json_number
#include "scenario/params.hpp"
#include "scenario/params_doc.hpp"

namespace flashpoint::cli {

namespace {

/// A list's default, "[0.3, 0.5, 0.2]" as YAML, as a JSON array; its text as a JSON string when
/// it is not a plain list of numbers.
std::string list_default_json(std::string_view yaml) {
  const std::string text(yaml);
  std::string out = "[";
  const char* p = text.c_str();
  while (*p == ' ') ++p;
  if (*p++ != '[') return json_string(text);
  for (bool first = true;; first = false) {
    while (*p == ' ') ++p;
    if (*p == ']' && first) break;
    char* end = nullptr;
    const double v = std::strtod(p, &end);
    if (end == p) return json_string(text);
    out += fmt::format("{}{}", first ? "" : ", ", json_number(v));
    p = end;
    while (*p == ' ') ++p;
    if (*p == ']') break;
    if (*p++ != ',') return json_string(text);
  }
  return out + "]";
}

std::string default_json(const ParamSpec& p) {
  if (p.required) return "null";
  switch (p.type) {
    case ParamType::kBoolean:
      return p.default_value != 0 ? "true" : "false";
    case ParamType::kNumberList:
      return list_default_json(p.default_text);
    case ParamType::kNumber:
    case ParamType::kInteger:
      break;
  }
  return json_number(p.default_value);
}

/// The table as one JSON object: {"sections": [{"name", "location", "parameters": [...]}]}.
std::string parameter_json() {
  std::vector<std::string_view> sections;
  std::vector<std::string> rows;  // [section] the parameters' objects, comma-separated
  for (const ParamSpec& p : parameter_table()) {
    std::size_t s = 0;
    while (s < sections.size() && sections[s] != p.section) ++s;
    if (s == sections.size()) {
      sections.push_back(p.section);
      rows.emplace_back();
    }
    const bool boolean = p.type == ParamType::kBoolean;
    rows[s] += fmt::format(
        "{}{{\"key\": {}, \"type\": {}, \"default\": {}, \"required\": {}, \"unit\": {}, "
        "\"min\": {}, \"max\": {}, \"basis\": {}, \"meaning\": {}}}",
        rows[s].empty() ? "" : ", ", json_string(std::string(p.key)),
        json_string(std::string(param_type_name(p.type))), default_json(p),
        p.required ? "true" : "false", json_string(std::string(p.unit)),
        boolean ? "null" : json_number(p.min), boolean ? "null" : json_number(p.max),
        json_string(std::string(p.source)), json_string(std::string(p.doc)));
  }
  std::string out = "{\"sections\": [";
  for (std::size_t s = 0; s < sections.size(); ++s) {
    out += fmt::format("{}{{\"name\": {}, \"location\": {}, \"parameters\": [{}]}}",
                       s == 0 ? "" : ", ", json_string(std::string(sections[s])),
                       json_string(std::string(section_location(sections[s]))), rows[s]);
  }
  return out + "]}";
}

}  // namespace

void add_params_command(CLI::App& app, Context& /*ctx*/) {
  struct ParamsOptions {
    bool markdown = false;
    bool json = false;
  };
  auto opts = std::make_shared<ParamsOptions>();
  CLI::App* cmd = app.add_subcommand(
      "params", "List every scenario parameter with its default, unit and valid range");
  cmd->add_flag("--markdown", opts->markdown, "Print Markdown tables (as in docs/scenarios.md)");
  cmd->add_flag("--json", opts->json,
                "Print the table as one JSON object: sections, each with its parameters");
  cmd->callback([opts] {
    if (opts->markdown && opts->json) {
      throw InputError(Problem{"params", 0, 0, "--json", "give --markdown or --json, not both"});
    }
    if (opts->json) {
      fmt::print("{}\n", parameter_json());
    } else {
      fmt::print("{}", format_parameter_table(opts->markdown));
    }
  });
}

}  // namespace flashpoint::cli
