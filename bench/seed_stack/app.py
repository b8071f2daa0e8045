"""The seed stack: the project's original shape (Flask + psycopg2 + pymongo + redis-py under
gunicorn), serving the benchmark's endpoints with the same store work S2 does per request, on the
same stores, so bench/run.sh can put S2 beside it. It is a yardstick for the benchmark, not a
second server: it validates only what the benchmark sends and keeps no idempotency records.

Run by bench/run.sh: gunicorn -w 4 -b 127.0.0.1:PORT --chdir bench/seed_stack app:app, with
SEED_PG_URL, SEED_MONGO_URL, SEED_MONGO_DB and SEED_REDIS_URL in the environment.
"""

import datetime
import json
import os
import re
import uuid

import psycopg2
import psycopg2.pool
import pymongo
import pymongo.errors
import redis
from bson import ObjectId
from bson.errors import InvalidId
from flask import Flask, abort, jsonify, request

app = Flask(__name__)

# One connection of each kind per gunicorn worker (each worker serves one request at a time).
pg = psycopg2.pool.SimpleConnectionPool(1, 1, os.environ["SEED_PG_URL"])
mongo = pymongo.MongoClient(os.environ["SEED_MONGO_URL"], w=1, j=True)
books = mongo[os.environ["SEED_MONGO_DB"]]["books"]
orders = redis.Redis.from_url(os.environ["SEED_REDIS_URL"])

TAG = "{ld}"


def now_ms():
    return int(datetime.datetime.now(datetime.timezone.utc).timestamp() * 1000)


def like_pattern(text):
    """A LIKE pattern finding `text` anywhere, LIKE's own characters escaped."""
    return "%" + re.sub(r"([%_\\])", r"\\\1", text) + "%"


def pg_rows(sql, params):
    conn = pg.getconn()
    try:
        with conn.cursor() as cur:
            cur.execute(sql, params)
            rows = cur.fetchall() if cur.description else []
        conn.commit()
    finally:
        pg.putconn(conn)
    return rows


def book_json(doc):
    out = {k: v for k, v in doc.items()
           if k not in ("_id", "search", "stock_holds", "stock_returns", "stock_pending", "revision",
                        "extra", "price", "created_at", "updated_at")}
    out["id"] = str(doc["_id"])
    price = doc.get("price") or {}
    if price:
        cents = price.get("amount_cents", 0)
        out["price"] = {"amount": f"{cents // 100}.{cents % 100:02d}",
                        "currency": price.get("currency")}
    return out


@app.get("/customers/<int:customer_id>")
def get_customer(customer_id):
    conn = pg.getconn()
    try:
        with conn.cursor() as cur:
            cur.execute(
                """SELECT c.id, c.name, c.email, c.cpf, c.phone, to_char(c.birth_date, 'YYYY-MM-DD'),
                      coalesce((SELECT json_agg(json_build_object(
                          'street', a.street, 'number', a.number, 'complement', a.complement,
                          'district', a.district, 'city', a.city, 'state', a.state,
                          'postal_code', a.postal_code, 'country', a.country) ORDER BY a.position)
                        FROM customer_addresses a WHERE a.customer_id = c.id), '[]')
                   FROM customers c WHERE c.id = %s""", (customer_id,))
            row = cur.fetchone()
        conn.commit()
    finally:
        pg.putconn(conn)
    if row is None:
        abort(404)
    keys = ("id", "name", "email", "cpf", "phone", "birth_date", "addresses")
    return jsonify(dict(zip(keys, row)))


@app.post("/customers")
def post_customer():
    body = request.get_json()
    for field in ("name", "email", "cpf", "addresses"):
        if field not in body:
            return jsonify({"detail": f"{field} is required"}), 400
    conn = pg.getconn()
    try:
        with conn.cursor() as cur:
            cur.execute(
                """WITH new_customer AS (
                     INSERT INTO customers (name, name_folded, email, cpf, phone, birth_date,
                                            created_at, updated_at, creation_key)
                     VALUES (%s, %s, %s, %s, %s, %s, date_trunc('milliseconds', now()),
                             date_trunc('milliseconds', now()), NULL)
                     RETURNING id),
                   new_addresses AS (
                     INSERT INTO customer_addresses (customer_id, position, street, number,
                         complement, district, city, state, postal_code, country)
                     SELECT n.id, a.position - 1, a.value->>'street', a.value->>'number',
                            a.value->>'complement', a.value->>'district', a.value->>'city',
                            a.value->>'state', a.value->>'postal_code', a.value->>'country'
                     FROM new_customer n,
                          jsonb_array_elements(%s::jsonb) WITH ORDINALITY AS a(value, position))
                   SELECT id FROM new_customer""",
                (body["name"], body["name"].lower(), body["email"].lower(),
                 re.sub(r"\D", "", body["cpf"]), body.get("phone"), body.get("birth_date"),
                 json.dumps([dict(a, postal_code=re.sub(r"\D", "", a["postal_code"]))
                             for a in body["addresses"]])))
            customer_id = cur.fetchone()[0]
        conn.commit()
    except psycopg2.IntegrityError:
        conn.rollback()
        return jsonify({"detail": "email or cpf already registered"}), 409
    finally:
        pg.putconn(conn)
    return jsonify(dict(body, id=customer_id)), 201


