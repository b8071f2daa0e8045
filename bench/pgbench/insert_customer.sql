-- POST /customers on the raw side: S2's insert_customer statement (src/storage/postgres/
-- postgres_customer_repository.cpp), prepared (-M prepared) and run in autocommit as S2 runs it,
-- with one address. run.sh passes the fixed values with -D (name, name_folded, phone,
-- birth_date, addresses, and p_id=0). Only the e-mail parameter is spelled as an expression:
-- pgbench cannot build strings, and it must be unique. Each client's e-mail and CPF come from
-- its number and the id of its previous insert (\gset p_), so no two ever collide.
\set cpf (:client_id + 10) * 1000000000 + :p_id
  WITH new_customer AS (
    INSERT INTO customers (name, name_folded, email, cpf, phone, birth_date, created_at,
                           updated_at, creation_key)
    VALUES (:name, :name_folded, 'pgb' || :client_id::text || '.' || :p_id::text || '@bench.example.com', :cpf, :phone, :birth_date::date, date_trunc('milliseconds', now()),
            date_trunc('milliseconds', now()), NULL::uuid)
    RETURNING id, created_at, updated_at),
  new_addresses AS (
    INSERT INTO customer_addresses (customer_id, position, street, number, complement, district,
                                    city, state, postal_code, country)
    SELECT n.id, a.position - 1, a.value->>'street', a.value->>'number', a.value->>'complement',
           a.value->>'district', a.value->>'city', a.value->>'state', a.value->>'postal_code',
           a.value->>'country'
    FROM new_customer n, jsonb_array_elements(:addresses::jsonb) WITH ORDINALITY AS a(value, position))
  SELECT id, (extract(epoch FROM created_at) * 1000)::bigint,
         (extract(epoch FROM updated_at) * 1000)::bigint
  FROM new_customer
\gset p_
