// docs/openapi.json against the contract in words (the API design): the operations it lists, the
// statuses and headers every one of them documents, and the formats its schemas accept. Needs no
// server: it reads the file the server embeds.
#include <gtest/gtest.h>

#include <string>

#include "domain/books/book_fields.hpp"
#include "domain/books/book_input.hpp"
#include "domain/books/document_rules.hpp"
#include "domain/customers/address_input.hpp"
#include "domain/customers/customer_input.hpp"
#include "support/api_document.hpp"
#include "support/test_env.hpp"

namespace ld::test {
namespace {

using nlohmann::json;

const ApiDocument& document() {
  static const ApiDocument doc = ApiDocument::load(source_path("docs/openapi.json"));
  return doc;
}

bool is_write(const Operation& op) {
  return op.first == "POST" || op.first == "PATCH";
}

// The parameter named `name` among the operation's and its path's, references followed.
json parameter(const Operation& op, const std::string& name) {
  const auto& doc = document();
  json all = doc.as_json().at("paths").at(op.second).value("parameters", json::array());
  for (const auto& p : doc.operation(op).value("parameters", json::array())) all.push_back(p);
  for (const auto& p : all) {
    if (doc.resolve(p).at("name") == name) return doc.resolve(p);
  }
  return nullptr;
}

json problem_schema_of(const Operation& op, const std::string& status) {
  const auto& content = document().response(op, status).at("content");
  if (!content.contains("application/problem+json")) return nullptr;
  return content.at("application/problem+json").at("schema");
}

TEST(OpenApiDocument, IsOpenApi303) {
  EXPECT_EQ(document().as_json().at("openapi"), "3.0.3");
}

TEST(OpenApiDocument, ListsExactlyTheContractsOperations) {
  const std::set<Operation> contract = {
      {"POST", "/customers"},
      {"GET", "/customers"},
      {"GET", "/customers/{id}"},
      {"PATCH", "/customers/{id}"},
      {"DELETE", "/customers/{id}"},
      {"GET", "/customers/{id}/orders"},
      {"POST", "/books"},
      {"GET", "/books"},
      {"GET", "/books/{id}"},
      {"PATCH", "/books/{id}"},
      {"DELETE", "/books/{id}"},
      {"POST", "/orders"},
      {"GET", "/orders"},
      {"GET", "/orders/{id}"},
      {"PATCH", "/orders/{id}"},
      {"GET", "/health"},
      {"GET", "/ready"},
      {"GET", "/metrics"},
      {"GET", "/stats"},
      {"GET", "/openapi.json"},
      {"GET", "/admin/customers/{id}"},
      {"GET", "/admin/books/{id}"},
      {"GET", "/admin/orders/{id}"},
  };
  EXPECT_EQ(document().operations(), contract);
}

TEST(OpenApiDocument, EveryResponseCarriesRequestIdAndServerTiming) {
  for (const auto& op : document().operations()) {
    for (const auto& status : document().statuses(op)) {
      const auto& headers = document().response(op, status).at("headers");
      EXPECT_TRUE(headers.contains("X-Request-Id"))
          << op.first << " " << op.second << " " << status;
      EXPECT_TRUE(headers.contains("Server-Timing"))
          << op.first << " " << op.second << " " << status;
    }
  }
}

TEST(OpenApiDocument, EveryCreationAnswers201WithLocation) {
  for (const std::string path : {"/customers", "/books", "/orders"}) {
    const auto& created = document().response({"POST", path}, "201");
    EXPECT_TRUE(created.at("headers").contains("Location")) << path;
  }
}

TEST(OpenApiDocument, EveryDeletionAnswers204WithoutBody) {
  for (const std::string path : {"/customers/{id}", "/books/{id}"}) {
    EXPECT_FALSE(document().response({"DELETE", path}, "204").contains("content")) << path;
  }
}

TEST(OpenApiDocument, EveryErrorIsAProblemDocument) {
  for (const auto& op : document().operations()) {
    for (const auto& status : document().statuses(op)) {
      if (status[0] < '4' || op.second == "/ready") continue;  // /ready's 503 is its report
      const auto schema = problem_schema_of(op, status);
      ASSERT_FALSE(schema.is_null()) << op.first << " " << op.second << " " << status;
      EXPECT_EQ(schema.at("$ref"), "#/components/schemas/Problem");
    }
  }
}

TEST(OpenApiDocument, WritesTakeIdempotencyKeyAndDocumentItsOutcomes) {
  for (const auto& op : document().operations()) {
    if (!is_write(op)) continue;
    EXPECT_FALSE(parameter(op, "Idempotency-Key").is_null()) << op.first << " " << op.second;
    const auto statuses = document().statuses(op);
    for (const std::string status : {"400", "401", "409", "413", "415", "422"}) {
      EXPECT_TRUE(statuses.count(status)) << op.first << " " << op.second << " " << status;
    }
    const auto success = op.first == "POST" ? "201" : "200";
    EXPECT_TRUE(document().response(op, success).at("headers").contains("Idempotent-Replayed"));
  }
}

TEST(OpenApiDocument, WritesMayNeedABearerTokenAndReadsStayOpen) {
  const json optional_bearer = json::array({{{"bearerAuth", json::array()}}, json::object()});
  for (const auto& op : document().operations()) {
    const auto& operation = document().operation(op);
    if (op.second.starts_with("/admin/")) {
      // Store internals: always behind the token (and off without one).
      EXPECT_EQ(operation.at("security"), json::array({{{"bearerAuth", json::array()}}}));
      EXPECT_TRUE(document().response(op, "401").at("headers").contains("WWW-Authenticate"));
      continue;
    }
    if (op.first == "GET") {
      EXPECT_FALSE(operation.contains("security")) << op.second;
      continue;
    }
    EXPECT_EQ(operation.at("security"), optional_bearer) << op.first << " " << op.second;
    const auto& unauthorized = document().response(op, "401");
    EXPECT_TRUE(unauthorized.at("headers").contains("WWW-Authenticate"));
  }
  const auto& scheme = document().as_json().at("components").at("securitySchemes").at("bearerAuth");
  EXPECT_EQ(scheme.at("scheme"), "bearer");
}

TEST(OpenApiDocument, PatchTakesJsonAndMergePatch) {
  for (const auto& op : document().operations()) {
    if (op.first != "PATCH") continue;
    const auto& body = document().resolve(document().operation(op).at("requestBody"));
    EXPECT_TRUE(body.at("content").contains("application/json")) << op.second;
    EXPECT_TRUE(body.at("content").contains("application/merge-patch+json")) << op.second;
  }
}

TEST(OpenApiDocument, EveryStoreEndpointAnswers503WithRetryAfter) {
  for (const auto& op : document().operations()) {
    if (op.second == "/health" || op.second == "/metrics" || op.second == "/openapi.json") continue;
    ASSERT_TRUE(document().statuses(op).count("503")) << op.first << " " << op.second;
    if (op.second == "/ready") continue;
    EXPECT_TRUE(document().response(op, "503").at("headers").contains("Retry-After")) << op.second;
  }
}

TEST(OpenApiDocument, EveryIdInAPathAnswers400WhenMalformedAnd404WhenUnknown) {
  for (const auto& op : document().operations()) {
    if (op.second.find("{id}") == std::string::npos) continue;
    const auto statuses = document().statuses(op);
    EXPECT_TRUE(statuses.count("400") && statuses.count("404")) << op.first << " " << op.second;
  }
}

TEST(OpenApiDocument, CustomerIdsArePositive64BitIntegers) {
  const auto schema = parameter({"GET", "/customers/{id}"}, "id").at("schema");
  const auto& doc = document();
  EXPECT_TRUE(doc.violations(17, schema).empty());
  EXPECT_TRUE(doc.violations(9223372036854775807LL, schema).empty());
  EXPECT_FALSE(doc.violations(0, schema).empty());
  EXPECT_FALSE(doc.violations("abc", schema).empty());
}

TEST(OpenApiDocument, BookIdsAre24HexDigitsOfEitherCase) {
  const auto schema = parameter({"GET", "/books/{id}"}, "id").at("schema");
  const auto& doc = document();
  EXPECT_TRUE(doc.violations("65f0c0ffee0123456789abcd", schema).empty());
  EXPECT_TRUE(doc.violations("65F0C0FFEE0123456789ABCD", schema).empty());
  EXPECT_FALSE(doc.violations("65f0c0ffee0123456789abc", schema).empty());
  EXPECT_FALSE(doc.violations("65f0c0ffee0123456789abcg", schema).empty());
}

TEST(OpenApiDocument, OrderIdsAreCanonicalUuids) {
  const auto schema = parameter({"GET", "/orders/{id}"}, "id").at("schema");
  const auto& doc = document();
  EXPECT_TRUE(doc.violations("0193d0a4-5b7e-7c3a-9d2e-1f0a2b3c4d5e", schema).empty());
  EXPECT_TRUE(doc.violations("0193D0A4-5B7E-7C3A-9D2E-1F0A2B3C4D5E", schema).empty());
  EXPECT_FALSE(doc.violations("0193d0a45b7e7c3a9d2e1f0a2b3c4d5e", schema).empty());
}

TEST(OpenApiDocument, ListsTakeLimitFrom1To100DefaultingTo20AndACursor) {
  for (const Operation& op :
       {Operation{"GET", "/customers"}, Operation{"GET", "/books"}, Operation{"GET", "/orders"},
        Operation{"GET", "/customers/{id}/orders"}}) {
    const auto limit = parameter(op, "limit");
    ASSERT_FALSE(limit.is_null()) << op.second;
    EXPECT_EQ(limit.at("schema").at("minimum"), 1);
    EXPECT_EQ(limit.at("schema").at("maximum"), 100);
    EXPECT_EQ(limit.at("schema").at("default"), 20);
    EXPECT_FALSE(parameter(op, "cursor").is_null()) << op.second;
    EXPECT_TRUE(document().statuses(op).count("400")) << op.second;
  }
}

TEST(OpenApiDocument, PagesEndWithANullCursor) {
  const json last_page = {{"items", json::array()}, {"next_cursor", nullptr}};
  for (const std::string page : {"CustomerPage", "BookPage", "OrderPage"}) {
    EXPECT_TRUE(document().violations(last_page, document().schema(page)).empty()) << page;
    EXPECT_FALSE(
        document().violations(json{{"items", json::array()}}, document().schema(page)).empty())
        << page << " without next_cursor";
  }
}

TEST(OpenApiDocument, MoneyIsAStringWithTwoDecimalsAndAnIsoCurrency) {
  const auto& money = document().schema("Money");
  const auto& doc = document();
  EXPECT_TRUE(doc.violations({{"amount", "39.90"}, {"currency", "BRL"}}, money).empty());
  EXPECT_FALSE(doc.violations({{"amount", "39.9"}, {"currency", "BRL"}}, money).empty());
  EXPECT_FALSE(doc.violations({{"amount", 39.90}, {"currency", "BRL"}}, money).empty());
  EXPECT_FALSE(doc.violations({{"amount", "39.90"}, {"currency", "brl"}}, money).empty());
  EXPECT_FALSE(doc.violations({{"amount", "39.90"}}, money).empty());
}

TEST(OpenApiDocument, MoneyInputTakesANumberOrAStringWithAtMostTwoDecimals) {
  const auto& input = document().schema("MoneyInput");
  const auto& doc = document();
  EXPECT_TRUE(doc.violations({{"amount", 39.9}, {"currency", "BRL"}}, input).empty());
  EXPECT_TRUE(doc.violations({{"amount", "39"}, {"currency", "BRL"}}, input).empty());
  EXPECT_FALSE(doc.violations({{"amount", "39.900"}, {"currency", "BRL"}}, input).empty());
  EXPECT_FALSE(doc.violations({{"amount", -1}, {"currency", "BRL"}}, input).empty());
}

TEST(OpenApiDocument, CpfCepAndUfInputsFollowTheirBrazilianForms) {
  const auto& doc = document();
  const auto& cpf = doc.schema("CpfInput");
  EXPECT_TRUE(doc.violations("123.456.789-09", cpf).empty());
  EXPECT_TRUE(doc.violations("12345678909", cpf).empty());
  EXPECT_FALSE(doc.violations("1234567890", cpf).empty());
  const auto& address = doc.schema("AddressInput");
  const json ok = {{"street", "Avenida Paulista"},
                   {"number", "s/n"},
                   {"city", "São Paulo"},
                   {"state", "sp"},
                   {"postal_code", "01310-100"}};
  EXPECT_TRUE(doc.violations(ok, address).empty());
  auto bad_cep = ok;
  bad_cep["postal_code"] = "1310-100";
  EXPECT_FALSE(doc.violations(bad_cep, address).empty());
  auto bad_uf = ok;
  bad_uf["state"] = "São";
  EXPECT_FALSE(doc.violations(bad_uf, address).empty());
}

TEST(OpenApiDocument, CpfAndIsbnsNameTheirCheckDigitAlgorithms) {
  const auto& doc = document();
  EXPECT_EQ(doc.schema("CpfInput").at("x-check-digits").at("algorithm"), "cpf-mod11");
  EXPECT_EQ(doc.schema("CustomerPatch").at("properties").at("cpf").at("x-check-digits"),
            doc.schema("CpfInput").at("x-check-digits"));
  for (const std::string book : {"NewBook", "BookPatch"}) {
    const auto& fields = doc.schema(book).at("properties");
    EXPECT_EQ(fields.at("isbn_10").at("x-check-digits").at("algorithm"), "isbn-10-mod11") << book;
    EXPECT_EQ(fields.at("isbn_13").at("x-check-digits").at("algorithm"), "isbn-13-mod10") << book;
    // The shapes S2 takes: hyphens or spaces anywhere, an X only as ISBN-10's check character.
    EXPECT_TRUE(doc.violations("0-8044-2957-x", fields.at("isbn_10")).empty());
    EXPECT_TRUE(doc.violations("978 85 359 0277 8", fields.at("isbn_13")).empty());
    EXPECT_FALSE(doc.violations("X-8044-2957-5", fields.at("isbn_10")).empty());
    EXPECT_FALSE(doc.violations("977-85-359-0277-8", fields.at("isbn_13")).empty());
  }
  // Digits are ASCII digits: other scripts' digits are no CPF.
  EXPECT_FALSE(doc.violations("\u0661\u0662\u0663.456.789-09", doc.schema("CpfInput")).empty());
}

TEST(OpenApiDocument, AddressCountriesAreAssignedCodesInAnyCase) {
  const auto& country = document().schema("AddressInput").at("properties").at("country");
  EXPECT_TRUE(document().violations("br", country).empty());
  EXPECT_TRUE(document().violations("PT", country).empty());
  EXPECT_FALSE(document().violations("XX", country).empty());
}

TEST(OpenApiDocument, BookFieldNamesFollowTheRulesS2Checks) {
  const auto& doc = document();
  for (const std::string book : {"NewBook", "BookPatch"}) {
    const json names = {{"type", "string"},
                        {"pattern", doc.schema(book).at("x-propertyNames").at("pattern")}};
    EXPECT_TRUE(doc.violations("maturityRating", names).empty()) << book;
    EXPECT_TRUE(doc.violations("price$", names).empty()) << book;
    for (const std::string& bad :
         std::vector<std::string>{"", "$inc", "a.b", std::string("a\0b", 3)}) {
      EXPECT_FALSE(doc.violations(bad, names).empty()) << book << " " << bad;
    }
    const auto& rules = doc.schema(book).at("x-document-rules");
    EXPECT_EQ(rules.at("maxDepth"), books::kMaxDocumentDepth);
    EXPECT_EQ(rules.at("maxBytes"), books::kMaxBookBytes);
    EXPECT_EQ(rules.at("arraysInArrays"), false);
  }
}

// Every limit in the document is the one the code holds, so the document says what S2 does.
TEST(OpenApiDocument, LimitsAreTheOnesS2Enforces) {
  const auto& doc = document();
  for (const std::string name : {"NewCustomer", "CustomerPatch"}) {
    const auto& fields = doc.schema(name).at("properties");
    EXPECT_EQ(fields.at("name").at("maxLength"), kMaxNameChars) << name;
    EXPECT_EQ(fields.at("phone").at("maxLength"), kMaxPhoneChars) << name;
    EXPECT_EQ(fields.at("addresses").at("maxItems"), kMaxAddresses) << name;
    // A limit beyond the API design carries its reason.
    EXPECT_NE(fields.at("addresses").at("description").get<std::string>().find("transaction"),
              std::string::npos);
  }
  const auto& address = doc.schema("AddressInput").at("properties");
  EXPECT_EQ(address.at("street").at("maxLength"), kMaxStreetChars);
  EXPECT_EQ(address.at("number").at("maxLength"), kMaxNumberChars);
  EXPECT_EQ(address.at("complement").at("maxLength"), kMaxComplementChars);
  EXPECT_EQ(address.at("district").at("maxLength"), kMaxDistrictChars);
  EXPECT_EQ(address.at("city").at("maxLength"), kMaxCityChars);
  for (const std::string name : {"NewBook", "BookPatch"}) {
    const auto& fields = doc.schema(name).at("properties");
    EXPECT_EQ(fields.at("title").at("maxLength"), books::kMaxTitleChars) << name;
    EXPECT_EQ(fields.at("subtitle").at("maxLength"), books::kMaxTitleChars) << name;
    EXPECT_EQ(fields.at("publisher").at("maxLength"), books::kMaxNameChars) << name;
    EXPECT_EQ(fields.at("description").at("maxLength"), books::kMaxDescriptionChars) << name;
    EXPECT_NE(fields.at("description").at("description").get<std::string>().find("256 KiB"),
              std::string::npos);
    for (const std::string list : {"authors", "categories"}) {
      EXPECT_EQ(fields.at(list).at("maxItems"), books::kMaxListItems) << name << " " << list;
      EXPECT_EQ(fields.at(list).at("items").at("maxLength"), books::kMaxNameChars) << list;
    }
    EXPECT_EQ(fields.at("google_volume_id").at("maxLength"), books::kMaxVolumeIdChars) << name;
    EXPECT_EQ(fields.at("page_count").at("maximum"), books::kMaxPageCount) << name;
    EXPECT_EQ(fields.at("stock").at("maximum"), books::kMaxStock) << name;
    EXPECT_NE(doc.schema(name).at("description").get<std::string>().find("FerretDB"),
              std::string::npos)
        << name << ": the reason for refusing arrays inside arrays";
  }
}

TEST(OpenApiDocument, TextThatTrimsToNothingIsOutsideTheSchema) {
  const auto& doc = document();
  const auto& title = doc.schema("NewBook").at("properties").at("title");
  EXPECT_TRUE(doc.violations("Iracema", title).empty());
  EXPECT_FALSE(doc.violations(" \t ", title).empty());
  const auto& name = doc.schema("NewCustomer").at("properties").at("name");
  EXPECT_FALSE(doc.violations("   ", name).empty());
}

TEST(OpenApiDocument, CustomersAreReturnedWithExactlyTheirDocumentedFields) {
  const auto& doc = document();
  const auto& customer = doc.schema("Customer");
  const json ana = {{"id", 17},
                    {"name", "Ana Souza"},
                    {"email", "ana@example.com.br"},
                    {"cpf", "12345678909"},
                    {"addresses", json::array()},
                    {"created_at", "2026-11-30T12:00:00.123Z"},
                    {"updated_at", "2026-11-30T12:00:00.123Z"}};
  EXPECT_TRUE(doc.violations(ana, customer).empty());
  auto with_extra = ana;
  with_extra["password"] = "x";
  EXPECT_FALSE(doc.violations(with_extra, customer).empty());
  auto without_addresses = ana;
  without_addresses.erase("addresses");
  EXPECT_FALSE(doc.violations(without_addresses, customer).empty());
  auto formatted_cpf = ana;
  formatted_cpf["cpf"] = "123.456.789-09";  // returned as 11 digits only
  EXPECT_FALSE(doc.violations(formatted_cpf, customer).empty());
}

TEST(OpenApiDocument, BooksKeepFieldsTheContractDoesNotKnow) {
  const auto& doc = document();
  const json book = {{"id", "65f0c0ffee0123456789abcd"},
                     {"title", "Dom Casmurro"},
                     {"maturityRating", "NOT_MATURE"},
                     {"created_at", "2026-11-30T12:00:00.123Z"},
                     {"updated_at", "2026-11-30T12:00:00.123Z"}};
  EXPECT_TRUE(doc.violations(book, doc.schema("Book")).empty());
  auto bad_isbn = book;
  bad_isbn["isbn_13"] = "978-85-359-0277-8";  // returned normalised, digits only
  EXPECT_FALSE(doc.violations(bad_isbn, doc.schema("Book")).empty());
}

TEST(OpenApiDocument, OrderStatusesAreTheFiveOfTheContract) {
  EXPECT_EQ(document().schema("OrderStatus").at("enum"),
            json({"created", "paid", "shipped", "delivered", "cancelled"}));
}

TEST(OpenApiDocument, AMergePatchMayRemoveOptionalFieldsButNotRequiredOnes) {
  const auto& doc = document();
  EXPECT_TRUE(
      doc.violations({{"phone", nullptr}, {"cpf", nullptr}}, doc.schema("CustomerPatch")).empty());
  EXPECT_FALSE(doc.violations({{"name", nullptr}}, doc.schema("CustomerPatch")).empty());
  EXPECT_TRUE(
      doc.violations({{"price", nullptr}, {"stock", nullptr}}, doc.schema("BookPatch")).empty());
  EXPECT_FALSE(doc.violations({{"title", nullptr}}, doc.schema("BookPatch")).empty());
}

TEST(OpenApiDocument, EveryExampleConformsToItsSchema) {
  const auto& doc = document();
  std::size_t examples = 0;
  for (const auto& [name, schema] : doc.as_json().at("components").at("schemas").items()) {
    if (!schema.contains("example")) continue;
    ++examples;
    EXPECT_EQ(doc.violations(schema.at("example"), schema), std::vector<std::string>{}) << name;
  }
  EXPECT_GE(examples, 5u);
}

}  // namespace
}  // namespace ld::test
