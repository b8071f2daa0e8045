-- POST /orders: a seeded customer buys one copy each of two different seeded books (which have
-- a price and a stock far larger than any run can sell).
local common = dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "common.lua")
endpoint_name = "POST /orders"

common.install(function(seed)
  customers = common.read_lines(seed .. "/customers.txt")
  books = common.read_lines(seed .. "/books.txt")
end)

function request()
  local first = math.random(#books)
  local second = math.random(#books - 1)
  if second >= first then second = second + 1 end
  local body = string.format(
    '{"customer_id":%s,"items":[{"book_id":"%s","quantity":1},{"book_id":"%s","quantity":1}]}',
    common.pick(customers), books[first], books[second])
  return wrk.format("POST", "/orders", {["Content-Type"] = "application/json"}, body)
end
