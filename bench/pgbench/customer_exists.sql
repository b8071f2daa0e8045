-- POST /orders, customer half, on the raw side: S2's customer_exists statement for a random
-- seeded id (run.sh passes min_id and max_id with -D).
\set id random(:min_id, :max_id)
SELECT 1 FROM customers WHERE id = :id;
