#include "core/ids.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <charconv>
#include <random>

#include <fmt/format.h>

#include "core/clock.hpp"

namespace ld::ids {

std::optional<std::int64_t> parse_customer_id(std::string_view s) {
  if (s.empty() || s.size() > 19 || s[0] == '0') return std::nullopt;
  if (!std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  std::int64_t value = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc{} || ptr != s.data() + s.size()) return std::nullopt;  // overflow
  return value;
}

namespace {

bool is_hex(char c) {
  return std::isxdigit(static_cast<unsigned char>(c)) != 0;
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::mt19937_64& rng() {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  return engine;
}

}  // namespace

std::optional<std::string> parse_book_id(std::string_view s) {
  if (s.size() != 24 || !std::all_of(s.begin(), s.end(), is_hex)) return std::nullopt;
  return lower(s);
}

std::optional<std::string> parse_order_id(std::string_view s) {
  if (s.size() != 36) return std::nullopt;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? s[i] != '-' : !is_hex(s[i])) return std::nullopt;
  }
  return lower(s);
}

std::string new_uuid_v7() {
  std::array<unsigned char, 16> b{};
  const auto ms = static_cast<std::uint64_t>(clock::now_ms());
  for (int i = 0; i < 6; ++i)
    b[static_cast<std::size_t>(i)] = static_cast<unsigned char>(ms >> (40 - 8 * i));
  const std::uint64_t r1 = rng()();
  const std::uint64_t r2 = rng()();
  for (int i = 0; i < 2; ++i)
    b[static_cast<std::size_t>(6 + i)] = static_cast<unsigned char>(r1 >> (8 * i));
  for (int i = 0; i < 8; ++i)
    b[static_cast<std::size_t>(8 + i)] = static_cast<unsigned char>(r2 >> (8 * i));
  b[6] = static_cast<unsigned char>((b[6] & 0x0F) | 0x70);  // version 7
  b[8] = static_cast<unsigned char>((b[8] & 0x3F) | 0x80);  // RFC 9562 variant
  std::string out;
  out.reserve(36);
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += fmt::format("{:02x}", b[i]);
  }
  return out;
}

std::string book_id_from_promise(std::string_view uuid) {
  std::string hex;
  for (char c : uuid) {
    if (c != '-') hex += c;
  }
  const auto ms = std::stoull(hex.substr(0, 12), nullptr, 16);
  return fmt::format("{:08x}", (ms / 1000) & 0xFFFFFFFFu) + hex.substr(16, 16);
}

std::string new_book_id() {
  // As the MongoDB drivers make an ObjectId: seconds, five random bytes fixed for the process,
  // and a counter from a random start, so the ids one process makes sort in the order made.
  static const std::uint64_t process = rng()() & 0xFF'FFFF'FFFFu;
  static std::atomic<std::uint32_t> counter{static_cast<std::uint32_t>(rng()())};
  const auto seconds = static_cast<std::uint64_t>(clock::now_ms() / 1000) & 0xFFFF'FFFFu;
  return fmt::format("{:08x}{:010x}{:06x}", seconds, process, counter++ & 0xFF'FFFFu);
}

std::string new_request_id() {
  return fmt::format("{:016x}{:016x}", rng()(), rng()());
}

}  // namespace ld::ids
