#pragma once
// The parameter table as text: `flashpoint params` prints it, docs/scenarios.md embeds it.
#include <string>
#include <string_view>

#include "scenario/params.hpp"

namespace flashpoint {

/// Every row of the parameter table, grouped by section (with where the section lives in a
/// scenario file): key, type, default (or "required"), unit, valid range and meaning. `markdown`
/// gives one Markdown table per section (as pasted into docs/scenarios.md); otherwise aligned
/// plain text for a terminal.
[[nodiscard]] std::string format_parameter_table(bool markdown);

/// A parameter's type as the table and `params --json` name it ("number", "integer", ...).
[[nodiscard]] std::string_view param_type_name(ParamType t);

/// A number as the table and the loader's messages show it: shortest exact form, large round
/// values with an exponent ("1e12", "9e15", but "36500").
[[nodiscard]] std::string format_param_number(double v);

}  // namespace flashpoint
