-- POST /books: every title unique (three seed words and "s2-<thread>-<n>"), no ISBN, with a
-- price and a large stock. Field for field the book bench/baseline/sample_book.cpp builds.
local common = dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "common.lua")
endpoint_name = "POST /books"

local counter = 0

common.install(function(seed)
  words = common.read_lines(seed .. "/words.txt")
end)

function request()
  counter = counter + 1
  local title = string.format("%s %s %s s2-%d-%d", common.pick(words), common.pick(words),
                              common.pick(words), thread_index, counter)
  local body = string.format(
    '{"title":"%s","authors":["Ana Souza","Carlos Lima"],"publisher":"Editora Livros & Dados",' ..
    '"published_date":"2019-05-01","language":"pt","categories":["Ficção"],"page_count":320,' ..
    '"description":"Uma história sobre a cidade, o mar e o tempo, contada por quem viveu cada ' ..
    'estação entre o sertão e a costa.","price":{"amount":"39.90","currency":"BRL"},' ..
    '"stock":1000000}', title)
  return wrk.format("POST", "/books", {["Content-Type"] = "application/json"}, body)
end
