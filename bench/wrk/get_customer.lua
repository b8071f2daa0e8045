-- GET /customers/{id}: ids drawn at random from the seeded customers.
local common = dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "common.lua")
endpoint_name = "GET /customers/{id}"

common.install(function(seed)
  requests = common.requests_for("/customers/", common.read_lines(seed .. "/customers.txt"))
end)

function request()
  return common.pick(requests)
end
