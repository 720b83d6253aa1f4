package scheduler

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// A claim is a lease on one channel's scheduled instant, a hash at
// claim:<channel>:<local time>. The sender about to post the instant takes
// it for the lease time and renews it before each attempt. A post that
// succeeds makes it done, and only then moves last fired; a post that
// fails gives it back, free again after a back-off; a process that stops
// gives it back at once; a process that dies lets it lapse. Fields: token
// (the holder), until (ms: nobody else may take it before), inflight (1
// while an attempt may have reached Slack), tries, tip and reason (the
// pick, kept for the retries), done.
//
// The pending sorted set lists the instants claimed and not done, scored by
// when to look at them again, so that a sweep on any process retries them
// within the grace period.

// Lease defaults.
const (
	defaultLease  = 15 * time.Second
	retryBackoff  = 15 * time.Second // after the first failed attempt, doubling
	maxBackoff    = 5 * time.Minute
	sweepBatch    = 512
	settleTimeout = 5 * time.Second // for the Redis writes that settle a claim, on a fresh context
)

// errLeaseLost ends an attempt whose lease another process took over.
var errLeaseLost = errors.New("claim taken over by another process")

// lease is a claim this process holds.
type lease struct {
	key     string
	member  string // in the pending set
	token   string
	tries   int
	inDoubt bool // an earlier attempt may have posted
	tipID   string
	reason  string
}

func (st store) pendingKey() string { return st.prefix + "pending" }

// pendingMember names an instant in the pending set: "<unix>|<channel>".
func pendingMember(channel string, at time.Time) string {
	return strconv.FormatInt(at.Unix(), 10) + "|" + channel
}

func parsePending(m string) (string, time.Time, bool) {
	sec, ch, ok := strings.Cut(m, "|")
	n, err := strconv.ParseInt(sec, 10, 64)
	if !ok || err != nil || ch == "" {
		return "", time.Time{}, false
	}
	return ch, time.Unix(n, 0), true
}

// claimScript takes an instant's lease unless it is done or not free yet.
// It returns {-1} when done, {-2} when held, else {tries, inflight before,
// tip, reason}.
var claimScript = redis.NewScript(`
local k = KEYS[1]
if redis.call('HEXISTS', k, 'done') == 1 then return {-1} end
if tonumber(redis.call('HGET', k, 'until') or '0') > tonumber(ARGV[2]) then return {-2} end
local doubt = redis.call('HGET', k, 'inflight') or '0'
redis.call('HSET', k, 'token', ARGV[1], 'until', ARGV[3], 'inflight', '1')
local tries = redis.call('HINCRBY', k, 'tries', 1)
redis.call('PEXPIRE', k, ARGV[4])
return {tries, doubt, redis.call('HGET', k, 'tip') or '', redis.call('HGET', k, 'reason') or ''}`)

// claim takes channel's instant at for the lease time. It returns nil,
// with no error, when the instant is done or another process holds it.
func (st store) claim(ctx context.Context, channel string, at time.Time, loc *time.Location, token string, now time.Time, d, ttl time.Duration) (*lease, error) {
	key := st.claimKey(channel, at, loc)
	r, err := claimScript.Run(ctx, st.rdb, []string{key}, token, now.UnixMilli(), now.Add(d).UnixMilli(), ttl.Milliseconds()).Slice()
	if err != nil {
		return nil, fmt.Errorf("claim %s at %s: %w", channel, at.UTC().Format(time.RFC3339), err)
	}
	if len(r) < 4 {
		return nil, nil // done or held
	}
	l := &lease{key: key, member: pendingMember(channel, at), token: token}
	n, _ := r[0].(int64)
	l.tries = int(n)
	l.inDoubt = r[1] == "1"
	l.tipID, _ = r[2].(string)
	l.reason, _ = r[3].(string)
	if err := st.rdb.ZAdd(ctx, st.pendingKey(), redis.Z{Score: float64(now.Add(d).UnixMilli()), Member: l.member}).Err(); err != nil {
		return l, fmt.Errorf("list claim %s as pending: %w", l.member, err) // the claim holds; the periodic catch-up covers it
	}
	return l, nil
}

// renewScript extends a lease its holder still has.
var renewScript = redis.NewScript(`
if redis.call('HGET', KEYS[1], 'token') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'until', ARGV[2])
return 1`)

