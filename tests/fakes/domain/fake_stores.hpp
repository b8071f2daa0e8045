// The three stores in memory, wired as S2 wires the real ones, with shortcuts for a test's
// starting state: a customer, a book with a price and maybe a stock count.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "domain/orders/place_order.hpp"
#include "fakes/domain/fake_book_repository.hpp"
#include "fakes/domain/fake_book_shelf.hpp"
#include "fakes/domain/fake_customer_repository.hpp"
#include "fakes/domain/fake_order_repository.hpp"
#include "fakes/domain/fake_stock_ledger.hpp"

namespace ld::fakes {

struct FakeStores {
  FakeBookShelf shelf;
  FakeBookRepository books{shelf};
  FakeStockLedger stock{shelf};
  FakeCustomerRepository customers;
  FakeOrderRepository orders;

  OrderStores order_stores() { return {orders, customers, books, stock}; }

  // A stored customer's id.
  std::int64_t add_customer(const std::string& name = "Maria da Silva");
  // A stored book's id; no price: not for sale; no stock: unlimited.
  std::string add_book(const std::string& title, std::optional<std::string> amount = "39.90",
                       std::optional<std::int64_t> copies = std::nullopt,
                       const std::string& currency = "BRL");
};

}  // namespace ld::fakes
