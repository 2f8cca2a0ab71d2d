-- Token bucket for one partner, in one round trip (see RedisTokenBucket).
-- KEYS[1]: the bucket (a hash: tokens, ts)
-- ARGV[1]: capacity in tokens; ARGV[2]: refill in tokens per second
-- Returns {allowed (1|0), whole tokens remaining, microseconds until at least one whole token}.
--
-- Amounts are kept in micro-tokens (1 token = 1e6) and time in microseconds, so refill = elapsed * rate is an
-- exact integer: Lua numbers are doubles, exact below 2^53 (capacity and rate are capped at 1e6 by the plan).
-- The clock is the Redis master's TIME, never the callers' (gateway replicas drift).

-- Redis < 5 replicates scripts verbatim and refuses writes after TIME unless effects replication is on.
if redis.replicate_commands then pcall(redis.replicate_commands) end

local UNIT = 1000000
local capacity = tonumber(ARGV[1]) * UNIT
local rate = tonumber(ARGV[2]) -- tokens per second == micro-tokens per microsecond

local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])

local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(state[1])
local ts = tonumber(state[2])
if tokens == nil or ts == nil then
  tokens = capacity
  ts = now
end
if tokens > capacity then
  tokens = capacity -- the plan shrank
end

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

local allowed = 0
if tokens >= UNIT then
  tokens = tokens - UNIT
  allowed = 1
end

local next_token_us = 0
if tokens < UNIT then
  next_token_us = math.ceil((UNIT - tokens) / rate)
end

-- The key lives exactly as long as the bucket needs to fill up: an expired key reads as a full bucket.
local full_us = math.ceil((capacity - tokens) / rate)
redis.call('HSET', KEYS[1], 'tokens', tokens, 'ts', ts)
redis.call('PEXPIRE', KEYS[1], math.max(1, math.ceil(full_us / 1000)))

return {allowed, math.floor(tokens / UNIT), next_token_us}