// renew extends l to now+d, or reports errLeaseLost.
func (st store) renew(ctx context.Context, l *lease, now time.Time, d time.Duration) error {
	until := now.Add(d).UnixMilli()
	ok, err := renewScript.Run(ctx, st.rdb, []string{l.key}, l.token, until).Int()
	if err != nil {
		return fmt.Errorf("renew claim %s: %w", l.member, err)
	}
	if ok == 0 {
		return errLeaseLost
	}
	return st.rdb.ZAddXX(ctx, st.pendingKey(), redis.Z{Score: float64(until), Member: l.member}).Err()
}

// pickScript keeps the tip chosen for a claim, for its retries.
var pickScript = redis.NewScript(`
if redis.call('HGET', KEYS[1], 'token') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'tip', ARGV[2], 'reason', ARGV[3])
return 1`)

func (st store) recordPick(ctx context.Context, l *lease, p Pick) error {
	if err := pickScript.Run(ctx, st.rdb, []string{l.key}, l.token, p.Tip.ID, p.Reason).Err(); err != nil {
		return fmt.Errorf("record pick %s: %w", l.member, err)
	}
	return nil
}

// releaseScript gives a lease back, free from ARGV[2]; ARGV[3] is 1 when
// the attempt provably did not post.
var releaseScript = redis.NewScript(`
if redis.call('HGET', KEYS[1], 'token') ~= ARGV[1] then return 0 end
redis.call('HDEL', KEYS[1], 'token')
redis.call('HSET', KEYS[1], 'until', ARGV[2])
if ARGV[3] == '1' then redis.call('HSET', KEYS[1], 'inflight', '0') end
return 1`)

// release gives l back, free for anyone from free; clean says the attempt
// did not reach Slack.
func (st store) release(ctx context.Context, l *lease, free time.Time, clean bool) error {
	c := "0"
	if clean {
		c = "1"
	}
	ok, err := releaseScript.Run(ctx, st.rdb, []string{l.key}, l.token, free.UnixMilli(), c).Int()
	if err != nil {
		return fmt.Errorf("release claim %s: %w", l.member, err)
	}
	if ok == 0 {
		return nil // another process has it now
	}
	return st.pend(ctx, l.member, free, false)
}

// finishScript makes a claim done.
var finishScript = redis.NewScript(`
redis.call('HSET', KEYS[1], 'done', '1', 'inflight', '0')
redis.call('HDEL', KEYS[1], 'token', 'until')
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1`)

// finish makes l's instant done: posted, or given up for good. posted moves
// the channel's last fired instant to it.
func (st store) finish(ctx context.Context, l *lease, channel string, at time.Time, posted bool, ttl time.Duration) error {
	if err := finishScript.Run(ctx, st.rdb, []string{l.key}, ttl.Milliseconds()).Err(); err != nil {
		return fmt.Errorf("finish claim %s: %w", l.member, err)
	}
	if posted {
		if err := setLastFiredMax.Run(ctx, st.rdb, []string{st.lastKey()}, channel, at.Unix()).Err(); err != nil {
			return fmt.Errorf("record last fired %s: %w", channel, err)
		}
	}
	return st.unpend(ctx, l.member)
}

// pend lists an instant as pending from at; onlyNew leaves an existing
// entry's time alone.
func (st store) pend(ctx context.Context, member string, at time.Time, onlyNew bool) error {
	z := redis.Z{Score: float64(at.UnixMilli()), Member: member}
	var err error
	if onlyNew {
		err = st.rdb.ZAddNX(ctx, st.pendingKey(), z).Err()
	} else {
		err = st.rdb.ZAdd(ctx, st.pendingKey(), z).Err()
	}
	if err != nil {
		return fmt.Errorf("list %s as pending: %w", member, err)
	}
	return nil
}

func (st store) unpend(ctx context.Context, member string) error {
	if err := st.rdb.ZRem(ctx, st.pendingKey(), member).Err(); err != nil {
		return fmt.Errorf("unlist pending %s: %w", member, err)
	}
	return nil
}

// duePending returns up to n pending instants due by now.
func (st store) duePending(ctx context.Context, now time.Time, n int64) ([]string, error) {
	ms, err := st.rdb.ZRangeByScore(ctx, st.pendingKey(), &redis.ZRangeBy{
		Min: "-inf", Max: strconv.FormatInt(now.UnixMilli(), 10), Count: n}).Result()
	if err != nil {
		return nil, fmt.Errorf("read pending claims: %w", err)
	}
	return ms, nil
}

// backoff is how long a failed instant waits before its next attempt.
func backoff(tries int) time.Duration {
	return min(retryBackoff<<min(max(tries-1, 0), 8), maxBackoff)
}
