// BookRepository in memory, on a FakeBookShelf, with the contract of book_repository.hpp: ids
// of 24 hex digits, unique ISBNs and volume ids (409 naming the field), updates only from the
// version read (409 naming no field otherwise), and the faults a test injects (faults.hpp;
// operation names are the method names).
#pragma once

#include "domain/books/book_repository.hpp"
#include "fakes/domain/fake_book_shelf.hpp"

namespace ld::fakes {

class FakeBookRepository final : public BookRepository {
 public:
  explicit FakeBookRepository(FakeBookShelf& shelf) : shelf_(shelf) {}

  Book create(const Book& book) override;
  std::optional<Book> find(const std::string& id) override;
  Page<Book> list(const BookFilter& filter, const PageRequest& page) override;
  std::optional<Book> update(const Book& read, const Book& changed) override;
  bool remove(const std::string& id) override;
  std::int64_t count() override;

 private:
  // Throws 409 naming the first unique field of `book` that another book holds.
  void check_unique(const Book& book) const;

  FakeBookShelf& shelf_;
};

}  // namespace ld::fakes
