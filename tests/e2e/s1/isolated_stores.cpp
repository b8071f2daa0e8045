#include "e2e/s1/isolated_stores.hpp"

#include <hiredis/hiredis.h>
#include <mongoc/mongoc.h>

#include <memory>
#include <mutex>
#include <pqxx/pqxx>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "storage/redis/order_keys.hpp"
#include "support/test_env.hpp"

namespace ld::test {

namespace {

constexpr const char* kDatabase = "livros_s1_e2e";
constexpr int kRedisDb = 5;

// postgresql://user@host:port/db?x -> the same server, another database.
std::string with_database(const std::string& url, const std::string& db) {
  const auto query = url.find('?');
  const auto base = url.substr(0, query);
  return base.substr(0, base.rfind('/') + 1) + db +
         (query == std::string::npos ? "" : url.substr(query));
}

struct MongoClientDeleter {
  void operator()(mongoc_client_t* c) const { mongoc_client_destroy(c); }
};
struct MongoDatabaseDeleter {
  void operator()(mongoc_database_t* d) const { mongoc_database_destroy(d); }
};
struct MongoCollectionDeleter {
  void operator()(mongoc_collection_t* c) const { mongoc_collection_destroy(c); }
};
// Owns a document from BCON_NEW. (Not a unique_ptr: bson_t's alignment attribute would be
// dropped from a template argument.)
class Bson {
 public:
  explicit Bson(bson_t* owned) : doc_(owned) {}
  ~Bson() { bson_destroy(doc_); }
  Bson(const Bson&) = delete;
  Bson& operator=(const Bson&) = delete;
  bson_t* get() const { return doc_; }

 private:
  bson_t* doc_;
};
using MongoClient = std::unique_ptr<mongoc_client_t, MongoClientDeleter>;
using MongoCollection = std::unique_ptr<mongoc_collection_t, MongoCollectionDeleter>;

MongoClient mongo_client() {
  static std::once_flag once;
  std::call_once(once, [] { mongoc_init(); });
  MongoClient client(mongoc_client_new(ld::test::mongo_url().c_str()));
  if (!client) throw std::runtime_error("bad MongoDB URL");
  return client;
}

bson_oid_t object_id(const std::string& hex) {
  if (!bson_oid_is_valid(hex.c_str(), hex.size())) throw std::invalid_argument("bad book id");
  bson_oid_t oid;
  bson_oid_init_from_string(&oid, hex.c_str());
  return oid;
}

struct RedisDeleter {
  void operator()(redisContext* c) const { redisFree(c); }
};
struct ReplyDeleter {
  void operator()(redisReply* r) const { freeReplyObject(r); }
};
using Reply = std::unique_ptr<redisReply, ReplyDeleter>;

class Redis {
 public:
  Redis() {
    // redis://host:port/db
    const auto url = ld::test::redis_url();
    const auto hostport = url.substr(8, url.find('/', 8) - 8);
    const auto colon = hostport.find(':');
    context_.reset(
        redisConnect(hostport.substr(0, colon).c_str(), std::stoi(hostport.substr(colon + 1))));
    if (!context_ || context_->err) throw std::runtime_error("cannot reach Redis");
    command({"SELECT", std::to_string(kRedisDb)});
  }
  Reply command(const std::vector<std::string>& args) {
    std::vector<const char*> argv;
    std::vector<std::size_t> lengths;
    for (const auto& a : args) {
      argv.push_back(a.data());
      lengths.push_back(a.size());
    }
    Reply reply(static_cast<redisReply*>(redisCommandArgv(
        context_.get(), static_cast<int>(argv.size()), argv.data(), lengths.data())));
    if (!reply || reply->type == REDIS_REPLY_ERROR)
      throw std::runtime_error("Redis command failed");
    return reply;
  }

