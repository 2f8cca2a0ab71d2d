-- One access under a consent with a daily frequency (see ConsentStore): counts it and returns the day's count, in
-- one round trip. The counter expires on its own a day after its UTC day has ended.
-- KEYS[1]: sceneway:consent-uses:{consentId}:{yyyy-MM-dd}
-- ARGV[1]: seconds to keep the counter
local uses = redis.call('INCR', KEYS[1])
if uses == 1 then
  redis.call('EXPIRE', KEYS[1], tonumber(ARGV[1]))
end
return uses
