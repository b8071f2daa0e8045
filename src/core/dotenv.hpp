// Reads KEY=VALUE lines from a .env file into the environment, without overriding variables that
// are already set (the real environment wins, then .env, then built-in defaults).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ld::dotenv {

// KEY=VALUE pairs of a .env text, in order (no environment touched).
std::vector<std::pair<std::string, std::string>> parse(std::string_view text);

// Returns false when the file does not exist. Lines: KEY=VALUE, optional quotes, # comments.
bool load(const std::string& path);

}  // namespace ld::dotenv
