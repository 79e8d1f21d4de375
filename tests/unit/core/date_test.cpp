#include "core/date.hpp"

#include <gtest/gtest.h>

namespace flashpoint {
namespace {

TEST(Date, ParsesAndPrintsIsoDates) {
  const auto d = Date::parse("2025-10-08");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->to_string(), "2025-10-08");
  EXPECT_EQ(Date::parse("1970-01-01")->days_since_epoch, 0);
}

TEST(Date, AddsDaysAcrossMonthsAndLeapYears) {
  EXPECT_EQ(Date::parse("2025-09-25")->plus_days(98).to_string(), "2026-01-01");
  EXPECT_EQ(Date::parse("2024-02-28")->plus_days(1).to_string(), "2024-02-29");
  EXPECT_EQ(*Date::parse("2025-12-31") - *Date::parse("2025-09-25"), 97);
}

TEST(Date, RejectsMalformedAndImpossibleDates) {
  EXPECT_FALSE(Date::parse("2025-02-29"));
  EXPECT_FALSE(Date::parse("2025-13-01"));
  EXPECT_FALSE(Date::parse("2025-1-01"));
  EXPECT_FALSE(Date::parse("25-10-2025"));
  EXPECT_FALSE(Date::parse("2025-10-0x"));
  EXPECT_TRUE(Date::parse("2024-02-29"));
}

}  // namespace
}  // namespace flashpoint
