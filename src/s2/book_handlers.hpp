// HTTP handlers for /books (MongoDB).
#pragma once

#include "domain/books/book_repository.hpp"
#include "http/message.hpp"

namespace ld::s2 {

class BookHandlers {
 public:
  explicit BookHandlers(BookRepository& books) : books_(books) {}

  http::Response create(http::Request& request);  // POST   /books
  http::Response list(http::Request& request);    // GET    /books
  http::Response get(http::Request& request);     // GET    /books/{id}
  http::Response patch(http::Request& request);   // PATCH  /books/{id}
  http::Response remove(http::Request& request);  // DELETE /books/{id}

 private:
  BookRepository& books_;
};

}  // namespace ld::s2
