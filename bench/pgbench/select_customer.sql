-- GET /customers/{id} on the raw side: S2's find_customer statement (the customer with its
-- addresses as one JSON column; src/storage/postgres/customer_rows.cpp), for a random seeded id
-- (run.sh passes min_id and max_id with -D).
\set id random(:min_id, :max_id)
SELECT
  c.id, c.name, c.email, c.cpf, c.phone, to_char(c.birth_date, 'YYYY-MM-DD'),
  (extract(epoch FROM c.created_at) * 1000)::bigint,
  (extract(epoch FROM c.updated_at) * 1000)::bigint,
  coalesce((SELECT json_agg(json_build_object(
                'street', a.street, 'number', a.number, 'complement', a.complement,
                'district', a.district, 'city', a.city, 'state', a.state,
                'postal_code', a.postal_code, 'country', a.country) ORDER BY a.position)
            FROM customer_addresses a WHERE a.customer_id = c.id), '[]') FROM customers c WHERE c.id = :id;
