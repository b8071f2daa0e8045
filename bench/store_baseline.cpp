// store_baseline: the raw-store side of the benchmark. Runs one workload (the MongoDB or Redis
// work behind one S2 endpoint) from N threads for a fixed time and prints one JSON line:
//   {"name", "requests", "errors", "seconds", "requests_per_second", "p50_ms", "p99_ms"}.
// PostgreSQL's side is pgbench (bench/pgbench/*.sql). `drop-mongo` empties the bench database;
// `seed-books` grows its catalog by bulk inserts and appends the new ids to the seed's books.txt.
#include <chrono>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>

#include <CLI/CLI.hpp>

#include "baseline/load_run.hpp"
#include "baseline/mongo_workloads.hpp"
#include "baseline/redis_workloads.hpp"
#include "baseline/seed.hpp"

namespace {

using namespace ld::bench;

struct Options {
  std::string workload;
  std::size_t threads = 16;
  double seconds = 10;
  std::string seed_folder;
  MongoTarget mongo{"mongodb://127.0.0.1:17017", "livros_bench"};
  std::string redis_url = "redis://127.0.0.1:16379/2";
};

using WorkloadMaker = std::function<OperationFactory(const Options&, const Seed&)>;

const std::map<std::string, WorkloadMaker>& workloads() {
  static const std::map<std::string, WorkloadMaker> all = {
      {"mongo_book_insert",
       [](const Options& o, const Seed& s) { return mongo_book_insert(o.mongo, s); }},
      {"mongo_book_find",
       [](const Options& o, const Seed& s) { return mongo_book_find(o.mongo, s); }},
      {"mongo_book_search",
       [](const Options& o, const Seed& s) { return mongo_book_search(o.mongo, s); }},
      {"mongo_order_books",
       [](const Options& o, const Seed& s) { return mongo_order_books(o.mongo, s); }},
      {"redis_order_insert",
       [](const Options& o, const Seed& s) { return redis_order_insert(o.redis_url, s); }},
      {"redis_order_find",
       [](const Options& o, const Seed& s) { return redis_order_find(o.redis_url, s); }},
  };
  return all;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  CLI::App cli{"Raw-store load for the Livros & Dados benchmark (see bench/README.md)."};
  cli.require_subcommand(1);
  auto* run = cli.add_subcommand("run", "Run one workload and print its summary as JSON");
  std::vector<std::string> names;
  for (const auto& [name, maker] : workloads()) names.push_back(name);
  run->add_option("workload", o.workload, "What to run")->required()->check(CLI::IsMember(names));
  run->add_option("--threads", o.threads, "Concurrent connections, one per thread")
      ->check(CLI::Range(1, 256));
  run->add_option("--seconds", o.seconds, "How long to run")->check(CLI::Range(0.1, 3600.0));
  run->add_option("--seed", o.seed_folder, "Folder of seeded ids (customers.txt, ...)")->required();
  auto* drop = cli.add_subcommand("drop-mongo", "Drop the bench MongoDB database");
  auto* grow = cli.add_subcommand("seed-books", "Bulk-insert books, appending ids to books.txt");
  std::size_t book_count = 0;
  grow->add_option("--count", book_count, "Books to insert")->required();
  grow->add_option("--seed", o.seed_folder, "Seed folder (words.txt in, books.txt appended)")
      ->required();
  for (auto* command : {run, drop, grow}) {
    command->add_option("--mongo-url", o.mongo.url, "MongoDB URL");
    command->add_option("--mongo-db", o.mongo.database, "MongoDB database");
  }
  run->add_option("--redis-url", o.redis_url, "Redis URL (with the bench db number)");
  CLI11_PARSE(cli, argc, argv);

  try {
    if (drop->parsed()) {
      mongo_drop_database(o.mongo);
      return 0;
    }
    const Seed seed = read_seed(o.seed_folder);
    if (grow->parsed()) {
      std::ofstream books(o.seed_folder + "/books.txt", std::ios::app);
      for (const auto& id : mongo_seed_books(o.mongo, book_count, seed.words)) books << id << '\n';
      if (!books) throw std::runtime_error("cannot append to " + o.seed_folder + "/books.txt");
      return 0;
    }
    const auto factory = workloads().at(o.workload)(o, seed);
    const auto duration = std::chrono::milliseconds(static_cast<std::int64_t>(o.seconds * 1000.0));
    const auto summary = run_load(o.workload, o.threads, duration, factory);
    std::cout << to_json(summary).dump() << std::endl;
    return summary.requests > 0 ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << "store_baseline: " << e.what() << '\n';
    return 1;
  }
}
