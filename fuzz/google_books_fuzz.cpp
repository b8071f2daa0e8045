// Google Books answers as S1 reads them: a volume mapped to a book S2 would take, and an error
// body judged for retrying. A mapped book must pass S2's own reader.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/error.hpp"
#include "domain/books/book_input.hpp"
#include "s1/google_books/google_error.hpp"
#include "s1/google_books/volume_mapping.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto error = ld::s1::google_books::parse_error_body(text);
  for (const long status : {400L, 403L, 429L, 500L, 503L}) {
    ld::s1::google_books::worth_retrying(ld::s1::google_books::judge(status, error));
  }
  const auto volume = nlohmann::json::parse(text, nullptr, false);
  if (volume.is_discarded()) return 0;
  if (const auto book = ld::s1::google_books::map_volume(volume, 42)) {
    try {
      ld::books::read_new_book(*book);
    } catch (const ld::Error&) {
      __builtin_trap();  // S1 would send S2 a book S2 refuses
    }
    ld::s1::google_books::identity_keys(*book);
  }
  return 0;
}
