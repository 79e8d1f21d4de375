#include "scenario/params_doc.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "scenario/params.hpp"

namespace flashpoint {

namespace {

std::string default_text(const ParamSpec& p) {
  if (p.required) return "required";
  switch (p.type) {
    case ParamType::kBoolean:
      return p.default_value != 0 ? "true" : "false";
    case ParamType::kNumberList:
      return std::string(p.default_text);
    case ParamType::kNumber:
    case ParamType::kInteger:
      break;
  }
  return format_param_number(p.default_value);
}

std::string range_text(const ParamSpec& p) {
  if (p.type == ParamType::kBoolean) return "true, false";
  std::string range =
      fmt::format("{} to {}", format_param_number(p.min), format_param_number(p.max));
  return p.type == ParamType::kNumberList ? "each " + range : range;
}

constexpr std::size_t kColumns = 7;
using Row = std::array<std::string, kColumns>;

// One row as cells: key, type, default, unit, range, basis, meaning.
Row cells(const ParamSpec& p) {
  return {
      std::string(p.key), std::string(param_type_name(p.type)),
      default_text(p),    std::string(p.unit),
      range_text(p),      std::string(p.source),
      std::string(p.doc),
  };
}

constexpr std::array<std::string_view, kColumns> kHeader = {"key",   "type",  "default", "unit",
                                                            "range", "basis", "meaning"};

std::vector<std::string_view> sections() {
  std::vector<std::string_view> out;
  for (const auto& p : parameter_table()) {
    if (std::find(out.begin(), out.end(), p.section) == out.end()) out.push_back(p.section);
  }
  return out;
}

std::string markdown_cell(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

std::string_view param_type_name(ParamType t) {
  switch (t) {
    case ParamType::kNumber:
      return "number";
    case ParamType::kInteger:
      return "integer";
    case ParamType::kBoolean:
      return "boolean";
    case ParamType::kNumberList:
      return "number list";
  }
  return "?";
}

std::string format_param_number(double v) {
  if (std::abs(v) >= 1e5) {
    std::string g = fmt::format("{:g}", v);  // e.g. "1e+12"
    if (std::strtod(g.c_str(), nullptr) == v) {
      if (auto e = g.find("e+"); e != std::string::npos) {
        std::size_t digits = e + 2;
        while (digits + 1 < g.size() && g[digits] == '0') ++digits;
        return g.substr(0, e + 1) + g.substr(digits);
      }
    }
  }
  return fmt::format("{}", v);
}

std::string format_parameter_table(bool markdown) {
  std::string out;
  for (std::string_view section : sections()) {
    std::vector<Row> rows;
    for (const auto& p : parameter_table()) {
      if (p.section == section) rows.push_back(cells(p));
    }
    if (markdown) {
      if (!out.empty()) out += '\n';
      out += fmt::format("#### `{}` ({})\n\n", section, section_location(section));
      out += "| key | type | default | unit | range | basis | meaning |\n";
      out += "|---|---|---|---|---|---|---|\n";
      for (const auto& r : rows) {
        out +=
            fmt::format("| `{}` | {} | {} | {} | {} | {} | {} |\n", r[0], r[1], markdown_cell(r[2]),
                        markdown_cell(r[3]), r[4], markdown_cell(r[5]), markdown_cell(r[6]));
      }
      continue;
    }
    std::array<std::size_t, kColumns> width{};
    for (std::size_t c = 0; c < kColumns; ++c) width[c] = kHeader[c].size();
    for (const auto& r : rows) {
      for (std::size_t c = 0; c < kColumns; ++c) width[c] = std::max(width[c], r[c].size());
    }
    if (!out.empty()) out += '\n';
    out += fmt::format("{} ({})\n", section, section_location(section));
    auto line = [&](const auto& r) {  // the last column (meaning) is not padded
      std::string text = "  ";
      for (std::size_t c = 0; c + 1 < kColumns; ++c) {
        text += fmt::format("{:<{}}  ", r[c], width[c]);
      }
      text += r[kColumns - 1];
      return text + '\n';
    };
    out += line(kHeader);
    for (const auto& r : rows) out += line(r);
  }
  return out;
}

}  // namespace flashpoint
