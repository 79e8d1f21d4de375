// `flashpoint params [--markdown | --json]`: print the parameter table (defaults, units, ranges).
#include <algorithm>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "scenario/params.hpp"
#include "scenario/params_doc.hpp"

namespace flashpoint::cli {

namespace {

/// A list's default, "[0.3, 0.5, 0.2]" as YAML, as a JSON array; its text as a JSON string when
/// it is not a list of numbers (a YAML flow list of plain numbers is JSON).
Json list_default_json(std::string_view yaml) {
  Json list = Json::parse(yaml, nullptr, /*allow_exceptions=*/false);
  const bool numbers = list.is_array() && std::all_of(list.begin(), list.end(),
                                                      [](const Json& v) { return v.is_number(); });
  return numbers ? list : Json(std::string(yaml));
}

Json default_json(const ParamSpec& p) {
  if (p.required) return nullptr;
  switch (p.type) {
    case ParamType::kBoolean:
      return p.default_value != 0;
    case ParamType::kNumberList:
      return list_default_json(p.default_text);
    case ParamType::kNumber:
    case ParamType::kInteger:
      break;
  }
  return p.default_value;
}

/// The table as one JSON object: {"sections": [{"name", "location", "parameters": [...]}]}.
Json parameter_json() {
  std::vector<std::string_view> names;  // [section], in the order they first appear
  Json sections = Json::array();
  for (const ParamSpec& p : parameter_table()) {
    const auto s =
        static_cast<std::size_t>(std::find(names.begin(), names.end(), p.section) - names.begin());
    if (s == names.size()) {
      names.push_back(p.section);
      sections.push_back({{"name", std::string(p.section)},
                          {"location", std::string(section_location(p.section))},
                          {"parameters", Json::array()}});
    }
    const bool boolean = p.type == ParamType::kBoolean;
    sections[s]["parameters"].push_back({{"key", std::string(p.key)},
                                         {"type", std::string(param_type_name(p.type))},
                                         {"default", default_json(p)},
                                         {"required", p.required},
                                         {"unit", std::string(p.unit)},
                                         {"min", boolean ? Json(nullptr) : Json(p.min)},
                                         {"max", boolean ? Json(nullptr) : Json(p.max)},
                                         {"basis", std::string(p.source)},
                                         {"meaning", std::string(p.doc)}});
  }
  return {{"sections", std::move(sections)}};
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
      fmt::print("{}\n", json_text(parameter_json()));
    } else {
      fmt::print("{}", format_parameter_table(opts->markdown));
    }
  });
}

}  // namespace flashpoint::cli
