#include "core/date.hpp"

#include <charconv>

#include <fmt/format.h>

namespace flashpoint {

std::optional<Date> Date::parse(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto number = [&](std::size_t pos, std::size_t len) -> std::optional<int> {
    int v = 0;
    auto [ptr, ec] = std::from_chars(text.data() + pos, text.data() + pos + len, v);
    if (ec != std::errc{} || ptr != text.data() + pos + len) return std::nullopt;
    return v;
  };
  auto y = number(0, 4), m = number(5, 2), d = number(8, 2);
  if (!y || !m || !d) return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year{*y}, std::chrono::month{unsigned(*m)},
                                  std::chrono::day{unsigned(*d)}};
  if (!ymd.ok()) return std::nullopt;
  return Date{static_cast<int>(std::chrono::sys_days{ymd}.time_since_epoch().count())};
}

std::string Date::to_string() const {
  std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{days_since_epoch}}};
  return fmt::format("{:04d}-{:02d}-{:02d}", int(ymd.year()), unsigned(ymd.month()),
                     unsigned(ymd.day()));
}

}  // namespace flashpoint
