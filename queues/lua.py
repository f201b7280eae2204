"""Lua scripts of the queues: each one change made atomically inside Redis.

Every script takes the key prefix as ARGV[1] and builds the per-call and per-agent keys from
it (the names match queues/keys.py), so any number of processes can run them at once.
"""

from __future__ import annotations

# ARGV: prefix, sid, queue, caller, language, priority, arrived_ms, score, kind, number,
#       day, stamp. Returns 1 when queued now, 0 when the call was already known.
ENQUEUE = """
local p = ARGV[1]
local ck = p .. 'call:' .. ARGV[2]
local state = redis.call('HGET', ck, 'state')
if state then return 0 end
redis.call('HSET', ck, 'sid', ARGV[2], 'queue', ARGV[3], 'caller', ARGV[4],
  'language', ARGV[5], 'priority', ARGV[6], 'arrived', ARGV[7], 'kind', ARGV[9],
  'number', ARGV[10], 'state', 'waiting')
redis.call('ZADD', p .. 'queue:' .. ARGV[3] .. ':waiting', ARGV[8], ARGV[2])
if ARGV[9] == 'callback' then
  redis.call('SADD', p .. 'queue:' .. ARGV[3] .. ':callbacks', ARGV[2])
else
  redis.call('ZADD', p .. 'queue:' .. ARGV[3] .. ':online', ARGV[7], ARGV[2])
end
redis.call('ZADD', p .. 'arrivals:' .. ARGV[3], ARGV[7], ARGV[2])
redis.call('HINCRBY', p .. 'stats:' .. ARGV[11] .. ':' .. ARGV[3], 'offered', 1)
redis.call('EXPIRE', p .. 'stats:' .. ARGV[11] .. ':' .. ARGV[3], 8 * 86400)
redis.call('HINCRBY', p .. 'interval:' .. ARGV[12] .. ':' .. ARGV[3], 'offered', 1)
redis.call('SADD', p .. 'intervals:pending', ARGV[3] .. '|' .. ARGV[12])
return 1
"""

# A waiting call becomes a callback request where it stands (same score: same place).
# ARGV: prefix, sid, number, now_ms. Returns 1 when converted, 0 when the call is not waiting.
TO_CALLBACK = """
local p = ARGV[1]
local ck = p .. 'call:' .. ARGV[2]
if redis.call('HGET', ck, 'state') ~= 'waiting' then return 0 end
local q = redis.call('HGET', ck, 'queue')
redis.call('HSET', ck, 'kind', 'callback', 'number', ARGV[3], 'callback_at', ARGV[4])
redis.call('SADD', p .. 'queue:' .. q .. ':callbacks', ARGV[2])
redis.call('ZREM', p .. 'queue:' .. q .. ':online', ARGV[2])
return 1
"""

# The caller hung up or the call ended. ARGV: prefix, sid, reason, now_ms, day, stamp.
# Returns the state the call was in ('' when unknown).
CALL_LEFT = """
local p = ARGV[1]
local ck = p .. 'call:' .. ARGV[2]
local h = redis.call('HMGET', ck, 'state', 'queue', 'agent', 'assigned_at', 'kind', 'caller',
  'arrived')
local state, q, agent = h[1], h[2], h[3]
if not state then return '' end
local now = tonumber(ARGV[4])
if state == 'waiting' then
  if h[5] == 'callback' then return state end  -- the caller asked to be called back
  redis.call('ZREM', p .. 'queue:' .. q .. ':waiting', ARGV[2])
  redis.call('ZREM', p .. 'queue:' .. q .. ':online', ARGV[2])
  redis.call('HSET', ck, 'state', 'abandoned', 'ended_at', now, 'reason', ARGV[3])
  redis.call('HINCRBY', p .. 'stats:' .. ARGV[5] .. ':' .. q, 'abandoned', 1)
  redis.call('HINCRBY', p .. 'interval:' .. ARGV[6] .. ':' .. q, 'abandoned', 1)
  redis.call('SADD', p .. 'intervals:pending', q .. '|' .. ARGV[6])
  redis.call('EXPIRE', ck, 86400)
  if h[6] and string.sub(h[6], 1, 1) == '+' then  -- a known number: offer a callback later
    redis.call('ZADD', p .. 'abandoned:' .. ARGV[5], h[7], ARGV[2])
    redis.call('EXPIRE', p .. 'abandoned:' .. ARGV[5], 2 * 86400)
  end
  return state
end
if state ~= 'assigned' and state ~= 'answered' then return state end
local handle = now - tonumber(h[4] or now)
redis.call('HSET', ck, 'state', 'ended', 'ended_at', now, 'reason', ARGV[3])
redis.call('EXPIRE', ck, 86400)
redis.call('HINCRBY', p .. 'stats:' .. ARGV[5] .. ':' .. q, 'handle_ms', handle)
redis.call('HINCRBY', p .. 'stats:' .. ARGV[5] .. ':' .. q, 'handled', 1)
redis.call('HINCRBY', p .. 'interval:' .. ARGV[6] .. ':' .. q, 'handle_ms', handle)
redis.call('HINCRBY', p .. 'interval:' .. ARGV[6] .. ':' .. q, 'handled', 1)
redis.call('ZADD', p .. 'handles:' .. q, now, ARGV[2] .. ':' .. handle)
local ak = p .. 'agent:' .. agent
if redis.call('HGET', ak, 'call') == ARGV[2] then
  local a = redis.call('HMGET', ak, 'state', 'since')
  redis.call('HINCRBY', p .. 'agentday:' .. ARGV[5] .. ':' .. agent, a[1], now - tonumber(a[2]))
  redis.call('HSET', ak, 'state', 'wrap_up', 'since', now, 'reason', '', 'wrap_call', ARGV[2])
  redis.call('HDEL', ak, 'call')
end
return state
"""

