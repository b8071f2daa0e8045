// The books list query on MongoDB alone, which S2 uses only until the book index in PostgreSQL is
// complete: q is not served by an index here (FerretDB would read every book). Every condition
// compares the client's text with the folded copies that book_document.hpp stores, by equality or
// by a pattern with every metacharacter escaped, so no user text is ever read as a regular
// expression or an operator.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <bson/bson.h>

#include "domain/books/book.hpp"
#include "storage/mongo/bson_doc.hpp"

namespace ld::mongo {

// A pattern that matches `text` literally ("a.*(" -> "a\.\*\("). Only the metacharacters are
// escaped, which both MongoDB's PCRE and FerretDB's RE2 syntax read the same way.
std::string literal_pattern(std::string_view text);

// The filter for `filter`, after the book `after` (keyset pagination by _id).
Bson list_filter(const BookFilter& filter, const std::optional<bson_oid_t>& after);

}  // namespace ld::mongo
