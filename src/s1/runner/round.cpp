#include "s1/runner/round.hpp"

#include <exception>
#include <optional>

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "s1/audit_log/audit_entry.hpp"
#include "s1/audit_log/audit_log.hpp"
#include "s1/google_books/book_source.hpp"
#include "s1/report/progress.hpp"
#include "s1/report/summary_table.hpp"
#include "s1/runner/idempotency_key.hpp"
#include "s1/runner/post_phase.hpp"
#include "s1/runner/round_plan.hpp"
#include "s1/s2_client/entity_lookup.hpp"
#include "s1/s2_client/health_check.hpp"
#include "s1/s2_client/interruption.hpp"

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

// The records S2 answered a phase with (created or already there), by index; null for none.
std::vector<nlohmann::json> records_of(const PhaseRun& run) {
  std::vector<nlohmann::json> records(run.endings.size());
  for (std::size_t i = 0; i < run.endings.size(); ++i) {
    const auto& e = run.endings[i];
    if (e.ending == Ending::created || e.ending == Ending::already_present) records[i] = e.record;
  }
  return records;
}

// The ids of the records a phase left in S2 (created or already there), by index.
template <typename Id>
std::vector<std::optional<Id>> ids_of(const PhaseRun& run) {
  const auto records = records_of(run);
  std::vector<std::optional<Id>> ids(records.size());
  for (std::size_t i = 0; i < records.size(); ++i) {
    const auto& record = records[i];
    const auto id = record.is_object() ? record.value("id", nlohmann::json()) : nullptr;
    if constexpr (std::is_same_v<Id, std::int64_t>) {
      if (id.is_number_integer()) ids[i] = id.get<std::int64_t>();
    } else {
      if (id.is_string()) ids[i] = id.get<std::string>();
    }
  }
  return ids;
}

// Everything a round sends, decided before the first POST.
struct RoundPlan {
  std::vector<Draft> customers;
  std::vector<Draft> books;
  std::vector<OrderDraft> orders;
  bool complete = true;  // as many of each as asked for
};

RoundPlan plan_round(const RunOptions& o, AuditLog& log, std::ostream& err) {
  RoundPlan plan;
  plan.customers = plan_customers(o.seed, o.customers, o.invalid_rate, o.data_dir);
  const auto batch =
      google_books::fetch_books(o.books, book_source_options(o), log_google_exchanges(log));
  if (!batch.warning.empty()) err << "s1: warning: " << batch.warning << '\n';
  err << fmt::format("s1: {} books from {}\n", batch.books.size(), batch.source);
  plan.books = plan_books(batch.books, o.seed, o.invalid_rate);
  plan.orders = plan_orders(o.seed, o.orders, o.invalid_rate, plan.customers, plan.books);
  if (plan.books.size() < o.books) {
    err << fmt::format("s1: only {} of the {} books asked for could be found\n", plan.books.size(),
                       o.books);
    plan.complete = false;
  }
  if (plan.orders.size() < o.orders) {
    err << fmt::format(
        "s1: only {} of the {} orders could be planned (they need valid customers "
        "and priced books in stock)\n",
        plan.orders.size(), o.orders);
    plan.complete = false;
  }
  return plan;
}

// What every phase of a round sends with: the workers, the retry policy, the progress display.
struct Sender {
  WorkerPool& pool;
  const RetryPolicy& policy;
  std::ostream& err;
  bool terminal = false;

  PhaseRun post(const PostPhase& phase, const std::vector<PostJob>& jobs) {
    return run_post_phase(pool, phase, jobs, policy, err, terminal);
  }
};

PhaseRun post_customers(Sender& send, const RunOptions& o, const std::vector<Draft>& customers) {
  const PostPhase phase{"customers", "/customers",
                        [&](Worker& w, const nlohmann::json& sent, const std::string& tie) {
                          return find_customer(w.s2, "customers", sent, tie, send.policy, w.jitter);
                        }};
  return send.post(phase, jobs_from(customers, o.seed, "customers"));
}

PhaseRun post_books(Sender& send, const RunOptions& o, const std::vector<Draft>& books) {
  const PostPhase phase{"books", "/books",
                        [&](Worker& w, const nlohmann::json& sent, const std::string& tie) {
                          return find_book(w.s2, "books", sent, tie, send.policy, w.jitter);
                        }};
  return send.post(phase, jobs_from(books, o.seed, "books"));
}

// The orders go to the ids S2 gave, for no more copies than S2 said each book has.
PhaseRun post_orders(Sender& send, const RunOptions& o, std::vector<OrderDraft> orders,
                     const PhaseRun& customer_run, const PhaseRun& book_run) {
  const auto fit = fit_orders_to_stock(orders, stock_in_s2(records_of(book_run)));
  if (fit.lines_trimmed + fit.orders_dropped > 0) {
    send.err << fmt::format(
        "s1: books S2 already held have less stock than planned (or no price): {} order lines "
        "trimmed, {} orders dropped\n",
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
  return send.post({"orders", "/orders", nullptr}, jobs);
}

struct RoundRuns {
  PhaseRun customers, books, orders;
};

// Customers, then books, then orders; a phase the user interrupted before is not started.
RoundRuns send_round(Sender& send, const RunOptions& o, const RoundPlan& plan) {
  RoundRuns runs;
  runs.books.tally.phase = "books";
  runs.orders.tally.phase = "orders";
  runs.customers = post_customers(send, o, plan.customers);
  if (interrupted()) return runs;
  runs.books = post_books(send, o, plan.books);
  if (interrupted()) return runs;
  runs.orders = post_orders(send, o, plan.orders, runs.customers, runs.books);
  return runs;
}

void print_summary(std::ostream& out, const RoundRuns& runs, const TrafficStats& traffic,
                   const AuditLog& log) {
  out << "\nOutcomes per phase\n";
  print_outcome_table(out, {runs.customers.tally, runs.books.tally, runs.orders.tally});
  out << "\nTraffic per endpoint\n";
  print_traffic_table(out, traffic.summarize());
  out << fmt::format("\nlog: {} ({} entries)\n", log.path(), log.entries_written());
}

int exit_status(const RoundPlan& plan, const RoundRuns& runs, std::ostream& err) {
  if (interrupted()) {
    err << "s1: interrupted; the log holds every answer received so far\n";
    return 130;
  }
  const bool ok =
      plan.complete && runs.customers.tally.ok() && runs.books.tally.ok() && runs.orders.tally.ok();
  err << (ok ? "s1: every request that should have succeeded did\n"
             : "s1: some requests did not end as they should (see above and the log)\n");
  return ok ? 0 : 1;
}

}  // namespace

int run_round(const RunOptions& o, std::ostream& out, std::ostream& err) {
  install_interrupt_handler();
  const S2Target target{trim_base_url(o.server), o.token, o.timeout,
                        ids::new_request_id().substr(0, 8)};
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
  RoundPlan plan;
  try {
    log.emplace(o.log_path);
    log->append(to_log_entry(health.attempt));
    plan = plan_round(o, *log, err);
  } catch (const std::exception& e) {
    err << "s1: " << e.what() << '\n';
    return 2;
  }

  TrafficStats traffic;
  WorkerPool pool(o.concurrency, target, &*log, traffic, derive_seed(o.seed, "jitter"));
  RetryPolicy policy;
  policy.retry_for = o.retry_for;
  Sender send{pool, policy, err, stderr_is_terminal()};
  const RoundRuns runs = send_round(send, o, plan);

  print_summary(out, runs, traffic, *log);
  return exit_status(plan, runs, err);
}

}  // namespace ld::s1
