// The volumes the fake Google Books server searches: the project's offline catalog, each volume
// tagged with the subject of its file ("literatura-brasileira.json" -> "literatura brasileira").
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace ld::fake_google {

struct CatalogVolume {
  nlohmann::json volume;
  std::string subject;   // folded words of the file name
  std::string haystack;  // folded title, subtitle, authors, publisher, categories, description
};

class FakeCatalog {
 public:
  // Reads every *.json volumes response in `dir`, files in name order.
  explicit FakeCatalog(const std::string& dir);

  // The volumes matching every term of `q`, in catalog order. Terms: "subject:x" (a category
  // or the file's subject contains x), "intitle:x", "inauthor:x", "isbn:x", or plain words
  // (anywhere); matching folds case and Portuguese accents. `lang` keeps tags starting with it.
  std::vector<const nlohmann::json*> search(const std::vector<std::string>& terms,
                                            const std::string& lang) const;

  std::size_t size() const { return volumes_.size(); }

 private:
  std::vector<CatalogVolume> volumes_;
};

// The words of a query, split on white space.
std::vector<std::string> split_terms(const std::string& q);

}  // namespace ld::fake_google
