#include "storage/mongo/book_document.hpp"

#include <string>

#include "domain/books/book_fields.hpp"
#include "storage/mongo/bson_json.hpp"

namespace ld::mongo {

using nlohmann::json;

namespace {

void append_price(bson_t* doc, const Book& book) {
  const auto price = book.price();
  if (!price) return;
  bson_t child;
  bson_append_document_begin(doc, "price", -1, &child);
  bson_append_int64(&child, "amount_cents", -1, price->cents);
  bson_append_utf8(&child, "currency", -1, price->currency.c_str(), -1);
  bson_append_document_end(doc, &child);
}

json price_from(const bson_iter_t& iter) {
  json stored = value_to_json(iter);
  Money money;
  if (const auto cents = stored.find("amount_cents");
      cents != stored.end() && cents->is_number_integer()) {
    money.cents = cents->get<std::int64_t>();
  }
  money.currency = stored.value("currency", std::string{});
  return to_json(money);
}

}  // namespace

Bson book_document(const Book& book, const bson_oid_t& id) {
  Bson doc;
  bson_append_oid(doc.get(), "_id", -1, &id);
  json extra = json::object();
  for (const auto& [key, value] : book.fields.items()) {
    if (!books::is_known_field(key)) {
      extra[key] = value;
    } else if (key != "price") {
      append_json(doc.get(), key, value);
    }
  }
  append_price(doc.get(), book);
  if (!extra.empty()) append_json(doc.get(), "extra", extra);
  bson_append_date_time(doc.get(), "created_at", -1, book.created_at);
  bson_append_date_time(doc.get(), "updated_at", -1, book.updated_at);
  return doc;
}

Book book_from_document(const bson_t* doc) {
  Book book;
  bson_iter_t iter;
  if (!bson_iter_init(&iter, doc)) return book;
  while (bson_iter_next(&iter)) {
    const std::string key = bson_iter_key(&iter);
    if (key == "_id" && BSON_ITER_HOLDS_OID(&iter)) {
      char hex[25];
      bson_oid_to_string(bson_iter_oid(&iter), hex);
      book.id = hex;
    } else if (key == "created_at" && BSON_ITER_HOLDS_DATE_TIME(&iter)) {
      book.created_at = bson_iter_date_time(&iter);
    } else if (key == "updated_at" && BSON_ITER_HOLDS_DATE_TIME(&iter)) {
      book.updated_at = bson_iter_date_time(&iter);
    } else if (key == "price" && BSON_ITER_HOLDS_DOCUMENT(&iter)) {
      book.fields["price"] = price_from(iter);
    } else if (key == "extra" && BSON_ITER_HOLDS_DOCUMENT(&iter)) {
      json extras = value_to_json(iter);
      for (auto& [name, value] : extras.items()) book.fields[name] = std::move(value);
    } else if (key != kRetiredSearch && key != kRetiredSearchGrams && key != kStockHolds &&
               key != kStockReturns && key != kStockPending && key != kRevision) {
      book.fields[key] = value_to_json(iter);
    }
  }
  return book;
}

void copy_stock_ledgers(const bson_t* from, bson_t* to) {
  for (const char* ledger : {kStockHolds, kStockReturns, kStockPending}) {
    bson_iter_t iter;
    if (bson_iter_init_find(&iter, from, ledger)) bson_append_iter(to, ledger, -1, &iter);
  }
}

}  // namespace ld::mongo