@app.get("/books/<book_id>")
def get_book(book_id):
    try:
        oid = ObjectId(book_id)
    except InvalidId:
        abort(404)
    doc = books.find_one({"_id": oid})
    if doc is None:
        abort(404)
    return jsonify(book_json(doc))


@app.get("/books")
def list_books():
    # As S2: the page of ids from the book index in PostgreSQL, then each book by _id.
    q = request.args.get("q")
    limit = min(int(request.args.get("limit", 20)), 100)
    ids = pg_rows(
        "SELECT book_id FROM book_index WHERE book_id > %s"
        " AND (%s::text IS NULL OR search_text LIKE %s::text ESCAPE '\\')"
        " ORDER BY book_id LIMIT %s",
        ("", q.lower() if q else None, like_pattern(q.lower()) if q else None, limit + 1))
    found = [d for d in (books.find_one({"_id": ObjectId(i)}) for (i,) in ids) if d is not None]
    return jsonify({"items": [book_json(d) for d in found[:limit]]})


@app.post("/books")
def post_book():
    body = request.get_json()
    if not isinstance(body.get("title"), str) or not body["title"].strip():
        return jsonify({"detail": "title is required"}), 400
    authors = [a.lower() for a in body.get("authors", [])]
    title = body["title"].lower()
    categories = [c.lower() for c in body.get("categories", [])]
    amount = body.get("price", {}).get("amount", "0.00")
    units, _, cents = amount.partition(".")
    doc = {k: v for k, v in body.items() if k != "price"}
    doc.update({
        "price": {"amount_cents": int(units) * 100 + int((cents + "00")[:2]),
                  "currency": body.get("price", {}).get("currency", "BRL")},
        "created_at": datetime.datetime.now(datetime.timezone.utc),
        "updated_at": datetime.datetime.now(datetime.timezone.utc),
    })
    # As S2: the book's row in the index first, then the book.
    doc["_id"] = ObjectId()
    pg_rows(
        "INSERT INTO book_index (book_id, texts, authors, categories, languages)"
        " VALUES (%s, %s, %s, %s, %s) ON CONFLICT DO NOTHING",
        (str(doc["_id"]), [title] + authors, authors, categories,
         [body["language"]] if isinstance(body.get("language"), str) else []))
    inserted = books.insert_one(doc)
    return jsonify(book_json(doc) | {"id": str(inserted.inserted_id)}), 201


def take_copies(oid, quantity):
    """The conditional decrement, bumping the book's revision as every writer of the books must
    where FerretDB's revision guard is installed (scripts/sql/ferretdb_revision_guard.sql); a
    write-back the guard refuses as stale is made again."""
    while True:
        try:
            return books.update_one({"_id": oid, "stock": {"$gte": quantity}},
                                    {"$inc": {"stock": -quantity, "revision": 1}})
        except pymongo.errors.OperationFailure as e:
            if "revision guard: stale write" not in str(e):
                raise


@app.post("/orders")
def post_order():
    body = request.get_json()
    conn = pg.getconn()
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT 1 FROM customers WHERE id = %s", (body["customer_id"],))
            exists = cur.fetchone() is not None
        conn.commit()
    finally:
        pg.putconn(conn)
    if not exists:
        return jsonify({"detail": "customer_id does not exist"}), 422
    order_id = str(uuid.uuid4())
    items = []
    for item in body["items"]:
        oid = ObjectId(item["book_id"])
        doc = books.find_one({"_id": oid})
        if doc is None:
            return jsonify({"detail": "book_id does not exist"}), 422
        taken = take_copies(oid, item["quantity"])
        if taken.modified_count == 0:
            return jsonify({"detail": "out of stock"}), 409
        cents = doc["price"]["amount_cents"]
        items.append({"book_id": item["book_id"], "title": doc["title"],
                      "unit_price_cents": cents, "quantity": item["quantity"],
                      "line_total_cents": cents * item["quantity"]})
    created = now_ms()
    order = {"id": order_id, "customer_id": body["customer_id"], "items": items,
             "total_cents": sum(i["line_total_cents"] for i in items), "currency": "BRL",
             "status": "created", "created_at": created, "updated_at": created}
    member = f"{created:015d}:{order_id}"
    with orders.pipeline(transaction=True) as pipe:
        pipe.set(f"{TAG}:order:{order_id}", json.dumps(order))
        pipe.zadd(f"{TAG}:orders", {member: 0})
        pipe.zadd(f"{TAG}:orders:customer:{body['customer_id']}", {member: 0})
        pipe.zadd(f"{TAG}:orders:status:created", {member: 0})
        pipe.zadd(f"{TAG}:orders:customer:{body['customer_id']}:created", {member: 0})
        pipe.execute()
    return jsonify(order), 201


@app.get("/orders/<order_id>")
def get_order(order_id):
    stored = orders.get(f"{TAG}:order:{order_id}")
    if stored is None:
        abort(404)
    return app.response_class(stored, mimetype="application/json")
