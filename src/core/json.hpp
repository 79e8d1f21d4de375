// JSON for the --json outputs, through nlohmann-json (Debian nlohmann-json3-dev). Only the
// forward declarations here; a file that builds a Json value includes <nlohmann/json.hpp>.
#pragma once

#include <string>

#include <nlohmann/json_fwd.hpp>

namespace flashpoint {

/// A JSON value whose objects keep their keys in the order they were added (the order the
/// docs give).
using Json = nlohmann::ordered_json;

/// `j` as one line of JSON. Numbers that are not finite are written null (nlohmann-json's rule);
/// bytes that are not UTF-8 (in a file name, say) are written as U+FFFD, so the text always
/// parses.
[[nodiscard]] std::string json_text(const Json& j);

}  // namespace flashpoint
