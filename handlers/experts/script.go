package experts

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/redis/go-redis/v9"
)

// openScript opens a request for a question key unless one is open: it
// returns {"opened", rid} or {"exists", the open one's rid}.
//
// KEYS: open:<key>, r:<rid>, r:<rid>:a, due, st:<key>
// ARGV: rid, question, key, entry, now ms, asker JSON, asker user, remind at ms, ttl ms, experts channel
var openScript = redis.NewScript(`
local cur = redis.call('GET', KEYS[1])
if cur then return {'exists', cur} end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[9])
redis.call('HSET', KEYS[2], 'q', ARGV[2], 'key', ARGV[3], 'entry', ARGV[4], 'status', 'open', 'opened', ARGV[5],
  'ch', ARGV[10], 'a:' .. ARGV[7], '1')
redis.call('PEXPIRE', KEYS[2], ARGV[9])
redis.call('RPUSH', KEYS[3], ARGV[6])
redis.call('PEXPIRE', KEYS[3], ARGV[9])
redis.call('ZADD', KEYS[4], ARGV[8], ARGV[1])
redis.call('PEXPIRE', KEYS[4], ARGV[9])
redis.call('SET', KEYS[5], ARGV[1], 'PX', ARGV[9])
return {'opened', ARGV[1]}
`)

// joinScript adds an asker to the open request rid: "joined", "again"
// (they had asked already) or "gone" (it closed meanwhile).
//
// KEYS: open:<key>, r:<rid>, r:<rid>:a
// ARGV: rid, asker JSON, asker user
var joinScript = redis.NewScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] or redis.call('HGET', KEYS[2], 'status') ~= 'open' then return 'gone' end
if redis.call('HSETNX', KEYS[2], 'a:' .. ARGV[3], '1') == 0 then return 'again' end
redis.call('RPUSH', KEYS[3], ARGV[2])
return 'joined'
`)

// closeScript closes an open request as answered or expired, first come
// first served: {"ok", askers…} for the one that closed it; {"again",
// askers…} for the same closer again (a re-run after a takeover, by the
// same submission); {status, expert} for anyone later; {"missing"}.
//
// KEYS: r:<rid>, open:<key>, r:<rid>:a, due
// ARGV: rid, status, expert, answer, now ms, closer (the submission's id)
var closeScript = redis.NewScript(`
local st = redis.call('HGET', KEYS[1], 'status')
if not st then return {'missing'} end
if st ~= 'open' then
  if st == ARGV[2] and redis.call('HGET', KEYS[1], 'via') == ARGV[6] then
    local out = redis.call('LRANGE', KEYS[3], 0, -1)
    table.insert(out, 1, 'again')
    return out
  end
  return {st, redis.call('HGET', KEYS[1], 'expert') or ''}
end
redis.call('HSET', KEYS[1], 'status', ARGV[2], 'expert', ARGV[3], 'answer', ARGV[4], 'closed', ARGV[5], 'via', ARGV[6])
if redis.call('GET', KEYS[2]) == ARGV[1] then redis.call('DEL', KEYS[2]) end
redis.call('ZREM', KEYS[4], ARGV[1])
local out = redis.call('LRANGE', KEYS[3], 0, -1)
table.insert(out, 1, 'ok')
return out
`)

// openOrJoin puts the asker on the open request for key, opening one if
// there is none. opened says whether this call opened it (and so must
// post it to the experts); again, that this asker had asked already.
func (s *Service) openOrJoin(ctx context.Context, o offer, key, channel string) (rid string, opened, again bool, err error) {
	asker, err := json.Marshal(o.Origin)
	if err != nil {
		return "", false, false, fmt.Errorf("encode asker: %w", err)
	}
	now := s.now()
	for range 3 {
		fresh := newID()
		res, err := openScript.Run(ctx, s.rdb, []string{s.keys.open(key), s.keys.request(fresh), s.keys.askers(fresh),
			s.keys.due(), s.keys.latest(key)}, fresh, o.Question, key, o.Entry, ms(now), asker, o.Origin.User,
			ms(now.Add(s.remind)), s.ttl().Milliseconds(), channel).StringSlice()
		if err != nil || len(res) != 2 {
			return "", false, false, fmt.Errorf("open expert request: %w", err)
		}
		if res[0] == "opened" {
			return fresh, true, false, nil
		}
		cur := res[1]
		st, err := joinScript.Run(ctx, s.rdb, []string{s.keys.open(key), s.keys.request(cur), s.keys.askers(cur)},
			cur, asker, o.Origin.User).Text()
		if err != nil {
			return "", false, false, fmt.Errorf("join expert request %s: %w", cur, err)
		}
		switch st {
		case "joined":
			return cur, false, false, nil
		case "again":
			return cur, false, true, nil
		}
		// "gone": it closed between the two scripts; open a new one.
	}
	return "", false, false, fmt.Errorf("open expert request for %s: it kept closing under us", key)
}

// closed is what closeRequest found.
type closed struct {
	code   string   // ok, again, answered, expired, missing
	expert string   // for answered: who did
	askers []origin // for ok and again
}

// closeRequest closes r as status (answered or expired) by closer.
func (s *Service) closeRequest(ctx context.Context, r *request, status, expert, answer, closer string) (closed, error) {
	res, err := closeScript.Run(ctx, s.rdb, []string{s.keys.request(r.ID), s.keys.open(r.Key), s.keys.askers(r.ID), s.keys.due()},
		r.ID, status, expert, answer, ms(s.now()), closer).StringSlice()
	if err != nil || len(res) == 0 {
		return closed{}, fmt.Errorf("close expert request %s: %w", r.ID, err)
	}
	c := closed{code: res[0]}
	switch c.code {
	case "ok", "again":
		c.askers = decodeAskers(res[1:])
	case statusAnswered, statusExpired:
		if len(res) > 1 {
			c.expert = res[1]
		}
	}
	return c, nil
}
