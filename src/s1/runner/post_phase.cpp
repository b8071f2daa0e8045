#include "s1/runner/post_phase.hpp"

#include <mutex>

#include <fmt/format.h>

#include "s1/report/progress.hpp"
#include "s1/s2_client/delivery.hpp"
#include "s1/s2_client/entity_lookup.hpp"

namespace ld::s1 {

namespace {

std::string describe(const net::HttpResponse& r) {
  if (r.status == 0) return "no answer: " + r.error;
  std::string detail = fmt::format("HTTP {}", r.status);
  const auto body = nlohmann::json::parse(r.body, nullptr, false);
  if (body.is_object() && body.contains("detail") && body["detail"].is_string()) {
    detail += ": " + body["detail"].get<std::string>();
  }
  if (body.is_object() && body.contains("errors") && body["errors"].is_array()) {
    for (const auto& e : body["errors"]) {
      if (e.is_object())
        detail += fmt::format(" [{}: {}]", e.value("field", ""), e.value("message", ""));
    }
  }
  return detail;
}

PostEnding post_one(Worker& worker, const PostPhase& phase, const PostJob& job,
                    const RetryPolicy& policy) {
  if (!job.body) return {Ending::skipped, nullptr, "a record it needs was not created"};
  Call call{phase.phase, "POST " + phase.path, "POST",
            phase.path,  job.body->dump(),     job.idempotency_key};
  const Delivery d = deliver(worker.s2, call, policy, worker.jitter);
  const long status = d.response.status;
  if (d.interrupted) return {Ending::interrupted, nullptr, "interrupted"};

  if (status >= 200 && status < 300) {
    auto record = nlohmann::json::parse(d.response.body, nullptr, false);
    if (job.invalid)
      return {Ending::invalid_accepted, record, "S2 accepted a record built to be invalid"};
    if (!record_id(record)) return {Ending::failed, nullptr, "2xx without a record id"};
    return {
        Ending::created, std::move(record), {}, d.response.header("Idempotent-Replayed") == "true"};
  }
  if (job.invalid && status >= 400 && status < 500) {
    return {Ending::rejected_as_expected, nullptr, describe(d.response)};
  }
  // A 409 on a field (not on the key) is a record that was there before this request: an
  // earlier round's book with this ISBN, a customer with this e-mail. It is never our own first
  // attempt, even after a retry: S2 answers every attempt with one Idempotency-Key with the
  // record promised to that key (a book's id is made from the promise, a customer carries its
  // creation key), so a first attempt that got through is answered 201 again, not 409. The
  // round goes on with the record S2 holds (its price and stock), never the one it planned; the
  // lookup carries the key so that verify reads it back from the log as this POST's answer.
  if (status == 409 && phase.lookup && !is_key_in_use(d.response)) {
    if (auto found = phase.lookup(worker, *job.body, job.idempotency_key)) {
      return {Ending::already_present, std::move(*found), {}};
    }
  }
  return {Ending::failed, nullptr, describe(d.response)};
}

void count(OutcomeTally& tally, const PostEnding& e) {
  switch (e.ending) {
    case Ending::created:
      ++tally.created;
      if (e.replayed) ++tally.replayed;
      break;
    case Ending::already_present:
      ++tally.already_present;
      break;
    case Ending::rejected_as_expected:
      ++tally.rejected_as_expected;
      break;
    case Ending::invalid_accepted:
      ++tally.invalid_accepted;
      break;
    case Ending::failed:
      ++tally.failed;
      break;
    case Ending::skipped:
      ++tally.skipped;
      break;
    case Ending::interrupted:
      break;
  }
}

bool as_intended(Ending e) {
  return e != Ending::failed && e != Ending::skipped && e != Ending::invalid_accepted;
}

}  // namespace

PhaseRun run_post_phase(WorkerPool& pool, const PostPhase& phase, const std::vector<PostJob>& jobs,
                        const RetryPolicy& policy, std::ostream& progress_out, bool terminal) {
  PhaseRun run;
  run.endings.resize(jobs.size());
  run.tally.phase = phase.phase;
  run.tally.planned = jobs.size();
  std::mutex mutex;
  std::vector<std::string> failures;
  {
    PhaseProgress progress(progress_out, phase.phase, jobs.size(), terminal);
    pool.run(jobs.size(), [&](Worker& worker, std::size_t i) {
      PostEnding ending = post_one(worker, phase, jobs[i], policy);
      const bool ok = as_intended(ending.ending);
      {
        std::lock_guard lock(mutex);
        count(run.tally, ending);
        if (!ok) failures.push_back(fmt::format("{}[{}]: {}", phase.phase, i, ending.detail));
        run.endings[i] = std::move(ending);
      }
      progress.advance(ok);
    });
  }
  constexpr std::size_t kShown = 10;
  for (std::size_t i = 0; i < failures.size() && i < kShown; ++i) {
    progress_out << "  " << failures[i] << '\n';
  }
  if (failures.size() > kShown) {
    progress_out << fmt::format("  ... and {} more (see the log)\n", failures.size() - kShown);
  }
  return run;
}

}  // namespace ld::s1
