// Whether a book matches the list filters of GET /books, decided on the book itself: the last
// word on every book an index proposes (book_index.hpp).
#pragma once

#include "domain/books/book.hpp"

namespace ld {

// q: a literal part of the folded title or of one folded author; author and category: one
// element equal once folded; language: equal as stored (both sides are canonical tags).
bool matches(const Book& book, const BookFilter& filter);

}  // namespace ld
