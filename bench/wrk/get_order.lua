-- GET /orders/{id}: ids drawn at random from the seeded orders.
local common = dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "common.lua")
endpoint_name = "GET /orders/{id}"

common.install(function(seed)
  requests = common.requests_for("/orders/", common.read_lines(seed .. "/orders.txt"))
end)

function request()
  return common.pick(requests)
end
