// json_text: the one line the --json outputs print.
#include "core/json.hpp"

#include <cmath>
#include <limits>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace flashpoint {
namespace {

TEST(JsonText, OneLineKeysInTheOrderGiven) {
  const Json j = {{"zeta", 1}, {"alpha", "two"}, {"list", {1.5, 2}}};
  EXPECT_EQ(json_text(j), "{\"zeta\":1,\"alpha\":\"two\",\"list\":[1.5,2]}");
}

TEST(JsonText, NumbersThatAreNotFiniteAreNull) {
  const Json j = {{"nan", std::nan("")},
                  {"inf", std::numeric_limits<double>::infinity()},
                  {"third", 1.0 / 3.0}};
  const std::string text = json_text(j);
  EXPECT_EQ(text, "{\"nan\":null,\"inf\":null,\"third\":0.3333333333333333}");
  EXPECT_EQ(Json::parse(text)["third"].get<double>(), 1.0 / 3.0);  // round trip, every bit
}

TEST(JsonText, QuotesControlBytesAndBadUtf8StillParse) {
  // A file name may hold any byte but '/' and NUL: quotes, a tab, Latin-1 "é" (0xE9, not UTF-8).
  const std::string name = "a\"b\\c\td\xE9.h5";
  const std::string text = json_text(Json{{"output", name}});
  EXPECT_EQ(text, "{\"output\":\"a\\\"b\\\\c\\td\xEF\xBF\xBD.h5\"}");
  EXPECT_EQ(Json::parse(text)["output"], "a\"b\\c\td\xEF\xBF\xBD.h5");
  // Valid UTF-8 passes unchanged.
  EXPECT_EQ(json_text(Json("Torkham \xE2\x80\x93 Chaman")), "\"Torkham \xE2\x80\x93 Chaman\"");
}

}  // namespace
}  // namespace flashpoint
