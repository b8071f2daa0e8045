-- Customers and their addresses. The CHECK constraints repeat the API's rules so that no path
-- around the application (a script, a console session) can store what S2 would refuse.

-- Trigram indexes make `name_folded LIKE '%...%'` (the ?q= search) use an index.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE customers (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name        varchar(200) NOT NULL CHECK (btrim(name) <> ''),
  -- The name lower-cased with accented Latin letters folded by S2 (ç matches Ç), so the
  -- search does not depend on the database's locale.
  name_folded varchar(200) NOT NULL,
  email       varchar(254) NOT NULL CHECK (position('@' IN email) > 1),
  cpf         char(11) CHECK (cpf ~ '^[0-9]{11}$'),
  phone       varchar(30),
  birth_date  date CHECK (birth_date >= DATE '1900-01-01'),
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL,
  CONSTRAINT customers_cpf_key UNIQUE (cpf)
);

-- E-mail is stored as given but unique whatever its case; the same expression serves ?email=.
CREATE UNIQUE INDEX customers_email_key ON customers (lower(email));

CREATE INDEX customers_name_folded_trgm ON customers USING gin (name_folded gin_trgm_ops);

CREATE TABLE customer_addresses (
  customer_id bigint NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  -- The address's place in the customer's list, from 0: the API keeps the order given.
  position    smallint NOT NULL CHECK (position >= 0),
  street      varchar(200) NOT NULL,
  number      varchar(20) NOT NULL,
  complement  varchar(100),
  district    varchar(100),
  city        varchar(100) NOT NULL,
  state       char(2) NOT NULL CHECK (state ~ '^[A-Z]{2}$'),
  postal_code char(8) NOT NULL CHECK (postal_code ~ '^[0-9]{8}$'),
  country     char(2) NOT NULL DEFAULT 'BR' CHECK (country ~ '^[A-Z]{2}$'),
  PRIMARY KEY (customer_id, position)
);