# Route one call: the best waiting item (lowest score: priority, then arrival) that some
# available agent can take goes to the longest-idle such agent.
# ARGV: prefix, now_ms, day, stamp, sl_ms, scan, queue names...
# Returns {sid, agent, queue, kind}.
ROUTE = """
local p = ARGV[1]
local now = tonumber(ARGV[2])
local agents = redis.call('ZRANGE', p .. 'agents:available', 0, -1)
if #agents == 0 then return false end
local skills = {}
local function skill(i)
  if not skills[i] then
    local s = redis.call('HMGET', p .. 'agent:' .. agents[i], 'topics', 'languages')
    skills[i] = {',' .. (s[1] or '') .. ',', ',' .. (s[2] or '') .. ','}
  end
  return skills[i]
end
local cands = {}
for j = 7, #ARGV do
  local items = redis.call('ZRANGE', p .. 'queue:' .. ARGV[j] .. ':waiting', 0,
    tonumber(ARGV[6]) - 1, 'WITHSCORES')
  for i = 1, #items, 2 do
    cands[#cands + 1] = {items[i], tonumber(items[i + 1]), ARGV[j]}
  end
end
table.sort(cands, function(x, y)
  if x[2] == y[2] then return x[1] < y[1] end
  return x[2] < y[2]
end)
for _, c in ipairs(cands) do
  local ck = p .. 'call:' .. c[1]
  local h = redis.call('HMGET', ck, 'language', 'arrived', 'kind')
  local qt, lt = ',' .. c[3] .. ',', ',' .. (h[1] or '') .. ','
  for i, a in ipairs(agents) do
    local sk = skill(i)
    if string.find(sk[1], qt, 1, true) and string.find(sk[2], lt, 1, true) then
      local ak = p .. 'agent:' .. a
      local q = c[3]
      redis.call('ZREM', p .. 'queue:' .. q .. ':waiting', c[1])
      redis.call('SREM', p .. 'queue:' .. q .. ':callbacks', c[1])
      redis.call('ZREM', p .. 'queue:' .. q .. ':online', c[1])
      redis.call('ZREM', p .. 'agents:available', a)
      redis.call('HSET', ck, 'state', 'assigned', 'agent', a, 'assigned_at', now)
      local old = redis.call('HMGET', ak, 'state', 'since')
      redis.call('HINCRBY', p .. 'agentday:' .. ARGV[3] .. ':' .. a, old[1] or 'available',
        now - tonumber(old[2] or now))
      redis.call('HSET', ak, 'state', 'on_call', 'since', now, 'reason', '', 'call', c[1])
      local wait = now - tonumber(h[2])
      local sums = {p .. 'stats:' .. ARGV[3] .. ':' .. q, p .. 'interval:' .. ARGV[4] .. ':' .. q}
      for _, k in ipairs(sums) do
        if h[3] == 'callback' then
          redis.call('HINCRBY', k, 'callbacks_served', 1)
        else
          redis.call('HINCRBY', k, 'answered', 1)
          redis.call('HINCRBY', k, 'wait_ms', wait)
          if wait <= tonumber(ARGV[5]) then redis.call('HINCRBY', k, 'answered_in_sl', 1) end
        end
      end
      redis.call('SADD', p .. 'intervals:pending', q .. '|' .. ARGV[4])
      return {c[1], a, q, h[3] or 'call'}
    end
  end
end
return false
"""

