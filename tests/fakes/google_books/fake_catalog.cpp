#include "fakes/google_books/fake_catalog.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/text.hpp"

namespace ld::fake_google {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string joined(const json& info, const char* key) {
  const auto it = info.find(key);
  if (it == info.end()) return {};
  if (it->is_string()) return it->get<std::string>();
  std::string out;
  if (it->is_array()) {
    for (const auto& part : *it) {
      if (part.is_string()) out += part.get<std::string>() + " | ";
    }
  }
  return out;
}

bool has_isbn(const json& info, const std::string& isbn) {
  const auto ids = info.find("industryIdentifiers");
  if (ids == info.end() || !ids->is_array()) return false;
  return std::any_of(ids->begin(), ids->end(), [&](const json& id) {
    return id.is_object() && id.value("identifier", std::string{}) == isbn;
  });
}

bool matches(const CatalogVolume& entry, const std::string& term) {
  const auto& info = entry.volume["volumeInfo"];
  const auto colon = term.find(':');
  const std::string field = colon == std::string::npos ? "" : term.substr(0, colon);
  const std::string value =
      text::fold_case(colon == std::string::npos ? term : term.substr(colon + 1));
  if (field == "subject") {
    return text::contains_folded(joined(info, "categories"), value) ||
           entry.subject.find(value) != std::string::npos;
  }
  if (field == "intitle") return text::contains_folded(joined(info, "title"), value);
  if (field == "inauthor") return text::contains_folded(joined(info, "authors"), value);
  if (field == "isbn") return has_isbn(info, value);
  return entry.haystack.find(value) != std::string::npos ||
         entry.subject.find(value) != std::string::npos;
}

}  // namespace

FakeCatalog::FakeCatalog(const std::string& dir) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    std::ifstream in(file);
    const json doc = json::parse(in);
    std::string subject = file.stem().string();
    std::replace(subject.begin(), subject.end(), '-', ' ');
    for (const auto& volume : doc.value("items", json::array())) {
      const auto& info = volume["volumeInfo"];
      std::string hay;
      for (const char* key :
           {"title", "subtitle", "authors", "publisher", "categories", "description"}) {
        hay += joined(info, key) + " | ";
      }
      volumes_.push_back({volume, text::fold_case(subject), text::fold_case(hay)});
    }
  }
  if (volumes_.empty()) throw std::runtime_error("no volumes in " + dir);
}

std::vector<const json*> FakeCatalog::search(const std::vector<std::string>& terms,
                                             const std::string& lang) const {
  std::vector<const json*> found;
  for (const auto& entry : volumes_) {
    const auto language = entry.volume["volumeInfo"].value("language", std::string{});
    if (!lang.empty() && language.rfind(lang, 0) != 0) continue;
    if (std::all_of(terms.begin(), terms.end(),
                    [&](const std::string& t) { return matches(entry, t); })) {
      found.push_back(&entry.volume);
    }
  }
  return found;
}

std::vector<std::string> split_terms(const std::string& q) {
  std::vector<std::string> terms;
  std::istringstream in(q);
  for (std::string word; in >> word;) terms.push_back(word);
  return terms;
}

}  // namespace ld::fake_google
