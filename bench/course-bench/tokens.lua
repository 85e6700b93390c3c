-- wrk script for bench/course-bench.sh: every request carries the next access token of the file
-- named by the first argument (one token a line), round robin per wrk thread, so the load comes
-- from as many users as the file has lines. With "fresh" as the second argument each request also
-- sends Cache-Control: no-cache (course-service then reads past its read cache, from PostgreSQL).
local tokens = {}
local next_token = 0
local fresh = false
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then tokens[#tokens + 1] = line end
  end
  if #tokens == 0 then error("no tokens in " .. tostring(args[1])) end
  fresh = args[2] == "fresh"
  -- threads start at different users
  next_token = ((thread_number or 1) - 1) * math.floor(#tokens / 2) % #tokens
end

function request()
  next_token = next_token % #tokens + 1
  local headers = { ["Authorization"] = "Bearer " .. tokens[next_token] }
  if fresh then headers["Cache-Control"] = "no-cache" end
  return wrk.format(nil, nil, headers)
end