# Change an agent's presence. ARGV: prefix, agent, state, reason, now_ms, day, queues...
# (queue:language pairs). Returns the previous state, or an error code string 'refused:...'.
SET_STATE = """
local p = ARGV[1]
local ak = p .. 'agent:' .. ARGV[2]
local h = redis.call('HMGET', ak, 'state', 'since', 'topics', 'languages', 'wrap_call')
local old = h[1] or 'offline'
local new = ARGV[3]
local now = tonumber(ARGV[5])
if old == 'on_call' and new ~= 'on_call' then return 'refused:on_call' end
if h[5] and h[5] ~= '' and new == 'available' then return 'refused:wrap_up_pending' end
if old ~= new then
  local spent = now - tonumber(h[2] or now)
  redis.call('HINCRBY', p .. 'agentday:' .. ARGV[6] .. ':' .. ARGV[2], old, spent)
  redis.call('EXPIRE', p .. 'agentday:' .. ARGV[6] .. ':' .. ARGV[2], 8 * 86400)
  redis.call('HSET', ak, 'since', now)
end
redis.call('HSET', ak, 'state', new, 'reason', ARGV[4])
redis.call('SADD', p .. 'agents', ARGV[2])
if new == 'available' then
  if old ~= 'available' then redis.call('ZADD', p .. 'agents:available', now, ARGV[2]) end
else
  redis.call('ZREM', p .. 'agents:available', ARGV[2])
end
local topics, langs = ',' .. (h[3] or '') .. ',', ',' .. (h[4] or '') .. ','
for j = 7, #ARGV do
  local q, l = string.match(ARGV[j], '([^:]+):([^:]+)')
  local key = p .. 'presence:on_duty:' .. q
  if new ~= 'offline' and string.find(topics, ',' .. q .. ',', 1, true)
      and string.find(langs, ',' .. l .. ',', 1, true) then
    redis.call('SADD', key, ARGV[2])
  else
    redis.call('SREM', key, ARGV[2])
  end
end
if new == 'offline' then
  redis.call('SREM', p .. 'presence:on_duty', ARGV[2])
else
  redis.call('SADD', p .. 'presence:on_duty', ARGV[2])
end
return old
"""

# An agent moves the caller they are talking to into another queue (a transfer to a queue).
# The talk so far counts as handled in the old queue and the agent goes into wrap-up, as when
# a call ends; the caller then waits in the new queue as a newly offered call whose wait starts
# now. ARGV: prefix, sid, new queue, now_ms, day, stamp, score. Returns the old queue, or ''
# when the call is not with an agent.
TO_QUEUE = """
local p = ARGV[1]
local ck = p .. 'call:' .. ARGV[2]
local h = redis.call('HMGET', ck, 'state', 'queue', 'agent', 'assigned_at')
local state, q, agent = h[1], h[2], h[3]
if state ~= 'assigned' and state ~= 'answered' then return '' end
local now, nq = tonumber(ARGV[4]), ARGV[3]
local handle = now - tonumber(h[4] or now)
local sums = {p .. 'stats:' .. ARGV[5] .. ':' .. q, p .. 'interval:' .. ARGV[6] .. ':' .. q}
for _, k in ipairs(sums) do
  redis.call('HINCRBY', k, 'handle_ms', handle)
  redis.call('HINCRBY', k, 'handled', 1)
end
redis.call('ZADD', p .. 'handles:' .. q, now, ARGV[2] .. ':' .. handle)
redis.call('SADD', p .. 'intervals:pending', q .. '|' .. ARGV[6])
local ak = p .. 'agent:' .. agent
if redis.call('HGET', ak, 'call') == ARGV[2] then
  local a = redis.call('HMGET', ak, 'state', 'since')
  redis.call('HINCRBY', p .. 'agentday:' .. ARGV[5] .. ':' .. agent, a[1], now - tonumber(a[2]))
  redis.call('HSET', ak, 'state', 'wrap_up', 'since', now, 'reason', '', 'wrap_call', ARGV[2])
  redis.call('HDEL', ak, 'call')
end
redis.call('HDEL', ck, 'agent', 'assigned_at', 'answered_at', 'held')
redis.call('HSET', ck, 'queue', nq, 'arrived', now, 'state', 'waiting', 'transferred_from', q)
redis.call('ZADD', p .. 'queue:' .. nq .. ':waiting', ARGV[7], ARGV[2])
redis.call('ZADD', p .. 'queue:' .. nq .. ':online', now, ARGV[2])
redis.call('ZADD', p .. 'arrivals:' .. nq, now, ARGV[2])
redis.call('HINCRBY', p .. 'stats:' .. ARGV[5] .. ':' .. nq, 'offered', 1)
redis.call('HINCRBY', p .. 'interval:' .. ARGV[6] .. ':' .. nq, 'offered', 1)
redis.call('EXPIRE', p .. 'stats:' .. ARGV[5] .. ':' .. nq, 8 * 86400)
redis.call('SADD', p .. 'intervals:pending', nq .. '|' .. ARGV[6])
return q
"""
