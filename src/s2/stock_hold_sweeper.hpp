// Runs the stock-hold sweep (domain/orders/stock_hold_sweep.hpp) in the background: once at
// start, for holds left by an S2 that died, then every `interval`. A store that is down only
// delays the sweep; it is logged once per outage, not once per round.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "core/metrics.hpp"
#include "domain/books/stock_ledger.hpp"
#include "domain/orders/order_repository.hpp"

namespace ld::s2 {

class StockHoldSweeper {
 public:
  // Holds older than `expiry` whose orders are not stored are given back. What each sweep did
  // is counted in stock_records_swept_total{outcome}.
  StockHoldSweeper(StockLedger& stock, OrderRepository& orders, Metrics& metrics,
                   std::chrono::milliseconds expiry, std::chrono::milliseconds interval);
  ~StockHoldSweeper();  // stops and joins
  StockHoldSweeper(const StockHoldSweeper&) = delete;
  StockHoldSweeper& operator=(const StockHoldSweeper&) = delete;

 private:
  void run();
  void sweep_once();

  StockLedger& stock_;
  OrderRepository& orders_;
  Metrics& metrics_;
  std::chrono::milliseconds expiry_;
  std::chrono::milliseconds interval_;
  bool failing_ = false;

  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace ld::s2
