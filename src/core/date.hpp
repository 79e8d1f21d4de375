#pragma once
// Calendar dates (proleptic Gregorian), stored as days since 1970-01-01.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace flashpoint {

struct Date {
  int days_since_epoch = 0;

  /// Parses "YYYY-MM-DD"; nullopt when malformed or not a real calendar day.
  [[nodiscard]] static std::optional<Date> parse(std::string_view text);
  [[nodiscard]] std::string to_string() const;  ///< "YYYY-MM-DD"
  [[nodiscard]] Date plus_days(int n) const { return Date{days_since_epoch + n}; }
  friend int operator-(Date a, Date b) { return a.days_since_epoch - b.days_since_epoch; }
  friend auto operator<=>(Date, Date) = default;
};

}  // namespace flashpoint
