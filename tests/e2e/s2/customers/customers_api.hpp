// The fixture of the /customers end-to-end tests: the real s2 binary over HTTP against the local
// stores, and a direct PostgreSQL connection to check what landed there. The stores are shared
// with other tests, so each run uses its own e-mails, CPFs and names instead of emptying tables.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "domain/brazil/documents.hpp"
#include "net/http_client.hpp"
#include "support/api_client.hpp"
#include "support/s2_process.hpp"
#include "support/test_env.hpp"

namespace ld::test {

using nlohmann::json;

// A token no earlier run used: e-mails and names of this run contain it.
inline const std::string& run_token() {
  static const std::string token =
      fmt::format("r{}x{}", ::getpid(),
                  std::chrono::system_clock::now().time_since_epoch().count() % 100000000);
  return token;
}

inline std::string unique_email(const std::string& who) {
  static int n = 0;
  return fmt::format("{}.{}.{}@example.com.br", who, run_token(), ++n);
}

// A valid CPF drawn at random: runs do not reset the table, and 10^9 bases make a repeat unlikely.
inline std::string unique_cpf() {
  static std::mt19937_64 random(std::random_device{}());
  for (;;) {
    const std::string nine = fmt::format("{:09}", random() % 1000000000);
    const std::string cpf = nine + brazil::cpf_check_digits(nine);
    if (brazil::normalize_cpf(cpf)) return cpf;
  }
}

inline std::string formatted_cpf(const std::string& d) {
  return d.substr(0, 3) + "." + d.substr(3, 3) + "." + d.substr(6, 3) + "-" + d.substr(9);
}

// Percent-encodes a query parameter value (RFC 3986 unreserved characters stay as they are).
inline std::string url_encode(const std::string& value) {
  std::string out;
  for (const unsigned char c : value) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

inline json address(const std::string& city) {
  return {{"street", "Rua da Aurora"},
          {"number", "s/n"},
          {"city", city},
          {"state", "pe"},
          {"postal_code", "50050-000"}};
}

class CustomersApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = std::make_unique<S2Process>(); }
  static void TearDownTestSuite() { server_.reset(); }

  Answer send(const std::string& method, const std::string& path, const std::string& body = "",
              const std::string& content_type = "application/json") {
    return send_request(client_, method, server_->base_url() + path, body, {}, content_type);
  }
  Answer post(const std::string& path, const json& body) { return send("POST", path, body.dump()); }
  Answer patch(const std::string& path, const json& body) {
    return send("PATCH", path, body.dump(), "application/merge-patch+json");
  }
  Answer get(const std::string& path) { return send("GET", path); }

  json new_customer(json extra = json::object()) {
    json body = {{"name", "Cliente " + run_token()}, {"email", unique_email("cliente")}};
    body.update(extra);
    const auto a = post("/customers", body);
    EXPECT_EQ(a.status, 201) << a.raw.body;
    return a.body;
  }

  static std::string path_of(const json& customer) {
    return "/customers/" + std::to_string(customer.at("id").get<std::int64_t>());
  }

  // One row straight from PostgreSQL.
  static pqxx::row pg_row(const std::string& sql, std::int64_t id) {
    pqxx::connection c(pg_url());
    pqxx::nontransaction tx(c);
    return tx.exec_params1(sql, id);
  }

  static inline std::unique_ptr<S2Process> server_;
  net::HttpClient client_;
};

}  // namespace ld::test
