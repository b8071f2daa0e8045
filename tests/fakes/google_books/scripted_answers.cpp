#include "fakes/google_books/scripted_answers.hpp"

#include <nlohmann/json.hpp>

namespace ld::fake_google {

namespace {

using nlohmann::json;

std::string older_shape(int code, const std::string& message, const std::string& domain,
                        const std::string& reason) {
  return json{
      {"error",
       {{"code", code},
        {"message", message},
        {"errors", json::array({{{"message", message}, {"domain", domain}, {"reason", reason}}})}}}}
      .dump();
}

std::string newer_shape(int code, const std::string& message, const std::string& status,
                        const std::string& reason) {
  return json{
      {"error",
       {{"code", code},
        {"message", message},
        {"errors",
         json::array({{{"message", message}, {"domain", "global"}, {"reason", "badRequest"}}})},
        {"status", status},
        {"details", json::array({{{"@type", "type.googleapis.com/google.rpc.ErrorInfo"},
                                  {"reason", reason},
                                  {"domain", "googleapis.com"},
                                  {"metadata", {{"service", "books.googleapis.com"}}}}})}}}}
      .dump();
}

}  // namespace

Answer quota_429() {
  return {429, older_shape(429, "Quota exceeded for quota metric 'Queries' of service.",
                           "usageLimits", "rateLimitExceeded")};
}

Answer quota_403() {
  return {403, older_shape(403, "Rate Limit Exceeded", "usageLimits", "rateLimitExceeded")};
}

Answer invalid_key() {
  return {400, newer_shape(400, "API key not valid. Please pass a valid API key.",
                           "INVALID_ARGUMENT", "API_KEY_INVALID")};
}

Answer forbidden() {
  return {403, newer_shape(403,
                           "Books API has not been used in this project before or it is "
                           "disabled.",
                           "PERMISSION_DENIED", "SERVICE_DISABLED")};
}

Answer backend_error() {
  return {503, older_shape(503, "Backend Error", "global", "backendError")};
}

Answer bad_parameter(const std::string& message) {
  return {400, newer_shape(400, message, "INVALID_ARGUMENT", "BAD_REQUEST")};
}

const std::string& variant_volumes() {
  static const std::string body = R"({
 "kind": "books#volumes",
 "totalItems": 1000,
 "items": [
  {"kind": "books#volume", "id": "vNoIsbn00001",
   "volumeInfo": {"title": "O Ateneu", "authors": ["Raul Pompeia"], "publishedDate": "1888",
                  "industryIdentifiers": [], "pageCount": 270, "language": "pt"},
   "saleInfo": {"country": "BR", "saleability": "NOT_FOR_SALE", "isEbook": false}},
  {"kind": "books#volume", "id": "vNoAuthors01",
   "volumeInfo": {"title": "The Song of Roland", "publisher": "Penguin Classics",
                  "publishedDate": "1957",
                  "industryIdentifiers": [{"type": "ISBN_13", "identifier": "9780140440751"},
                                          {"type": "ISBN_10", "identifier": "0140440755"}],
                  "categories": ["Poetry"], "language": "en"},
   "saleInfo": {"country": "BR", "saleability": "NOT_FOR_SALE", "isEbook": false}},
  {"kind": "books#volume", "id": "vIsbn10Only1",
   "volumeInfo": {"title": "Vidas secas", "authors": ["Graciliano Ramos"],
                  "publisher": "Record", "publishedDate": "1984",
                  "industryIdentifiers": [{"type": "ISBN_10", "identifier": "85-01-00245-3"}],
                  "pageCount": 155, "language": "pt-BR"},
   "saleInfo": {"country": "BR", "saleability": "NOT_FOR_SALE", "isEbook": false}},
  {"kind": "books#volume", "id": "vOtherIds001",
   "volumeInfo": {"title": "Os sertões", "authors": ["Euclides da Cunha"],
                  "publishedDate": "1902",
                  "industryIdentifiers": [{"type": "OTHER", "identifier": "UCAL:B3342617"}],
                  "language": "pt"},
   "saleInfo": {"country": "BR", "saleability": "FREE", "isEbook": true}},
  {"kind": "books#volume", "id": "vRetail00001",
   "volumeInfo": {"title": "Raízes do Brasil", "authors": ["Sérgio Buarque de Holanda"],
                  "publishedDate": "1995",
                  "industryIdentifiers": [{"type": "ISBN_13", "identifier": "9788571641235"}],
                  "pageCount": 220, "language": "pt-BR",
                  "imageLinks": {"thumbnail": "http://books.google.com/books/content?id=vRetail00001&printsec=frontcover&img=1&zoom=1"}},
   "saleInfo": {"country": "BR", "saleability": "FOR_SALE", "isEbook": true,
                "listPrice": {"amount": 49.9, "currencyCode": "BRL"},
                "retailPrice": {"amount": 39.9, "currencyCode": "BRL"}}},
  {"kind": "books#volume", "id": "vListOnly001",
   "volumeInfo": {"title": "O Sol é para todos", "authors": ["Harper Lee"],
                  "publishedDate": "2006-05",
                  "industryIdentifiers": [{"type": "ISBN_13", "identifier": "9788535902778"}],
                  "language": "pt-BR"},
   "saleInfo": {"country": "BR", "saleability": "FOR_SALE", "isEbook": true,
                "listPrice": {"amount": 24.5, "currencyCode": "BRL"}}},
  {"kind": "books#volume", "id": "vMicrosExp01",
   "volumeInfo": {"title": "The Moonstone", "authors": ["Wilkie Collins"],
                  "publishedDate": "2008-06-12T00:00:00Z",
                  "industryIdentifiers": [{"type": "ISBN_13", "identifier": "9780199535569"}],
                  "pageCount": 0, "language": "en"},
   "saleInfo": {"country": "BR", "saleability": "FOR_SALE", "isEbook": true,
                "listPrice": {"amountInMicros": 1.249E+7, "currencyCode": "BRL"},
                "retailPrice": {"amountInMicros": 3.99E7, "currencyCode": "BRL"}}},
  {"kind": "books#volume", "id": "vRegionZh001",
   "volumeInfo": {"title": "红楼梦", "authors": ["曹雪芹", "高鹗"],
                  "publishedDate": "2019-03-01T12:30:00.000+08:00",
                  "industryIdentifiers": [{"type": "ISBN_13", "identifier": "9787107020001"}],
                  "pageCount": 1606, "language": "zh-CN"},
   "saleInfo": {"country": "BR", "saleability": "NOT_FOR_SALE", "isEbook": false}},
  {"kind": "books#volume", "id": "vNoTitle0001",
   "volumeInfo": {"authors": ["Anônimo"], "publishedDate": "1900", "language": "pt"},
   "saleInfo": {"country": "BR", "saleability": "NOT_FOR_SALE", "isEbook": false}},
  {"kind": "books#volume", "id": "vBlankTitle1",
   "volumeInfo": {"title": "   ", "language": "pt"},
   "saleInfo": {"country": "BR", "saleability": "NOT_FOR_SALE", "isEbook": false}},
  {"kind": "books#volume", "id": "vOddKeys0001",
   "volumeInfo": {"title": "Mensagem", "authors": ["Fernando Pessoa"], "publishedDate": "1934",
                  "language": "pt", "$where": "1", "panelization.summary": {"a": 1}},
   "saleInfo": {"country": "BR", "saleability": "NOT_FOR_SALE", "isEbook": false}},
  {"kind": "books#volume", "id": "vBadIsbn0001",
   "volumeInfo": {"title": "Lavoura arcaica", "authors": ["Raduan Nassar"],
                  "publishedDate": "1975",
                  "industryIdentifiers": [{"type": "ISBN_13", "identifier": "9788571640451"}],
                  "language": "pt-BR"},
   "saleInfo": {"country": "BR", "saleability": "NOT_FOR_SALE", "isEbook": false}},
  {"kind": "books#volume", "id": "vRetail00001",
   "volumeInfo": {"title": "Raízes do Brasil", "authors": ["Sérgio Buarque de Holanda"],
                  "publishedDate": "1995", "language": "pt-BR"},
   "saleInfo": {"country": "BR", "saleability": "NOT_FOR_SALE", "isEbook": false}},
  {"kind": "books#volume", "id": "vSameIsbn001",
   "volumeInfo": {"title": "Raízes do Brasil", "subtitle": "edição comemorativa",
                  "publishedDate": "1995",
                  "industryIdentifiers": [{"type": "ISBN_13", "identifier": "978-85-7164-123-5"}],
                  "language": "pt-BR"},
   "saleInfo": {"country": "BR", "saleability": "NOT_FOR_SALE", "isEbook": false}}
 ]
})";
  return body;
}

}  // namespace ld::fake_google
