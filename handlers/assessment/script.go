package assessment

import "github.com/redis/go-redis/v9"

// createScript starts (or replaces) the session at KEYS[1] (the record) and
// KEYS[2] (its marker). It refuses when another user's session is active
// there. ARGV: user, run, now ms, ttl ms, marker ttl ms, assessment id,
// then field/value pairs for the record. Returns {code, previous assessment
// id if an active session of the same user was replaced}.
var createScript = redis.NewScript(`
local prev = ''
if redis.call('EXISTS', KEYS[1]) == 1 then
  local f = redis.call('HMGET', KEYS[1], 'u', 'st', 'a')
  if f[2] == 'active' then
    if f[1] ~= ARGV[1] then return {'busy', f[3]} end
    prev = f[3]
  end
end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'u', ARGV[1], 'run', ARGV[2], 't0', ARGV[3], 'up', ARGV[3],
  'a', ARGV[6], 'q', 0, 'ans', '', 'st', 'active', unpack(ARGV, 7))
redis.call('PEXPIRE', KEYS[1], ARGV[4])
redis.call('SET', KEYS[2], ARGV[6], 'PX', ARGV[5])
return {'ok', prev}
`)

// stepScript moves a session one step, atomically: answer, back, restart,
// cancel, resume (refresh and report), ts (record the message ts of the
// current question). KEYS[1] is the record, KEYS[2] its marker.
//
// ARGV: op, user, run (empty = any), question (-1 = current), now ms, ttl ms,
// marker ttl ms, arg (option index or -1; the new run for restart; the ts
// for ts), the definitions' hashes (" id=hash id=hash", "" = no check),
// delivery id ("" = none). A step's result (a refusal too: stale,
// answered, closed, first, invalid) is remembered by its delivery id: the
// same delivery run again (another replica took it over from one that
// died) gets the same result and changes nothing.
//
// A session records the hash of its assessment's definition when it
// starts; if the definition has changed since (more or fewer questions,
// options reordered) every op but cancel returns outdated and changes
// nothing, so that answers are never scored against another definition.
//
// Returns {code, assessment, owner, run, question, answers, ts, option,
// started ms, origin channel, question before the step}; ts is the message of the question that was current before
// the step (to update it). Codes: ok, done, back, first, restarted,
// cancelled, resumed, recorded, invalid, answered, stale, notyours, closed,
// outdated, expired (with a third element "1" the first time it is
// reported), none.
var stepScript = redis.NewScript(`
local op, user, run, qi = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
if redis.call('EXISTS', KEYS[1]) == 0 then
  local a = redis.call('GET', KEYS[2])
  if not a then return {'none'} end
  local first = '1'
  if string.sub(a, 1, 1) == '!' then first = '0'; a = string.sub(a, 2) end
  redis.call('DEL', KEYS[2])
  return {'expired', a, first}
end
local did = ARGV[10]
if did ~= '' then
  local seen = redis.call('HGET', KEYS[1], 'd:' .. did)
  if seen then return cjson.decode(seen) end
end
local f = redis.call('HMGET', KEYS[1], 'u', 'run', 'q', 'n', 'st', 'ans', 'a', 't0', 'oc')
local owner, cur, q, n, st, ans, aid, t0, oc = f[1], f[2], tonumber(f[3]), tonumber(f[4]), f[5], f[6], f[7], f[8], f[9] or ''
local q0 = q
local curTS = redis.call('HGET', KEYS[1], 'ts:' .. q) or ''
local function out(code, opt)
  return {code, aid, owner, cur, tostring(q), ans, curTS, tostring(opt or -1), t0, oc, tostring(q0)}
end
local function remember(code, opt)
  local r = out(code, opt)
  if did ~= '' then redis.call('HSET', KEYS[1], 'd:' .. did, cjson.encode(r)) end
  return r
end
if user ~= owner then return out('notyours') end
-- A refusal is remembered too, so a re-run of the delivery is
-- refused again: a stale click must not count once the user went back.
if run ~= '' and run ~= cur then return remember('stale') end
if st ~= 'active' then
  if op == 'answer' and qi >= 0 and run == cur then return remember('answered') end
  return remember('closed')
end
if qi >= 0 and qi ~= q then
  if qi < q and op == 'answer' then return remember('answered') end
  return remember('stale')
end
if ARGV[9] ~= '' and op ~= 'cancel' and op ~= 'ts' then
  local h, want = redis.call('HGET', KEYS[1], 'h'), ''
  local i = string.find(ARGV[9], ' ' .. aid .. '=', 1, true)
  if i then want = string.match(ARGV[9], '^[^ ]*', i + #aid + 2) end
  if h and h ~= want then return out('outdated') end
end
local function touch()
  redis.call('PEXPIRE', KEYS[1], ARGV[6])
  redis.call('PEXPIRE', KEYS[2], ARGV[7])
end
if op == 'answer' then
  local opt = tonumber(ARGV[8])
  local nopt = tonumber(redis.call('HGET', KEYS[1], 'no:' .. q))
  if opt < 0 or opt >= nopt then return remember('invalid') end
  if ans == '' then ans = tostring(opt) else ans = ans .. ',' .. opt end
  q = q + 1
  local code = 'ok'
  if q >= n then
    code = 'done'
    redis.call('HSET', KEYS[1], 'q', q, 'ans', ans, 'up', ARGV[5], 'st', 'done')
    redis.call('PEXPIRE', KEYS[1], ARGV[6])
    redis.call('DEL', KEYS[2])
  else
    redis.call('HSET', KEYS[1], 'q', q, 'ans', ans, 'up', ARGV[5])
    touch()
  end
  return remember(code, opt)
elseif op == 'back' then
  if q == 0 then return remember('first') end
  ans = string.match(ans, '^(.*),[^,]*$') or ''
  q = q - 1
  redis.call('HSET', KEYS[1], 'q', q, 'ans', ans, 'up', ARGV[5])
  touch()
  return remember('back')
elseif op == 'restart' then
  q, ans, cur = 0, '', ARGV[8]
  redis.call('HSET', KEYS[1], 'q', 0, 'ans', '', 'run', cur, 'up', ARGV[5], 't0', ARGV[5])
  touch()
  return remember('restarted')
elseif op == 'cancel' then
  redis.call('HSET', KEYS[1], 'st', 'cancelled', 'up', ARGV[5])
  redis.call('DEL', KEYS[2])
  return remember('cancelled')
elseif op == 'resume' then
  redis.call('HSET', KEYS[1], 'up', ARGV[5])
  touch()
  return out('resumed')
elseif op == 'ts' then
  redis.call('HSET', KEYS[1], 'ts:' .. q, ARGV[8])
  return out('recorded')
end
return redis.error_reply('unknown op ' .. op)
`)

