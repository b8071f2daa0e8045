#include "s1/runner/round.hpp"

#include <exception>
#include <map>
#include <optional>

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "s1/audit_log/audit_entry.hpp"
#include "s1/audit_log/audit_log.hpp"
#include "s1/google_books/book_source.hpp"
#include "s1/report/progress.hpp"
#include "s1/report/summary_table.hpp"
#include "s1/runner/entity_lookup.hpp"
#include "s1/runner/health_check.hpp"
#include "s1/runner/idempotency_key.hpp"
#include "s1/runner/interruption.hpp"
#include "s1/runner/post_phase.hpp"
#include "s1/runner/round_plan.hpp"

namespace ld::s1 {

namespace {

using google_books::GoogleExchange;
using google_books::GoogleObserver;

// Base URL and key stay empty: the book source reads GOOGLE_BOOKS_API_URL/_KEY itself.
google_books::BookSourceOptions book_source_options(const RunOptions& o) {
  google_books::BookSourceOptions b;
  b.mode = o.books_source;
  b.queries = o.queries;
  b.retries = o.retries;
  b.timeout = o.timeout;
  b.catalog_dir = o.data_dir + "/catalog";
  b.seed = o.seed;
  return b;
}

// Google Books exchanges go into the same log, phase google_books; their URLs come masked.
GoogleObserver log_google_exchanges(AuditLog& log) {
  return [&log](const GoogleExchange& x) {
    AttemptRecord r;
    r.sent_at = clock::now_ms() - static_cast<clock::Millis>(x.duration_ms);
    r.phase = "google_books";
    r.method = x.method;
    r.url = x.url_masked;
    r.status = x.status;
    r.response_headers = x.response_headers;
    r.response_body = x.response_body;
    r.duration_ms = x.duration_ms;
    r.attempt = x.attempt;
    r.error = x.error;
    log.append(to_log_entry(r));
  };
}

std::vector<PostJob> jobs_from(const std::vector<Draft>& drafts, std::uint64_t seed,
                               const std::string& phase) {
  std::vector<PostJob> jobs;
  for (std::size_t i = 0; i < drafts.size(); ++i) {
    jobs.push_back({drafts[i].body, drafts[i].invalid,
                    idempotency_key(seed, phase, i, drafts[i].body.dump())});
  }
  return jobs;
}

// The ids of the records a phase left in S2 (created, resolved or already there), by index.
template <typename Id>
std::vector<std::optional<Id>> ids_of(const PhaseRun& run) {
  std::vector<std::optional<Id>> ids(run.endings.size());
  for (std::size_t i = 0; i < run.endings.size(); ++i) {
    const auto& e = run.endings[i];
    if (e.ending != Ending::created && e.ending != Ending::resolved_after_retry &&
        e.ending != Ending::already_present) {
      continue;
    }
    const auto id = e.record.is_object() ? e.record.value("id", nlohmann::json()) : nullptr;
    if constexpr (std::is_same_v<Id, std::int64_t>) {
      if (id.is_number_integer()) ids[i] = id.get<std::int64_t>();
    } else {
      if (id.is_string()) ids[i] = id.get<std::string>();
    }
  }
  return ids;
}

// The stock S2 reports for the books that were there before this round (none: unlimited).
std::map<std::size_t, std::optional<std::int64_t>> stock_on_hand(const PhaseRun& run) {
  std::map<std::size_t, std::optional<std::int64_t>> on_hand;
  for (std::size_t i = 0; i < run.endings.size(); ++i) {
    const auto& e = run.endings[i];
    if (e.ending != Ending::already_present || !e.record.is_object()) continue;
    const auto stock = e.record.value("stock", nlohmann::json());
    on_hand[i] =
        stock.is_number_integer() ? std::optional(stock.get<std::int64_t>()) : std::nullopt;
  }
  return on_hand;
}

}  // namespace

int run_round(const RunOptions& o, std::ostream& out, std::ostream& err) {
  install_interrupt_handler();
  const bool terminal = stderr_is_terminal();
  S2Target target{trim_base_url(o.server), o.token, o.timeout, ids::new_request_id().substr(0, 8)};
  const auto health =
      check_health(target.base_url, std::min(o.timeout, std::chrono::milliseconds(5000)),
                   "s1-" + target.run_id + "-health");
  if (health.problem) {
    err << "s1: " << *health.problem << '\n';
    return 2;
  }
  err << fmt::format("s1: seed {}{}; server {}\n", o.seed,
                     o.seed_given ? "" : " (pass --seed to repeat this data)", target.base_url);

  std::optional<AuditLog> log;
  std::vector<Draft> customers, books;
  std::vector<OrderDraft> orders;
  try {
    log.emplace(o.log_path);
    log->append(to_log_entry(health.attempt));
    customers = plan_customers(o.seed, o.customers, o.invalid_rate, o.data_dir);
    const auto batch =
        google_books::fetch_books(o.books, book_source_options(o), log_google_exchanges(*log));
    if (!batch.warning.empty()) err << "s1: warning: " << batch.warning << '\n';
    err << fmt::format("s1: {} books from {}\n", batch.books.size(), batch.source);
    books = plan_books(batch.books, o.seed, o.invalid_rate);
    orders = plan_orders(o.seed, o.orders, o.invalid_rate, customers, books);
  } catch (const std::exception& e) {
    err << "s1: " << e.what() << '\n';
    return 2;
  }
  bool complete = true;
  if (books.size() < o.books) {
    err << fmt::format("s1: only {} of the {} books asked for could be found\n", books.size(),
                       o.books);
    complete = false;
  }
  if (orders.size() < o.orders) {
    err << fmt::format(
        "s1: only {} of the {} orders could be planned (they need valid customers "
        "and priced books in stock)\n",
        orders.size(), o.orders);
    complete = false;
  }

  TrafficStats traffic;
  WorkerPool pool(o.concurrency, target, &*log, traffic, derive_seed(o.seed, "jitter"));
  RetryPolicy policy;
  policy.retries = o.retries;

  const PostPhase customer_phase{
      "customers", "/customers",
      [&](Worker& w, const nlohmann::json& sent, const std::string& tie) {
        return find_customer(w.s2, "customers", sent, tie, policy, w.jitter);
      }};
  const PhaseRun customer_run = run_post_phase(
      pool, customer_phase, jobs_from(customers, o.seed, "customers"), policy, err, terminal);

  const PostPhase book_phase{"books", "/books",
                             [&](Worker& w, const nlohmann::json& sent, const std::string& tie) {
                               return find_book(w.s2, "books", sent, tie, policy, w.jitter);
                             }};
  PhaseRun book_run;
  book_run.tally.phase = "books";
  if (!interrupted()) {
    book_run =
        run_post_phase(pool, book_phase, jobs_from(books, o.seed, "books"), policy, err, terminal);
  }

  PhaseRun order_run;
  order_run.tally.phase = "orders";
  if (!interrupted()) {
    const auto fit = fit_orders_to_stock(orders, stock_on_hand(book_run));
    if (fit.lines_trimmed + fit.orders_dropped > 0) {
      err << fmt::format(
          "s1: books already in S2 had less stock than planned: {} order lines trimmed, {} "
          "orders dropped\n",
          fit.lines_trimmed, fit.orders_dropped);
    }
    const auto customer_ids = ids_of<std::int64_t>(customer_run);
    const auto book_ids = ids_of<std::string>(book_run);
    std::vector<PostJob> jobs;
    for (std::size_t i = 0; i < orders.size(); ++i) {
      auto body = order_body(orders[i], customer_ids, book_ids);
      const auto key = body ? idempotency_key(o.seed, "orders", i, body->dump()) : std::string{};
      jobs.push_back({std::move(body), orders[i].invalid(), key});
    }
    order_run = run_post_phase(pool, {"orders", "/orders", nullptr}, jobs, policy, err, terminal);
  }

  out << "\nOutcomes per phase\n";
  print_outcome_table(out, {customer_run.tally, book_run.tally, order_run.tally});
  out << "\nTraffic per endpoint\n";
  print_traffic_table(out, traffic.summarize());
  out << fmt::format("\nlog: {} ({} entries)\n", log->path(), log->entries_written());

  if (interrupted()) {
    err << "s1: interrupted; the log holds every answer received so far\n";
    return 130;
  }
  const bool ok =
      complete && customer_run.tally.ok() && book_run.tally.ok() && order_run.tally.ok();
  err << (ok ? "s1: every request that should have succeeded did\n"
             : "s1: some requests did not end as they should (see above and the log)\n");
  return ok ? 0 : 1;
}

}  // namespace ld::s1
