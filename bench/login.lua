-- wrk script: successful logins of BENCH_USERS different users (bench-<BENCH_RUN>-<n>@example.org),
-- like a class that starts at once. auth-bench.sh registers them first.
local run = os.getenv("BENCH_RUN")
local users = tonumber(os.getenv("BENCH_USERS"))
local password = os.getenv("BENCH_PASSWORD")
local counter = 0

function setup(thread)
  thread:set("offset", counter)
  counter = counter + 1
end

local n = 0
function request()
  n = n + 1
  local email = string.format("bench-%s-%d@example.org", run, (n + (offset or 0)) % users)
  return wrk.format("POST", nil, {["Content-Type"] = "application/json"},
    string.format('{"email":"%s","password":"%s"}', email, password))
end

function response(status, headers, body)
  if status ~= 200 then
    io.stderr:write("login answered " .. status .. "\n")
  end
end
