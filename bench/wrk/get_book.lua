-- GET /books/{id}: ids drawn at random from the seeded books.
local common = dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "common.lua")
endpoint_name = "GET /books/{id}"

common.install(function(seed)
  requests = common.requests_for("/books/", common.read_lines(seed .. "/books.txt"))
end)

function request()
  return common.pick(requests)
end
