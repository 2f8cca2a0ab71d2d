-- A partner's plan at one bank, in one round trip (see RedisTokenBucket): a token bucket plus quotas per UTC day
-- and UTC calendar month, all in one hash so that one script call reads and updates everything.
-- KEYS[1]: the hash (tokens, ts, day, dn, month, mn)
-- ARGV: capacity (tokens), refill (tokens per second), daily quota, monthly quota
-- Returns {allowed (1|0), limit hit (0 none, 1 rate, 2 daily quota, 3 monthly quota), whole tokens remaining,
--          microseconds until the next whole token, requests counted today, requests counted this month,
--          seconds until the UTC day ends, seconds until the UTC month ends}.
--
-- Amounts are kept in micro-tokens (1 token = 1e6) and time in microseconds, so refill = elapsed * rate is an
-- exact integer. Lua numbers are doubles, exact below 2^53: capacity and rate are capped at 1e6 and quotas at 1e12
-- by the plan, so every value here is exact. Values are written with %.0f: Lua's default number format keeps only
-- 14 significant digits, which would round a microsecond timestamp. The clock is the Redis master's TIME, never
-- the callers' (gateway replicas drift); days and months are UTC.

-- Redis < 5 replicates scripts verbatim and refuses writes after TIME unless effects replication is on.
if redis.replicate_commands then pcall(redis.replicate_commands) end

local UNIT = 1000000
local capacity = tonumber(ARGV[1]) * UNIT
local rate = tonumber(ARGV[2]) -- tokens per second == micro-tokens per microsecond
local daily_quota = tonumber(ARGV[3])
local monthly_quota = tonumber(ARGV[4])

local time = redis.call('TIME')
local secs = tonumber(time[1])
local now = secs * 1000000 + tonumber(time[2])

-- The UTC civil date of today (H. Hinnant's days-to-civil algorithm), for the day and month counters.
local day = math.floor(secs / 86400)
local z = day + 719468
local era = math.floor(z / 146097)
local doe = z - era * 146097
local yoe = math.floor((doe - math.floor(doe / 1460) + math.floor(doe / 36524) - math.floor(doe / 146096)) / 365)
local doy = doe - (365 * yoe + math.floor(yoe / 4) - math.floor(yoe / 100))
local mp = math.floor((5 * doy + 2) / 153)
local dom = doy - math.floor((153 * mp + 2) / 5) + 1
local m = mp < 10 and mp + 3 or mp - 9
local y = yoe + era * 400
if m <= 2 then y = y + 1 end
local month = y * 100 + m
local month_days = ({31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31})[m]
if m == 2 and ((y % 4 == 0 and y % 100 ~= 0) or y % 400 == 0) then month_days = 29 end
local to_day_end = 86400 - (secs - day * 86400)
local to_month_end = (month_days - dom) * 86400 + to_day_end

local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts', 'day', 'dn', 'month', 'mn')
local tokens = tonumber(state[1])
local ts = tonumber(state[2])
if tokens == nil or ts == nil then
  tokens = capacity
  ts = now
end
if tokens > capacity then
  tokens = capacity -- the plan shrank
end
local day_count = 0
if tonumber(state[3]) == day then day_count = tonumber(state[4]) or 0 end
local month_count = 0
if tonumber(state[5]) == month then month_count = tonumber(state[6]) or 0 end

-- A clock that went backwards (failover to a replica) refills nothing rather than a negative amount.
if now > ts then
  local elapsed = now - ts
  if elapsed >= math.ceil((capacity - tokens) / rate) then
    tokens = capacity
  else
    tokens = tokens + elapsed * rate
  end
  ts = now
end

-- The longest wait wins: a spent monthly quota is reported before a spent daily one, before an empty bucket.
-- A refused request takes nothing from any of them.
local allowed = 0
local hit = 0
if month_count >= monthly_quota then
  hit = 3
elseif day_count >= daily_quota then
  hit = 2
elseif tokens < UNIT then
  hit = 1
else
  tokens = tokens - UNIT
  day_count = day_count + 1
  month_count = month_count + 1
  allowed = 1
end

local next_token_us = 0
if tokens < UNIT then
  next_token_us = math.ceil((UNIT - tokens) / rate)
end

local function int(n) return string.format('%.0f', n) end
redis.call('HSET', KEYS[1], 'tokens', int(tokens), 'ts', int(ts), 'day', int(day), 'dn', int(day_count),
  'month', int(month), 'mn', int(month_count))
-- The monthly count must live until the month ends; after that a missing key reads as a full, fresh plan.
redis.call('EXPIRE', KEYS[1], to_month_end + 60)

return {allowed, hit, math.floor(tokens / UNIT), next_token_us, day_count, month_count, to_day_end, to_month_end}