// remindScript claims the one reminder of the session at KEYS[1] when it is
// due. ARGV: now ms, reminder delay ms. Returns {code, assessment, owner,
// run, question, updated ms}; codes: remind (claimed now), later (not due
// yet), reminded (already sent), closed, expired (+ "1" if first reported),
// none.
var remindScript = redis.NewScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then
  local a = redis.call('GET', KEYS[2])
  if not a then return {'none'} end
  if string.sub(a, 1, 1) == '!' then return {'expired', string.sub(a, 2), '0'} end
  redis.call('SET', KEYS[2], '!' .. a, 'KEEPTTL')
  return {'expired', a, '1'}
end
local f = redis.call('HMGET', KEYS[1], 'u', 'run', 'q', 'st', 'a', 'up', 'rem')
local out = {'', f[5], f[1], f[2], f[3], f[6]}
if f[4] ~= 'active' then out[1] = 'closed'; return out end
if f[7] then out[1] = 'reminded'; return out end
if tonumber(ARGV[1]) < tonumber(f[6]) + tonumber(ARGV[2]) then out[1] = 'later'; return out end
redis.call('HSET', KEYS[1], 'rem', '1')
out[1] = 'remind'
return out
`)

// saveOutcomeScript pushes an outcome to a user's history unless one with
// the same id is there. KEYS[1] is the history. ARGV: outcome JSON, its id,
// history length, ttl ms.
var saveOutcomeScript = redis.NewScript(`
for _, v in ipairs(redis.call('LRANGE', KEYS[1], 0, tonumber(ARGV[3]) - 1)) do
  local ok, o = pcall(cjson.decode, v)
  if ok and o['id'] == ARGV[2] then return 0 end
end
redis.call('LPUSH', KEYS[1], ARGV[1])
redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[3]) - 1)
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1
`)

// onceScript claims KEYS[1] for the delivery ARGV[1] (for ARGV[2] ms)
// unless another delivery has it; the same delivery run again (a
// takeover) still may. Returns 1 when the caller may go on.
var onceScript = redis.NewScript(`
local v = redis.call('GET', KEYS[1])
if not v then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]); return 1 end
if v == ARGV[1] then return 1 end
return 0`)
