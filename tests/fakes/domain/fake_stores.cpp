#include "fakes/domain/fake_stores.hpp"

#include "domain/books/book_input.hpp"
#include "domain/customers/customer_input.hpp"

namespace ld::fakes {

std::int64_t FakeStores::add_customer(const std::string& name) {
  const auto email = "cliente" + std::to_string(customers.count() + 1) + "@example.com.br";
  return customers.create(parse_customer({{"name", name}, {"email", email}})).id;
}

std::string FakeStores::add_book(const std::string& title, std::optional<std::string> amount,
                                 std::optional<std::int64_t> copies, const std::string& currency) {
  nlohmann::json body = {{"title", title}};
  if (amount) body["price"] = {{"amount", *amount}, {"currency", currency}};
  if (copies) body["stock"] = *copies;
  return books.create(books::read_new_book(body)).id;
}

}  // namespace ld::fakes
