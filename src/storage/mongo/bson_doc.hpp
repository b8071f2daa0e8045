// Owned BSON documents: every bson_t the books adapter builds or keeps is freed by its owner.
#pragma once

#include <utility>

#include <bson/bson.h>

namespace ld::mongo {

// A heap document from bson_new(); movable, freed once. (A plain pointer rather than a
// unique_ptr: bson_t carries an alignment attribute that template arguments would drop.)
class Bson {
 public:
  Bson() : doc_(bson_new()) {}
  static Bson copy_of(const bson_t* doc) { return Bson(bson_copy(doc)); }
  ~Bson() {
    if (doc_) bson_destroy(doc_);
  }
  Bson(Bson&& other) noexcept : doc_(std::exchange(other.doc_, nullptr)) {}
  Bson& operator=(Bson&& other) noexcept {
    if (this != &other) {
      if (doc_) bson_destroy(doc_);
      doc_ = std::exchange(other.doc_, nullptr);
    }
    return *this;
  }
  Bson(const Bson&) = delete;
  Bson& operator=(const Bson&) = delete;

  bson_t* get() noexcept { return doc_; }
  const bson_t* get() const noexcept { return doc_; }

 private:
  explicit Bson(bson_t* owned) : doc_(owned) {}
  bson_t* doc_;
};

// A reply document the driver fills in. The driver initialises it itself, even when the call
// fails, so it starts as an empty inline document that owns nothing yet.
class Reply {
 public:
  Reply() { bson_init(&doc_); }
  ~Reply() { bson_destroy(&doc_); }
  Reply(const Reply&) = delete;
  Reply& operator=(const Reply&) = delete;

  bson_t* out() noexcept { return &doc_; }
  const bson_t* get() const noexcept { return &doc_; }

 private:
  bson_t doc_;
};

}  // namespace ld::mongo
