// Cursors: opaque to clients, exact positions for the server.
#include "core/cursor.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace ld {
namespace {

TEST(Cursor, RoundTripsAPosition) {
  const nlohmann::json position = {{"id", 42}};
  EXPECT_EQ(cursor::decode(cursor::encode(position)), position);
}

TEST(Cursor, AnythingElseIsABadCursor) {
  for (const char* bad : {"", "!!!", "bm90IGpzb24", "WzFd"}) {  // "not json", "[1]"
    try {
      cursor::decode(bad);
      ADD_FAILURE() << bad;
    } catch (const Error& e) {
      EXPECT_EQ(e.fields().at(0).field, "cursor");
    }
  }
}

}  // namespace
}  // namespace ld
