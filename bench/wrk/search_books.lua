-- GET /books?q=<word>: one of the words the seeded titles are made of, so every search finds
-- books (a default page of 20).
local common = dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "common.lua")
endpoint_name = "GET /books?q="

local function url_encode(text)
  return (text:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", c:byte()) end))
end

common.install(function(seed)
  local words = {}
  for _, word in ipairs(common.read_lines(seed .. "/words.txt")) do
    words[#words + 1] = url_encode(word)
  end
  requests = common.requests_for("/books?q=", words)
end)

function request()
  return common.pick(requests)
end
