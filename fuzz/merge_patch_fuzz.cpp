// PATCH bodies (JSON merge patches) of customers and books, validated and applied to a stored
// record as the handlers do.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/error.hpp"
#include "core/json_input.hpp"
#include "domain/books/book_input.hpp"
#include "domain/customers/customer_input.hpp"
#include "domain/customers/customer_patch.hpp"

namespace {

const ld::Customer& stored_customer() {
  static const ld::Customer customer = ld::parse_customer(nlohmann::json::parse(R"({
    "name": "Maria da Conceição", "email": "maria@example.com.br", "cpf": "529.982.247-25",
    "addresses": [{"street": "Rua das Flores, 10", "city": "Recife", "state": "PE",
                   "postal_code": "50000-000", "country": "BR"}]})"));
  return customer;
}

const ld::Book& stored_book() {
  static const ld::Book book = ld::books::read_new_book(nlohmann::json::parse(R"({
    "title": "Dom Casmurro", "authors": ["Machado de Assis"], "isbn": "9788535910664",
    "price": {"amount": "39.90", "currency": "BRL"}, "stock": 5})"));
  return book;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  try {
    const auto patch = ld::json_input::parse_object(body);
    try {
      ld::validate_merge_patch(patch);
      ld::apply_merge_patch(stored_customer(), patch);
    } catch (const ld::Error&) {
    }
    try {
      const auto checked = ld::books::read_book_patch(patch);
      auto book = stored_book();
      ld::books::apply_book_patch(book, checked);
    } catch (const ld::Error&) {
    }
  } catch (const ld::Error&) {
  }
  return 0;
}
