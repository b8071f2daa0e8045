-- Shared by every wrk script of the benchmark: thread numbering, seed files, CPF check digits
-- and the JSON summary line run.sh collects. A script loads it with
--   dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "common.lua")
-- and is run as: wrk -s <script> <url> -- <seed folder> <endpoint name>
local common = {}

-- setup() runs in the main Lua state once per thread; each thread learns its own number, which
-- keeps the values it generates apart from every other thread's.
local threads_started = 0
function common.number_threads(thread)
  thread:set("thread_index", threads_started)
  threads_started = threads_started + 1
end

function common.read_lines(path)
  local lines = {}
  local file = assert(io.open(path, "r"), "cannot read " .. path)
  for line in file:lines() do
    if line ~= "" then lines[#lines + 1] = line end
  end
  file:close()
  assert(#lines > 0, "no lines in " .. path)
  return lines
end

function common.pick(list)
  return list[math.random(#list)]
end

-- One ready-made GET per value (path prefix .. value), built once per thread: formatting each
-- request anew would spend wrk's CPU, which shares the machine with S2.
function common.requests_for(prefix, values)
  local requests = {}
  for i, value in ipairs(values) do
    requests[i] = wrk.format("GET", prefix .. value)
  end
  return requests
end

-- The two check digits of a CPF whose first nine digits are `nine` (a 9-character string).
function common.cpf(nine)
  local function digit(digits, weight)
    local sum = 0
    for i = 1, #digits do
      sum = sum + tonumber(digits:sub(i, i)) * (weight - i + 1)
    end
    local rest = (sum * 10) % 11
    if rest == 10 then rest = 0 end
    return tostring(rest)
  end
  local ten = nine .. digit(nine, 10)
  return ten .. digit(ten, 11)
end

-- One JSON line on stdout; run.sh keeps the last line of wrk's output.
function common.report(name, summary, latency)
  local e = summary.errors
  local non_2xx = e.status
  local failed = e.connect + e.read + e.write + e.timeout + non_2xx
  local seconds = summary.duration / 1e6
  io.write(string.format(
    '{"name":"%s","requests":%d,"errors":%d,"non_2xx":%d,"seconds":%.3f,' ..
    '"requests_per_second":%.2f,"p50_ms":%.3f,"p99_ms":%.3f}\n',
    name, summary.requests - non_2xx, failed, non_2xx, seconds,
    (summary.requests - non_2xx) / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end

-- The part every script shares: thread numbers, seed folder and name from the arguments, and
-- the summary at the end. `on_init(seed_folder)` loads what the thread needs.
function common.install(on_init)
  setup = common.number_threads
  function init(args)
    seed_folder = args[1] or error("usage: wrk ... -- <seed folder> <endpoint name>")
    -- Different threads must not draw the same "random" ids in lockstep.
    math.randomseed(os.time() * 100 + thread_index)
    if on_init then on_init(seed_folder) end
  end
  function done(summary, latency, requests)
    common.report(endpoint_name or "wrk", summary, latency)
  end
end

return common
