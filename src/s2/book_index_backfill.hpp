// Runs the book index's back-fill (domain/books/indexed_book_repository.hpp) in the background,
// so S2 listens at once while books stored before the index get their rows; until it ends, lists
// are answered from the books store alone. A store that is down only delays it: it is tried
// again every few seconds until it ends once. Stopped (and joined) with the object.
#pragma once

#include <chrono>
#include <thread>

#include "domain/books/book_index.hpp"
#include "domain/books/book_repository.hpp"

namespace ld::s2 {

class BookIndexBackfill {
 public:
  BookIndexBackfill(BookRepository& books, BookIndex& index,
                    std::chrono::milliseconds retry_every = std::chrono::seconds(5));

 private:
  void run(std::stop_token stop);

  BookRepository& books_;
  BookIndex& index_;
  std::chrono::milliseconds retry_every_;
  std::jthread thread_;  // last member: it starts after, and stops before, everything it uses
};

}  // namespace ld::s2
