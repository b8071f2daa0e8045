#include "storage/mongo/book_writes.hpp"

#include "storage/mongo/book_lookup.hpp"
#include "storage/mongo/bson_doc.hpp"

namespace ld::mongo {

namespace {

// FerretDB answers buildInfo with a ferretdbVersion beside MongoDB's fields.
bool is_ferretdb(mongoc_client_t* client) {
  Bson command;
  bson_append_int32(command.get(), "buildInfo", -1, 1);
  Reply reply;
  bson_error_t error;
  if (!mongoc_client_command_simple(client, "admin", command.get(), nullptr, reply.out(), &error)) {
    throw_driver_error(error, "buildInfo");
  }
  bson_iter_t iter;
  return bson_iter_init_find(&iter, reply.get(), "ferretdbVersion");
}

}  // namespace

const char* describe(BookWriteGuard guard) {
  switch (guard) {
    case BookWriteGuard::atomic_updates:
      return "atomic updates (MongoDB)";
    case BookWriteGuard::revision_guarded:
      return "atomic updates (FerretDB with the revision guard)";
    case BookWriteGuard::lock_per_write:
      break;
  }
  return "a lock document per write (FerretDB without the revision guard)";
}

std::int64_t revision_of(const bson_t* doc) {
  bson_iter_t iter;
  if (!bson_iter_init_find(&iter, doc, kRevision) || !BSON_ITER_HOLDS_NUMBER(&iter)) return 0;
  return bson_iter_as_int64(&iter);
}

Bson as_read_filter(const bson_oid_t& oid, std::int64_t revision) {
  Bson filter = id_filter(oid);
  if (revision > 0) {
    bson_append_int64(filter.get(), kRevision, -1, revision);
  } else {
    append_exists(filter.get(), kRevision, false);
  }
  return filter;
}

BookWriteGuard learn_book_write_guard(mongoc_client_t* client, const std::string& database) {
  if (!is_ferretdb(client)) return BookWriteGuard::atomic_updates;
  // A probe of this process's own (no two S2s starting together can disturb each other's):
  // stored at revision 0, then written at revision 2, a write no guard lets through.
  const Collection probes(mongoc_client_get_collection(client, database.c_str(), "store_probes"));
  bson_oid_t id;
  bson_oid_init(&id, nullptr);
  Bson doc = id_filter(id);
  bson_append_int64(doc.get(), kRevision, -1, 0);
  bson_error_t error;
  if (!mongoc_collection_insert_one(probes.get(), doc.get(), nullptr, nullptr, &error)) {
    throw_driver_error(error, "store_probes.insert");
  }
  Bson filter = id_filter(id);
  Bson update;
  bson_t set;
  bson_append_document_begin(update.get(), "$set", -1, &set);
  bson_append_int64(&set, kRevision, -1, 2);
  bson_append_document_end(update.get(), &set);
  auto guard = BookWriteGuard::lock_per_write;
  if (!mongoc_collection_update_one(probes.get(), filter.get(), update.get(), nullptr, nullptr,
                                    &error)) {
    if (!is_stale_write(error)) throw_driver_error(error, "store_probes.update");
    guard = BookWriteGuard::revision_guarded;
  }
  // Left behind if this fails: one small document, harmless.
  mongoc_collection_delete_one(probes.get(), filter.get(), nullptr, nullptr, nullptr);
  return guard;
}

}  // namespace ld::mongo
