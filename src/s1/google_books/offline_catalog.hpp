// The offline catalog that ships with the project (data/catalog/*.json): Google Books volume
// search responses kept on disk, read when Google Books can't be reached or isn't wanted.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace ld::s1::google_books {

// The project's data/catalog folder.
std::string default_catalog_dir();

// The volumes (`items`) of every *.json file in `dir`, files in name order. Throws
// std::runtime_error naming the file when the folder has none or one is not a volumes response.
std::vector<nlohmann::json> load_catalog(const std::string& dir);

}  // namespace ld::s1::google_books
