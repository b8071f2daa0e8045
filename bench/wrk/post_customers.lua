-- POST /customers: every body unique (e-mail and CPF made of the thread number and a counter),
-- one address each, as bench/pgbench/insert_customer.sql writes on the raw side.
local common = dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "common.lua")
endpoint_name = "POST /customers"

local names = {"Maria Aparecida dos Santos", "José Carlos de Oliveira", "Ana Beatriz Souza",
               "João Pedro Ferreira Lima", "Francisca Gonçalves", "Luís Antônio Araújo"}
local counter = 0

common.install()

function request()
  counter = counter + 1
  -- CPFs starting with 3 are this script's; the seed uses 5 and pgbench 10 to 25, so no two
  -- sources ever collide. Seven digits of counter allow ten million customers per thread.
  local nine = string.format("3%d%07d", thread_index, counter)
  local body = string.format(
    '{"name":"%s","email":"wrk%d.%d@bench.example.com","cpf":"%s",' ..
    '"phone":"+55 11 91234-5678","birth_date":"1985-04-12","addresses":[{"street":' ..
    '"Avenida Paulista","number":"1578","complement":"apto 42","district":"Bela Vista",' ..
    '"city":"São Paulo","state":"SP","postal_code":"01310-200","country":"BR"}]}',
    common.pick(names), thread_index, counter, common.cpf(nine))
  return wrk.format("POST", "/customers", {["Content-Type"] = "application/json"}, body)
end
