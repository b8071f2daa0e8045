-- The id promised to the POST /customers that created a customer, when it carried an
-- Idempotency-Key. A retry of that request after S2 died between storing the customer and saving
-- its answer finds the customer by this key and answers 201 with it, instead of 409 on its own
-- e-mail. Empty for customers created without a key (and for every customer created before).
ALTER TABLE customers ADD COLUMN creation_key uuid;
CREATE UNIQUE INDEX customers_creation_key ON customers (creation_key);
