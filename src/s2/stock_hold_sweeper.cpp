#include "s2/stock_hold_sweeper.hpp"

#include <exception>

#include "core/clock.hpp"
#include "core/log.hpp"
#include "domain/orders/stock_hold_sweep.hpp"

namespace ld::s2 {

StockHoldSweeper::StockHoldSweeper(StockLedger& stock, OrderRepository& orders, Metrics& metrics,
                                   std::chrono::milliseconds expiry,
                                   std::chrono::milliseconds interval)
    : stock_(stock), orders_(orders), metrics_(metrics), expiry_(expiry), interval_(interval) {
  thread_ = std::thread([this] { run(); });
}

StockHoldSweeper::~StockHoldSweeper() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void StockHoldSweeper::run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    sweep_once();
    lock.lock();
    wake_.wait_for(lock, interval_, [this] { return stopping_; });
  }
}

void StockHoldSweeper::sweep_once() {
  try {
    const auto swept = sweep_stock_holds(stock_, orders_, clock::now_ms() - expiry_.count());
    if (failing_) log::event(spdlog::level::info, "stock-hold sweep works again");
    failing_ = false;
    for (const auto& [outcome, n] :
         {std::pair{"settled", swept.settled}, std::pair{"released", swept.released},
          std::pair{"restocked", swept.restocked}, std::pair{"forgotten", swept.forgotten}}) {
      if (n > 0) metrics_.count("stock_records_swept_total", {{"outcome", outcome}}, n);
    }
    if (swept.settled + swept.released + swept.restocked + swept.forgotten > 0) {
      log::event(spdlog::level::debug, "stock records swept",
                 {{"settled", swept.settled},
                  {"released", swept.released},
                  {"restocked", swept.restocked},
                  {"forgotten", swept.forgotten}});
    }
  } catch (const std::exception& e) {
    if (!failing_) {
      log::event(spdlog::level::warn, "stock-hold sweep failed; retrying every interval",
                 {{"error", e.what()}});
    }
    failing_ = true;
  }
}

}  // namespace ld::s2
