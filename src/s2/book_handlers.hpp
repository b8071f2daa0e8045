// HTTP handlers for /books (MongoDB).
#pragma once

#include "domain/books/book_repository.hpp"
#include "domain/shared/idempotency.hpp"
#include "http/message.hpp"

namespace ld::s2 {

class BookHandlers {
 public:
  explicit BookHandlers(BookRepository& books) : books_(books) {}

  // POST /books; a keyed request's `scope` promises the book its id.
  http::Response create(http::Request& request, const IdempotencyScope* scope = nullptr);
  http::Response list(http::Request& request);    // GET    /books
  http::Response get(http::Request& request);     // GET    /books/{id}
  http::Response patch(http::Request& request);   // PATCH  /books/{id}
  http::Response remove(http::Request& request);  // DELETE /books/{id}

 private:
  BookRepository& books_;
};

}  // namespace ld::s2
