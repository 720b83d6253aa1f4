package pairs

import "github.com/redis/go-redis/v9"

// createScript starts a take at KEYS[1] unless one is open there (an
// invitation not yet expired, or answers or a share decision under way and
// not idle past the TTL). ARGV: inviter, invitee, pair id, run, now ms,
// ttl ms, invitation window ms, record ttl ms, delivery id, question count,
// then each question's option count. The same delivery run again (after a
// takeover) finds its own take and reports it created. Returns {'created',
// run} or {'busy', state, inviter}.
var createScript = redis.NewScript(`
local K = KEYS[1]
local now, ttl, window, keep, did = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8]), ARGV[9]
if redis.call('EXISTS', K) == 1 then
  local f = redis.call('HMGET', K, 'st', 't0', 'up', 'a', 'cd', 'run')
  if did ~= '' and f[5] == did then return {'created', f[6]} end
  local st, t0, up = f[1], tonumber(f[2]), tonumber(f[3])
  if (st == 'invited' and now <= t0 + window) or ((st == 'active' or st == 'sharing') and now <= up + ttl) then
    return {'busy', st, f[4]}
  end
end
redis.call('DEL', K)
redis.call('HSET', K, 'a', ARGV[1], 'b', ARGV[2], 'pid', ARGV[3], 'run', ARGV[4], 'st', 'invited',
  't0', now, 'up', now, 'cd', did, 'n', ARGV[10])
for i = 11, #ARGV do redis.call('HSET', K, 'no:' .. (i - 11), ARGV[i]) end
redis.call('PEXPIRE', K, keep)
return {'created', ARGV[4]}
`)

// stepScript moves a take one step, atomically. KEYS[1] is the take,
// KEYS[2] the couple's history. ARGV: op, user, run ("" = any), seat run
// ("" = any), question (-1 = current), now ms, ttl ms, invitation window
// ms, record ttl ms, arg, delivery id ("" = none), extra...
//
// Ops: accept and decline (the invitee; accept's arg is the two seat runs
// "ra,rb" and its extras the two DMs), cancel, answer (arg: the option),
// back, restart (arg: the new seat run), resume, ts (arg: the message of
// the current question), share (arg: y or n; extras: history length and
// ttl), sts (arg: the share prompt's message), propose, agree and refuse
// (arg: a channel). A step that changed the take is remembered by its
// delivery id, so the same delivery run again gets the same answer.
//
// Returns {code, seat, question before the step, option, first, then the
// take's fields and values}; first is "1" when this step expired or
// lapsed the take. Codes besides the op's own: none, notyours, stale,
// expired, lapsed, finished, answered, invalid, first, voted, changed,
// posted, and closed when the op does not apply to the take's state.
var stepScript = redis.NewScript(`
local K, H = KEYS[1], KEYS[2]
local op, user, run, srun, qi = ARGV[1], ARGV[2], ARGV[3], ARGV[4], tonumber(ARGV[5])
local now, ttl, window, keep, arg, did = tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8]), tonumber(ARGV[9]), ARGV[10], ARGV[11]
if redis.call('EXISTS', K) == 0 then return {'none'} end
if did ~= '' then
  local seen = redis.call('HGET', K, 'd:' .. did)
  if seen then return cjson.decode(seen) end
end
local function get(f) return redis.call('HGET', K, f) or '' end
local st = get('st')
local seat = ''
if user == get('a') then seat = 'a' elseif user == get('b') then seat = 'b' end
local other = 'a'
if seat == 'a' then other = 'b' end
local before, opt, first = -1, -1, '0'
local function out(code)
  local r = {code, seat, tostring(before), tostring(opt), first}
  local all = redis.call('HGETALL', K)
  for i = 1, #all, 2 do
    if string.sub(all[i], 1, 2) ~= 'd:' then r[#r + 1] = all[i]; r[#r + 1] = all[i + 1] end
  end
  return r
end
local function changed(code)
  redis.call('HSET', K, 'up', now)
  redis.call('PEXPIRE', K, keep)
  local r = out(code)
  if did ~= '' then redis.call('HSET', K, 'd:' .. did, cjson.encode(r)) end
  return r
end
if seat == '' then return out('notyours') end
if run ~= '' and run ~= get('run') then return out('stale') end
if st == 'invited' and now > tonumber(get('t0')) + window then
  redis.call('HSET', K, 'st', 'expired'); first = '1'
  return changed('expired')
elseif (st == 'active' or st == 'sharing') and now > tonumber(get('up')) + ttl then
  redis.call('HSET', K, 'st', 'lapsed'); first = '1'
  return changed('lapsed')
end
if st == 'expired' or st == 'lapsed' then return out(st) end
if op == 'accept' or op == 'decline' then
  if st ~= 'invited' then return out('closed') end
  if seat ~= 'b' then return out('notyours') end
  if op == 'decline' then
    redis.call('HSET', K, 'st', 'declined')
    return changed('declined')
  end
  local ra, rb = string.match(arg, '^([^,]*),([^,]*)$')
  redis.call('HSET', K, 'st', 'active', 'q:a', 0, 'q:b', 0, 'ans:a', '', 'ans:b', '', 's:a', 'active', 's:b', 'active',
    'r:a', ra, 'r:b', rb, 'up:a', now, 'up:b', now, 'dm:a', ARGV[12], 'dm:b', ARGV[13])
  return changed('accepted')
elseif op == 'cancel' then
  if st ~= 'invited' and st ~= 'active' then return out('closed') end
  redis.call('HSET', K, 'st', 'cancelled', 'by', seat)
  return changed('cancelled')
elseif op == 'answer' or op == 'back' or op == 'restart' or op == 'resume' or op == 'ts' then
  if st == 'sharing' or (st == 'active' and get('s:' .. seat) == 'done') then return out('finished') end
  if st ~= 'active' then return out('closed') end
  if srun ~= '' and srun ~= get('r:' .. seat) then return out('stale') end
  local q, n = tonumber(get('q:' .. seat)), tonumber(get('n'))
  before = q
  if qi >= 0 and qi ~= q then
    if qi < q and op == 'answer' then return out('answered') end
    return out('stale')
  end
  local ans = get('ans:' .. seat)
  if op == 'answer' then
    opt = tonumber(arg) or -1
    if opt < 0 or opt >= tonumber(get('no:' .. q)) then return out('invalid') end
    if ans == '' then ans = tostring(opt) else ans = ans .. ',' .. opt end
    q = q + 1
    redis.call('HSET', K, 'q:' .. seat, q, 'ans:' .. seat, ans, 'up:' .. seat, now)
    if q < n then return changed('ok') end
    redis.call('HSET', K, 's:' .. seat, 'done')
    if get('s:' .. other) == 'done' then
      redis.call('HSET', K, 'st', 'sharing')
      return changed('bothdone')
    end
    return changed('done')
  elseif op == 'back' then
    if q == 0 then return out('first') end
    ans = string.match(ans, '^(.*),[^,]*$') or ''
    redis.call('HSET', K, 'q:' .. seat, q - 1, 'ans:' .. seat, ans, 'up:' .. seat, now)
    return changed('back')
  elseif op == 'restart' then
    redis.call('HSET', K, 'q:' .. seat, 0, 'ans:' .. seat, '', 'r:' .. seat, arg, 'up:' .. seat, now)
    return changed('restarted')
  elseif op == 'resume' then
    redis.call('HSET', K, 'up:' .. seat, now, 'up', now)
    redis.call('PEXPIRE', K, keep)
    return out('resumed')
  end
  redis.call('HSET', K, 'ts:' .. seat, arg)
  return out('recorded')
elseif op == 'share' then
  if st ~= 'sharing' then return out('closed') end
  if get('sh:' .. seat) ~= '' then return out('voted') end
  if arg ~= 'y' then
    redis.call('HSET', K, 'sh:' .. seat, 'n', 'st', 'private', 'by', seat)
    return changed('private')
  end
  redis.call('HSET', K, 'sh:' .. seat, 'y')
  if get('sh:' .. other) ~= 'y' then return changed('shared') end
  redis.call('HSET', K, 'st', 'revealed', 'at', now)
  redis.call('LPUSH', H, cjson.encode({run = get('run'), at = now, a = get('a'), b = get('b'), aa = get('ans:a'), ab = get('ans:b')}))
  redis.call('LTRIM', H, 0, tonumber(ARGV[12]) - 1)
  redis.call('PEXPIRE', H, tonumber(ARGV[13]))
  return changed('revealed')
elseif op == 'sts' then
  redis.call('HSET', K, 'sts:' .. seat, arg)
  return out('recorded')
elseif op == 'propose' or op == 'agree' or op == 'refuse' then
  if st ~= 'revealed' then return out('closed') end
  if op == 'propose' then
    redis.call('HSET', K, 'ch:' .. seat, arg)
    if get('ch:' .. other) == arg then return changed('match') end
    return changed('proposed')
  elseif op == 'refuse' then
    if get('ch:' .. other) ~= arg then return out('changed') end
    redis.call('HSET', K, 'ch:' .. other, '')
    return changed('refused')
  end
  if get('ch:' .. other) ~= arg then
    if get('posted:' .. arg) ~= '' then return out('posted') end
    return out('changed')
  end
  redis.call('HSET', K, 'ch:a', '', 'ch:b', '', 'posted:' .. arg, now)
  return changed('post')
end
return redis.error_reply('unknown op ' .. op)
`)

