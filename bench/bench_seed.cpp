// bench_seed: puts the data every GET and POST /orders of the benchmark reads into the bench
// stores, through S2's own HTTP API, and writes what it made to the seed folder, one per line:
//   customers.txt  books.txt  orders.txt  (ids)      words.txt  (the words titles are made of)
// The wrk scripts and store_baseline both draw from these files, so both sides read the same
// rows. Books get a price and a stock no run can sell out.
#include <fstream>
#include <iostream>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "domain/brazil/documents.hpp"
#include "net/http_client.hpp"

namespace {

using nlohmann::json;

// Titles are three of these words, so each word is in about one title in eight; a search for
// one finds a full page. Accents included: q is matched case- and accent-folded.
const std::vector<std::string> kWords = {
    "amor",   "noite",    "casa",     "mar",    "sertão",  "coração", "cidade", "tempo",
    "rio",    "memórias", "viagem",   "jardim", "estrela", "caminho", "sombra", "verão",
    "canção", "janela",   "floresta", "ilha",   "segredo", "vento",   "lua",    "história"};

const std::vector<std::string> kNames = {"Maria Aparecida dos Santos", "José Carlos de Oliveira",
                                         "Ana Beatriz Souza",          "João Pedro Ferreira Lima",
                                         "Francisca Gonçalves",        "Luís Antônio Araújo"};

class Seeder {
 public:
  explicit Seeder(std::string base_url) : base_url_(std::move(base_url)) {}

  // POSTs `body` and returns the new resource's id; throws unless S2 answered 201.
  std::string create(const std::string& path, const json& body) {
    ld::net::HttpRequest request;
    request.method = "POST";
    request.url = base_url_ + path;
    request.headers = {{"Content-Type", "application/json"}};
    request.body = body.dump();
    const auto response = client_.send(request);
    if (response.status != 201) {
      throw std::runtime_error(fmt::format("POST {} answered {}: {}{}", path, response.status,
                                           response.body, response.error));
    }
    const auto id = json::parse(response.body).at("id");
    return id.is_string() ? id.get<std::string>() : id.dump();
  }

 private:
  std::string base_url_;
  ld::net::HttpClient client_;
};

json customer(std::size_t i, std::mt19937& random) {
  // CPFs starting with 5 are the seed's; wrk's start with 3 and pgbench's with 10 to 25.
  const std::string nine = fmt::format("5{:08d}", i);
  return {{"name", kNames[random() % kNames.size()]},
          {"email", fmt::format("seed{}@bench.example.com", i)},
          {"cpf", nine + ld::brazil::cpf_check_digits(nine)},
          {"phone", "+55 11 91234-5678"},
          {"birth_date", "1985-04-12"},
          {"addresses",
           {{{"street", "Avenida Paulista"},
             {"number", "1578"},
             {"complement", "apto 42"},
             {"district", "Bela Vista"},
             {"city", "São Paulo"},
             {"state", "SP"},
             {"postal_code", "01310-200"},
             {"country", "BR"}}}}};
}

json book(std::size_t i, std::mt19937& random) {
  const auto word = [&] { return kWords[random() % kWords.size()]; };
  const std::string title = fmt::format("{} {} {} seed-{}", word(), word(), word(), i);
  return {{"title", title},
          {"authors", {"Ana Souza", "Carlos Lima"}},
          {"publisher", "Editora Livros & Dados"},
          {"published_date", "2019-05-01"},
          {"language", "pt"},
          {"categories", {"Ficção"}},
          {"page_count", 320},
          {"price", {{"amount", fmt::format("{}.90", 20 + i % 60)}, {"currency", "BRL"}}},
          {"stock", 100000000}};
}

json order(const std::vector<std::string>& customers, const std::vector<std::string>& books,
           std::mt19937& random) {
  const std::size_t first = random() % books.size();
  std::size_t second = random() % books.size();
  while (second == first) second = random() % books.size();
  return {{"customer_id", std::stoll(customers[random() % customers.size()])},
          {"items",
           {{{"book_id", books[first]}, {"quantity", 1}},
            {{"book_id", books[second]}, {"quantity", 1}}}}};
}

void write_lines(const std::string& path, const std::vector<std::string>& lines) {
  std::ofstream out(path);
  for (const auto& line : lines) out << line << '\n';
  if (!out) throw std::runtime_error("cannot write " + path);
}

}  // namespace

int main(int argc, char** argv) {
  std::string url = "http://127.0.0.1:5081";
  std::string folder;
  std::size_t customers = 200, books = 300, orders = 300;
  CLI::App cli{"Seeds the bench stores through S2's API (see bench/README.md)."};
  cli.add_option("--url", url, "S2's base URL");
  cli.add_option("--out", folder, "Seed folder to write")->required();
  cli.add_option("--customers", customers, "Customers to create")->check(CLI::Range(1, 100000));
  cli.add_option("--books", books, "Books to create")->check(CLI::Range(2, 100000));
  cli.add_option("--orders", orders, "Orders to create")->check(CLI::Range(1, 100000));
  CLI11_PARSE(cli, argc, argv);

  try {
    Seeder seeder(url);
    std::mt19937 random(20261130);  // the same data every run
    std::vector<std::string> customer_ids, book_ids, order_ids;
    for (std::size_t i = 0; i < customers; ++i) {
      customer_ids.push_back(seeder.create("/customers", customer(i, random)));
    }
    for (std::size_t i = 0; i < books; ++i) {
      book_ids.push_back(seeder.create("/books", book(i, random)));
    }
    for (std::size_t i = 0; i < orders; ++i) {
      order_ids.push_back(seeder.create("/orders", order(customer_ids, book_ids, random)));
    }
    write_lines(folder + "/customers.txt", customer_ids);
    write_lines(folder + "/books.txt", book_ids);
    write_lines(folder + "/orders.txt", order_ids);
    write_lines(folder + "/words.txt", kWords);
    std::cout << fmt::format("seeded {} customers, {} books, {} orders\n", customers, books,
                             orders);
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "bench_seed: " << e.what() << '\n';
    return 1;
  }
}
