package scheduler

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/rs/zerolog"
)

// ErrNotSubscribed is returned when a channel has no subscription.
var ErrNotSubscribed = errors.New("channel not subscribed")

// ErrUndecodable is returned for a stored subscription that cannot be read
// (written by hand, or by another version). Listing and loading skip such
// a subscription, with a log line, rather than fail for all.
var ErrUndecodable = errors.New("subscription cannot be decoded")

// Subscription is one channel's (or one user's DM's) tip schedule.
type Subscription struct {
	Channel   string    `json:"channel"`
	Personal  bool      `json:"personal,omitempty"` // a user's own tips, in their DM
	User      string    `json:"user,omitempty"`     // Personal: whose tips
	Schedule  Schedule  `json:"schedule"`
	Audience  string    `json:"audience,omitempty"` // knowledge audience; "" = all tips
	CreatedBy string    `json:"created_by"`
	CreatedAt time.Time `json:"created_at"`
	// Since is when the schedule (re)started counting: instants before it are
	// never caught up, so subscribing or resuming never posts a stale tip.
	Since time.Time `json:"since"`
	// SkipUntil holds the tips back until then (a holiday): instants before
	// it are not posted, and not caught up afterwards. Zero for none.
	SkipUntil   time.Time `json:"skip_until,omitzero"`
	Paused      bool      `json:"paused,omitempty"`
	PausedBy    string    `json:"paused_by,omitempty"`
	PauseReason string    `json:"pause_reason,omitempty"`
}

// postsAt reports whether sub's instant at is to be posted: not paused,
// not before it was (re)started, not skipped.
func (sub Subscription) postsAt(at time.Time) bool {
	return !sub.Paused && !at.Before(sub.Since) && !sub.skipped(at)
}

// skipped reports whether the instant at falls before sub's SkipUntil.
func (sub Subscription) skipped(at time.Time) bool { return at.Before(sub.SkipUntil) }

// lookFrom is where sub's next instant after now is looked for: now, or
// just before SkipUntil, so that an instant at SkipUntil itself counts.
func (sub Subscription) lookFrom(now time.Time) time.Time {
	if sub.SkipUntil.After(now) {
		return sub.SkipUntil.Add(-time.Nanosecond)
	}
	return now
}

// store keeps subscriptions, last-fired instants, rotation cursors and
// claims under one prefix.
type store struct {
	rdb    redis.UniversalClient
	prefix string
	log    zerolog.Logger
}

func (st store) subsKey() string               { return st.prefix + "subs" }
func (st store) lastKey() string               { return st.prefix + "lastfired" }
func (st store) changesChannel() string        { return st.prefix + "changes" }
func (st store) cursorKey(ch, p string) string { return st.prefix + "cursor:" + p + ch }

// cursorPools are the rotations a channel may have: all its audience's
// tips, and the weak topics of a personal subscription.
var cursorPools = []string{"", weakPool}

// claimKey names a claim by the instant's wall-clock time in the
// subscription's timezone, so the repeated hour when DST ends (where cron
// fires 01:30 twice) still posts once.
func (st store) claimKey(ch string, at time.Time, loc *time.Location) string {
	return st.prefix + "claim:" + ch + ":" + at.In(loc).Format("2006-01-02T15:04")
}

func (st store) get(ctx context.Context, channel string) (Subscription, error) {
	raw, err := st.rdb.HGet(ctx, st.subsKey(), channel).Result()
	if errors.Is(err, redis.Nil) {
		return Subscription{}, ErrNotSubscribed
	}
	if err != nil {
		return Subscription{}, fmt.Errorf("load subscription %s: %w", channel, err)
	}
	return decode(channel, raw)
}

func decode(channel, raw string) (Subscription, error) {
	var sub Subscription
	if err := json.Unmarshal([]byte(raw), &sub); err != nil {
		return Subscription{}, fmt.Errorf("decode subscription %s: %w: %w", channel, ErrUndecodable, err)
	}
	return sub, nil
}

func (st store) all(ctx context.Context) (map[string]Subscription, error) {
	raw, err := st.rdb.HGetAll(ctx, st.subsKey()).Result()
	if err != nil {
		return nil, fmt.Errorf("load subscriptions: %w", err)
	}
	out := make(map[string]Subscription, len(raw))
	for ch, v := range raw {
		sub, err := decode(ch, v)
		if err != nil {
			st.log.Error().Err(err).Str("channel", ch).Msg("subscription skipped")
			continue
		}
		out[ch] = sub
	}
	return out, nil
}