// sweepScript checks one take when its due time came: an invitation past
// its window expires, a take idle past the TTL lapses, and each seat still
// answering and idle past the reminder delay is claimed for its one
// reminder. KEYS[1] is the take. ARGV: now ms, reminder delay ms, ttl ms,
// invitation window ms. Returns {code, seats to remind ("a,b"), next check
// ms ("0": none)}; codes: expired, lapsed (this sweep did it), remind,
// later, closed, none.
var sweepScript = redis.NewScript(`
local K = KEYS[1]
local now, delay, ttl, window = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
if redis.call('EXISTS', K) == 0 then return {'none', '', '0'} end
local f = redis.call('HMGET', K, 'st', 't0', 'up')
local st, t0, up = f[1], tonumber(f[2]), tonumber(f[3])
if st == 'invited' then
  if now > t0 + window then
    redis.call('HSET', K, 'st', 'expired')
    return {'expired', '', '0'}
  end
  return {'later', '', tostring(t0 + window + 1)}
end
if st ~= 'active' and st ~= 'sharing' then return {'closed', '', '0'} end
if now > up + ttl then
  redis.call('HSET', K, 'st', 'lapsed')
  return {'lapsed', '', '0'}
end
local due, next = {}, up + ttl + 1
if st == 'active' then
  for _, s in ipairs({'a', 'b'}) do
    local g = redis.call('HMGET', K, 's:' .. s, 'rem:' .. s, 'up:' .. s)
    if g[1] == 'active' and not g[2] then
      local t = tonumber(g[3]) + delay
      if now >= t then
        redis.call('HSET', K, 'rem:' .. s, '1')
        due[#due + 1] = s
      elseif t < next then
        next = t
      end
    end
  end
end
local code = 'later'
if #due > 0 then code = 'remind' end
return {code, table.concat(due, ','), tostring(next)}
`)
