#pragma once
// Internal to the experiment-file readers (experiment_loader.cpp: sweep and comparison files;
// experiment_design_loader.cpp: designs, their parameters and CSV design matrices).
#include <cstdint>
#include <optional>
#include <set>
#include <string>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "scenario/experiment_specs.hpp"
#include "scenario/overrides.hpp"

namespace flashpoint::experiment_detail {

using loader_detail::Diagnostics;
using loader_detail::join_path;
using loader_detail::suggestion;

/// How a node is quoted back to the user in "got ..." messages.
[[nodiscard]] std::string describe(const YAML::Node& n);

/// Typed access to one YAML map with located problems. Keys read are remembered; check_unknown()
/// reports the rest with a did-you-mean.
class MapReader {
 public:
  MapReader(const YAML::Node& node, std::string path, Diagnostics& diag)
      : node_(node), path_(std::move(path)), diag_(diag) {}

  [[nodiscard]] bool has(const std::string& key) {
    known_.insert(key);
    const YAML::Node n = node_[key];
    return n.IsDefined() && !n.IsNull();
  }
  [[nodiscard]] YAML::Node get(const std::string& key) {
    known_.insert(key);
    return node_[key];
  }
  [[nodiscard]] std::string key_path(const std::string& key) const { return join_path(path_, key); }
  [[nodiscard]] YAML::Mark mark_of(const std::string& key) const {
    const YAML::Node n = node_[key];
    return n.IsDefined() ? n.Mark() : node_.Mark();
  }

  void report(const std::string& key, const std::string& message) {
    diag_.report(mark_of(key), key_path(key), message);
  }

  std::optional<std::string> string(const std::string& key, bool required) {
    const YAML::Node n = get(key);
    if (!n.IsDefined() || n.IsNull()) {
      if (required) diag_.report(node_.Mark(), key_path(key), "missing; it is required here");
      return std::nullopt;
    }
    if (!n.IsScalar()) {
      report(key, fmt::format("expected text, got {}", describe(n)));
      return std::nullopt;
    }
    if (key == "name") {
      if (auto bad = loader_detail::control_character(n.Scalar())) {
        report(key, fmt::format("a name may not hold control characters (found byte 0x{:02x} at "
                                "character {}): write it on one line, without tabs",
                                static_cast<unsigned>(static_cast<unsigned char>(bad->first)),
                                bad->second + 1));
        return std::nullopt;
      }
    }
    return n.Scalar();
  }

  std::optional<double> number(const std::string& key, bool required) {
    const YAML::Node n = get(key);
    if (!n.IsDefined() || n.IsNull()) {
      if (required) diag_.report(node_.Mark(), key_path(key), "missing; it is required here");
      return std::nullopt;
    }
    double v = 0;
    if (!n.IsScalar() || !YAML::convert<double>::decode(n, v) || !std::isfinite(v)) {
      report(key, fmt::format("expected a finite number, got {}", describe(n)));
      return std::nullopt;
    }
    return v;
  }

  std::optional<long long> integer(const std::string& key, bool required, long long low,
                                   long long high) {
    const YAML::Node n = get(key);
    if (!n.IsDefined() || n.IsNull()) {
      if (required) diag_.report(node_.Mark(), key_path(key), "missing; it is required here");
      return std::nullopt;
    }
    long long v = 0;
    if (!n.IsScalar() || !YAML::convert<long long>::decode(n, v)) {
      report(key,
             fmt::format("expected a whole number from {} to {}, got {}", low, high, describe(n)));
      return std::nullopt;
    }
    if (v < low || v > high) {
      report(key, fmt::format("{} is out of range: expected {} to {}", v, low, high));
      return std::nullopt;
    }
    return v;
  }

  std::optional<std::uint64_t> seed(const std::string& key) {
    const YAML::Node n = get(key);
    if (!n.IsDefined() || n.IsNull()) return std::nullopt;
    std::uint64_t v = 0;
    if (!n.IsScalar() || n.Scalar().starts_with("-") ||
        !YAML::convert<std::uint64_t>::decode(n, v)) {
      report(key, fmt::format("expected a whole number from 0 to 2^64-1, got {}", describe(n)));
      return std::nullopt;
    }
    return v;
  }

  void check_unknown() {
    std::vector<std::string> known(known_.begin(), known_.end());
    for (const auto& kv : node_) {
      if (!kv.first.IsScalar()) {
        diag_.report(kv.first.Mark(), path_, "keys must be plain text");
        continue;
      }
      const std::string& k = kv.first.Scalar();
      if (known_.count(k) == 0) {
        diag_.report(kv.first.Mark(), join_path(path_, k),
                     fmt::format("unknown key '{}'{}", k, suggestion(k, known, "keys here")));
      }
    }
  }

 private:
  YAML::Node node_;
  std::string path_;
  Diagnostics& diag_;
  std::set<std::string> known_;
};

constexpr double kMaxWhole = 9007199254740992.0;  // 2^53
constexpr double kMaxPoints = 1e7;                ///< design points of one experiment
constexpr double kMaxRuns = 1e9;                  ///< runs of one experiment

/// Where `m` is in the file being read.
[[nodiscard]] SourceLocation location(const Diagnostics& diag, const YAML::Mark& m);
/// `relative` resolved against the folder of `file` (absolute paths unchanged).
[[nodiscard]] std::string resolve_against(const std::string& file, const std::string& relative);
/// Reads the parameters and design of a sweep (or of a comparison's ensemble) into `spec`.
void read_design(MapReader& top, Diagnostics& diag, DesignSpec& spec, const std::string& file,
                 bool for_ensemble);
/// Reads the list `parameters` of `top` (path, distribution, bounds) into spec.parameters; a
/// calibration's parameters may also name the scenarios they are set on (`scenarios`).
void read_parameters(MapReader& top, Diagnostics& diag, DesignSpec& spec, bool calibration);
/// Parses an experiment file's text and checks it is a map with `kind: EXPECTED`; throws
/// InputError on anything that stops reading further.
[[nodiscard]] YAML::Node parse_root(const std::string& text, Diagnostics& diag,
                                    const std::string& expected);
/// A `set:` map of dotted path -> value, as overrides located in the file.
[[nodiscard]] std::vector<Override> read_set(const YAML::Node& node, const std::string& path,
                                             Diagnostics& diag);
/// The `outcomes:` map of `top`: NAME -> EXPRESSION or NAME -> {expression, units, description}.
/// Checks the form and the names; the expressions are compiled against the scenario by the
/// experiment layer (experiment/user_outcomes.hpp).
[[nodiscard]] std::vector<OutcomeDefinition> read_outcome_definitions(MapReader& top,
                                                                      Diagnostics& diag);

}  // namespace flashpoint::experiment_detail
