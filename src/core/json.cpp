#include "core/json.hpp"

#include <nlohmann/json.hpp>

namespace flashpoint {

std::string json_text(const Json& j) {
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace flashpoint
