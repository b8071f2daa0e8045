#include "s1/google_books/offline_catalog.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace ld::s1::google_books {

namespace fs = std::filesystem;
using nlohmann::json;

std::string default_catalog_dir() {
  return std::string(LD_DATA_DIR) + "/catalog";
}

std::vector<json> load_catalog(const std::string& dir) {
  std::error_code ec;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.is_regular_file() && entry.path().extension() == ".json") {
      files.push_back(entry.path());
    }
  }
  if (ec) throw std::runtime_error("cannot read the offline catalog " + dir + ": " + ec.message());
  if (files.empty()) throw std::runtime_error("the offline catalog " + dir + " has no .json files");
  std::sort(files.begin(), files.end());

  std::vector<json> volumes;
  for (const auto& file : files) {
    std::ifstream in(file);
    const json doc = json::parse(in, nullptr, false);
    if (!doc.is_object() || doc.value("kind", std::string{}) != "books#volumes") {
      throw std::runtime_error(file.string() + " is not a Google Books volumes response");
    }
    const auto items = doc.find("items");
    if (items == doc.end()) continue;  // a search without hits has no items
    if (!items->is_array()) throw std::runtime_error(file.string() + ": items is not an array");
    volumes.insert(volumes.end(), items->begin(), items->end());
  }
  return volumes;
}

}  // namespace ld::s1::google_books