// put saves sub and tells every process it changed. A failed notice is
// only logged: the save stands, and the others' reconcile catches up.
func (st store) put(ctx context.Context, sub Subscription) error {
	b, err := json.Marshal(sub)
	if err != nil {
		return fmt.Errorf("encode subscription %s: %w", sub.Channel, err)
	}
	pipe := st.rdb.Pipeline()
	pipe.HSet(ctx, st.subsKey(), sub.Channel, b)
	st.index(ctx, pipe, sub)
	if _, err := pipe.Exec(ctx); err != nil {
		return fmt.Errorf("save subscription %s: %w", sub.Channel, err)
	}
	st.notify(ctx, sub.Channel)
	return nil
}

// del removes a subscription, then its rotation, last-fired state and
// index entries. The keys lie in different Cluster slots, so each is
// deleted on its own (one DEL over two slots fails with CROSSSLOT); once
// the subscription itself is gone the unsubscribe has happened, and a
// failed clean-up is only logged.
func (st store) del(ctx context.Context, sub Subscription) error {
	channel := sub.Channel
	if err := st.rdb.HDel(ctx, st.subsKey(), channel).Err(); err != nil {
		return fmt.Errorf("delete subscription %s: %w", channel, err)
	}
	pipe := st.rdb.Pipeline()
	st.unindex(ctx, pipe, sub)
	pipe.HDel(ctx, st.lastKey(), channel)
	for _, pool := range cursorPools {
		pipe.Del(ctx, st.cursorKey(channel, pool))
	}
	if _, err := pipe.Exec(ctx); err != nil {
		st.log.Warn().Err(err).Str("channel", channel).Msg("clean up after unsubscribe failed")
	}
	st.notify(ctx, channel)
	return nil
}

// notify tells every process that channel's subscription changed.
func (st store) notify(ctx context.Context, channel string) {
	if err := st.rdb.Publish(ctx, st.changesChannel(), channel).Err(); err != nil {
		st.log.Warn().Err(err).Str("channel", channel).Msg("publish subscription change failed; the periodic reconcile will catch up")
	}
}

// lastFired returns every subscription's last fired instant.
func (st store) lastFired(ctx context.Context) (map[string]time.Time, error) {
	raw, err := st.rdb.HGetAll(ctx, st.lastKey()).Result()
	if err != nil {
		return nil, fmt.Errorf("load last fired: %w", err)
	}
	out := make(map[string]time.Time, len(raw))
	for ch, v := range raw {
		if n, err := strconv.ParseInt(v, 10, 64); err == nil {
			out[ch] = time.Unix(n, 0)
		}
	}
	return out, nil
}

// lastFiredOf returns one channel's last fired instant (zero if never).
func (st store) lastFiredOf(ctx context.Context, channel string) (time.Time, error) {
	n, err := st.rdb.HGet(ctx, st.lastKey(), channel).Int64()
	if errors.Is(err, redis.Nil) {
		return time.Time{}, nil
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("load last fired %s: %w", channel, err)
	}
	return time.Unix(n, 0), nil
}

// setLastFiredMax raises a channel's last fired instant, never lowering it.
var setLastFiredMax = redis.NewScript(`
local cur = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
if tonumber(ARGV[2]) > cur then redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) end
return 1`)

// nextCursor advances a rotation cursor and returns the position to use.
func (st store) nextCursor(ctx context.Context, channel, pool string) (int64, error) {
	n, err := st.rdb.Incr(ctx, st.cursorKey(channel, pool)).Result()
	if err != nil {
		return 0, fmt.Errorf("advance rotation %s: %w", channel, err)
	}
	return n - 1, nil
}

// peekCursor returns the position the next post will use.
func (st store) peekCursor(ctx context.Context, channel, pool string) (int64, error) {
	n, err := st.rdb.Get(ctx, st.cursorKey(channel, pool)).Int64()
	if errors.Is(err, redis.Nil) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("read rotation %s: %w", channel, err)
	}
	return n, nil
}
