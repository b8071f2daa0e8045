// Reads KEY=VALUE lines from a .env file into the environment, without overriding variables that
// are already set (the real environment wins, then .env, then built-in defaults).
#pragma once

#include <string>

namespace ld::dotenv {

// Returns false when the file does not exist. Lines: KEY=VALUE, optional quotes, # comments.
bool load(const std::string& path);

}  // namespace ld::dotenv