 private:
  std::unique_ptr<redisContext, RedisDeleter> context_;
};

}  // namespace

std::string IsolatedStores::pg_url() const {
  return with_database(ld::test::pg_url(), kDatabase);
}
std::string IsolatedStores::mongo_db() const {
  return ld::test::mongo_db() + "_s1_e2e";
}
std::string IsolatedStores::redis_url() const {
  const auto url = ld::test::redis_url();
  return url.substr(0, url.rfind('/') + 1) + std::to_string(kRedisDb);
}

S2Process::Env IsolatedStores::s2_env() const {
  // A short idempotency lock, so a retry after a killed s2 takes over within seconds.
  return {{"S2_PG_URL", pg_url()},
          {"S2_MONGO_DB", mongo_db()},
          {"S2_REDIS_URL", redis_url()},
          {"S2_IDEMPOTENCY_LOCK_MS", "5000"}};
}

void IsolatedStores::create() const {
  pqxx::connection admin(ld::test::pg_url());
  pqxx::nontransaction sql(admin);
  sql.exec(std::string("DROP DATABASE IF EXISTS ") + kDatabase + " WITH (FORCE)");
  sql.exec(std::string("CREATE DATABASE ") + kDatabase);
  reset();
}

void IsolatedStores::reset() const {
  {
    pqxx::connection pg(pg_url());
    pqxx::work sql(pg);
    if (!sql.exec1("SELECT to_regclass('public.customers') IS NULL")[0].as<bool>()) {
      sql.exec("TRUNCATE customers RESTART IDENTITY CASCADE");
    }
    sql.commit();
  }
  {
    auto client = mongo_client();
    std::unique_ptr<mongoc_database_t, MongoDatabaseDeleter> db(
        mongoc_client_get_database(client.get(), mongo_db().c_str()));
    bson_error_t error;
    char** names = mongoc_database_get_collection_names_with_opts(db.get(), nullptr, &error);
    for (char** name = names; name && *name; ++name) {
      MongoCollection collection(mongoc_database_get_collection(db.get(), *name));
      bson_t everything = BSON_INITIALIZER;
      mongoc_collection_delete_many(collection.get(), &everything, nullptr, nullptr, &error);
      bson_destroy(&everything);
    }
    bson_strfreev(names);
  }
  Redis().command({"FLUSHDB"});
}

std::int64_t IsolatedStores::count_customers() const {
  pqxx::connection pg(pg_url());
  pqxx::work sql(pg);
  return sql.exec1("SELECT count(*) FROM customers")[0].as<std::int64_t>();
}

void IsolatedStores::set_customer_name(std::int64_t id, const std::string& name) const {
  pqxx::connection pg(pg_url());
  pqxx::work sql(pg);
  const auto r = sql.exec_params("UPDATE customers SET name = $1 WHERE id = $2", name, id);
  if (r.affected_rows() != 1) throw std::runtime_error("no such customer");
  sql.commit();
}

void IsolatedStores::set_book_title(const std::string& id, const std::string& title) const {
  auto client = mongo_client();
  MongoCollection books(mongoc_client_get_collection(client.get(), mongo_db().c_str(), "books"));
  const auto oid = object_id(id);
  Bson selector(BCON_NEW("_id", BCON_OID(&oid)));
  // Bumping the revision, as every writer of the books must (storage/mongo/book_writes.hpp).
  Bson update(BCON_NEW("$set", "{", "title", BCON_UTF8(title.c_str()), "}", "$inc", "{", "revision",
                       BCON_INT64(1), "}"));
  bson_t reply;
  bson_error_t error;
  const bool ok = mongoc_collection_update_one(books.get(), selector.get(), update.get(), nullptr,
                                               &reply, &error);
  bson_iter_t it;
  const bool matched =
      ok && bson_iter_init_find(&it, &reply, "matchedCount") && bson_iter_as_int64(&it) == 1;
  bson_destroy(&reply);
  if (!matched) throw std::runtime_error("no such book");
}

void IsolatedStores::delete_book(const std::string& id) const {
  auto client = mongo_client();
  MongoCollection books(mongoc_client_get_collection(client.get(), mongo_db().c_str(), "books"));
  const auto oid = object_id(id);
  Bson selector(BCON_NEW("_id", BCON_OID(&oid)));
  bson_error_t error;
  if (!mongoc_collection_delete_one(books.get(), selector.get(), nullptr, nullptr, &error)) {
    throw std::runtime_error(error.message);
  }
}

void IsolatedStores::add_to_order_total(const std::string& id, std::int64_t cents) const {
  Redis redis;
  const auto key = ld::redis::keys::order(id);
  const auto stored = redis.command({"GET", key});
  if (stored->type != REDIS_REPLY_STRING) throw std::runtime_error("no such order");
  auto order = nlohmann::json::parse(std::string(stored->str, stored->len));
  order["total_cents"] = order["total_cents"].get<std::int64_t>() + cents;
  redis.command({"SET", key, order.dump()});
}

}  // namespace ld::test
