// A store with as much work in flight as S2 lets it have. The request is refused at once (503,
// Retry-After: 1) rather than queued behind the others, so a drowning store neither drowns
// further nor holds the workers that the other stores' requests need.
#pragma once

#include <string>

#include "core/error.hpp"

namespace ld {

class StoreBusy : public StoreUnavailable {
 public:
  explicit StoreBusy(const std::string& store)
      : StoreUnavailable(store, "every pooled connection is in use; retry shortly") {}
};

}  // namespace ld
