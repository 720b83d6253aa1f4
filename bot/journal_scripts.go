package bot

import (
	"context"

	"github.com/redis/go-redis/v9"
)

// beginScript claims a delivery id and journals its envelope. KEYS: seen,
// entry, leases. ARGV: id, owner, request JSON, envelope id, envelope type,
// received ms, lease until ms, entry ttl ms, seen ttl ms. Returns 1, or 0
// for an id already claimed.
var beginScript = redis.NewScript(`
if not redis.call('SET', KEYS[1], ARGV[2], 'NX', 'PX', ARGV[9]) then return 0 end
redis.call('HSET', KEYS[2], 'o', ARGV[2], 'r', ARGV[3], 'env', ARGV[4], 'typ', ARGV[5], 't0', ARGV[6], 'n', 0)
redis.call('PEXPIRE', KEYS[2], ARGV[8])
redis.call('ZADD', KEYS[3], ARGV[7], ARGV[1])
return 1
`)

// releaseScript sets the lease of an entry this owner holds. KEYS: entry,
// leases. ARGV: id, owner, lease until ms. Returns 1, or 0 when the entry is
// gone or another owner has it.
var releaseScript = redis.NewScript(`
if redis.call('HGET', KEYS[1], 'o') ~= ARGV[2] then return 0 end
redis.call('ZADD', KEYS[2], 'XX', ARGV[3], ARGV[1])
return 1
`)

// takeScript takes over an entry whose lease expired. KEYS: entry, leases.
// ARGV: id, owner, now ms, lease until ms. Returns {request, envelope id,
// type, received ms, attempt}, or nil when the lease is live or the entry
// gone (its lease is dropped then).
var takeScript = redis.NewScript(`
local s = redis.call('ZSCORE', KEYS[2], ARGV[1])
if not s or tonumber(s) > tonumber(ARGV[3]) then return nil end
if redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('ZREM', KEYS[2], ARGV[1])
  return nil
end
redis.call('ZADD', KEYS[2], ARGV[4], ARGV[1])
redis.call('HSET', KEYS[1], 'o', ARGV[2])
redis.call('HINCRBY', KEYS[1], 'n', 1)
return redis.call('HMGET', KEYS[1], 'r', 'env', 'typ', 't0', 'n')
`)

// callScript claims call number k of a delivery before it is made, first
// writing the record of the delivery's previous call if one is given (a
// post made and not recorded yet: see delivery.once). KEYS: entry. ARGV:
// owner, k, signature[, previous call's field, its record]. Returns {'go'}
// (not made before: now marked pending), {'seen', record} (made or begun
// before: "p <sig>" pending, "d <sig> <result>" done), {'lost'} (another
// owner took the entry over) or {'gone'} (no entry).
var callScript = redis.NewScript(`
local v = redis.call('HMGET', KEYS[1], 'o', 'c' .. ARGV[2])
if not v[1] then return {'gone'} end
if ARGV[4] then redis.call('HSET', KEYS[1], ARGV[4], ARGV[5]) end
if v[1] ~= ARGV[1] then return {'lost'} end
if v[2] then return {'seen', v[2]} end
redis.call('HSET', KEYS[1], 'c' .. ARGV[2], 'p ' .. ARGV[3])
return {'go'}
`)

// runAll runs s once for each index in idx (keys[i], args[i]) in one
// pipeline, by its SHA; if Redis does not have the script yet (NOSCRIPT:
// it did not run), those calls are sent again with the script's body. It
// returns one command per index, each with its own result or error (a
// failed round trip fails them all).
func runAll(ctx context.Context, rdb redis.Cmdable, s *redis.Script, idx []int, keys [][]string, args [][]any) []*redis.Cmd {
	cmds := make([]*redis.Cmd, len(idx))
	run := func(which []int, sha bool) {
		_, _ = rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
			for _, n := range which {
				i := idx[n]
				if sha {
					cmds[n] = s.EvalSha(ctx, p, keys[i], args[i]...)
				} else {
					cmds[n] = s.Eval(ctx, p, keys[i], args[i]...)
				}
			}
			return nil
		}) // its error is the first command's: each command has its own
	}
	if len(idx) == 0 {
		return cmds
	}
	all := make([]int, len(idx))
	for n := range all {
		all[n] = n
	}
	run(all, true)
	var again []int
	for n, c := range cmds {
		if c.Err() != nil && redis.HasErrorPrefix(c.Err(), "NOSCRIPT") {
			again = append(again, n)
		}
	}
	if len(again) > 0 {
		run(again, false)
	}
	return cmds
}
