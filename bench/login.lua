-- wrk script: every request is a successful login of the benchmark user.
-- BENCH_EMAIL and BENCH_PASSWORD come from the environment (set by auth-bench.sh).
local email = os.getenv("BENCH_EMAIL")
local password = os.getenv("BENCH_PASSWORD")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = string.format('{"email":"%s","password":"%s"}', email, password)

function response(status, headers, body)
  if status ~= 200 then
    io.stderr:write("login answered " .. status .. "\n")
  end
end
