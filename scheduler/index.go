package scheduler

import (
	"context"
	"fmt"
	"slices"

	"github.com/redis/go-redis/v9"
)

// The App Home lists the subscriptions a user manages; reading and
// decoding every subscription for that took 235 ms at 10,000. Two indexes
// answer it from what the user has instead: by:<user> (a set of the
// channels whose subscription the user set up, or whose personal tips they
// get) and channels (the channel subscriptions, in channel order, for an
// admin, who manages all). An index entry is a hint, checked against the
// subscription when read: a stale one (a channel another user subscribed
// since, or one whose clean-up failed) is skipped. They are filled on
// every save, and for subscriptions saved before they existed, once, when
// a process starts (indexed marks that done).

func (st store) byUserKey(user string) string { return st.prefix + "by:" + user }
func (st store) channelsKey() string          { return st.prefix + "channels" }
func (st store) indexedKey() string           { return st.prefix + "indexed" }

// index adds sub to the indexes, in pipe.
func (st store) index(ctx context.Context, pipe redis.Pipeliner, sub Subscription) {
	if sub.CreatedBy != "" {
		pipe.SAdd(ctx, st.byUserKey(sub.CreatedBy), sub.Channel)
	}
	if sub.Personal && sub.User != "" {
		pipe.SAdd(ctx, st.byUserKey(sub.User), sub.Channel)
	} else {
		pipe.ZAdd(ctx, st.channelsKey(), redis.Z{Member: sub.Channel})
	}
}

// unindex removes sub from the indexes, in pipe.
func (st store) unindex(ctx context.Context, pipe redis.Pipeliner, sub Subscription) {
	for _, u := range []string{sub.CreatedBy, sub.User} {
		if u != "" {
			pipe.SRem(ctx, st.byUserKey(u), sub.Channel)
		}
	}
	pipe.ZRem(ctx, st.channelsKey(), sub.Channel)
}

// backfill indexes every stored subscription, once per key prefix.
func (st store) backfill(ctx context.Context, subs map[string]Subscription) error {
	if n, err := st.rdb.Exists(ctx, st.indexedKey()).Result(); err != nil || n == 1 {
		return err
	}
	pipe := st.rdb.Pipeline()
	for _, sub := range subs {
		st.index(ctx, pipe, sub)
	}
	pipe.Set(ctx, st.indexedKey(), "1", 0)
	if _, err := pipe.Exec(ctx); err != nil {
		return fmt.Errorf("index subscriptions: %w", err)
	}
	return nil
}

// Managed returns, sorted by channel, the subscriptions userID manages:
// their personal one and at most limit of the channel subscriptions they
// set up (of every one, when all is set, for an admin), and how many more
// channel subscriptions there are.
func (s *Scheduler) Managed(ctx context.Context, userID string, all bool, limit int) ([]Subscription, int, error) {
	own, err := s.st.rdb.SMembers(ctx, s.st.byUserKey(userID)).Result()
	if err != nil {
		return nil, 0, fmt.Errorf("list subscriptions of %s: %w", userID, err)
	}
	var total int64
	if all {
		chs, err := s.st.rdb.ZRange(ctx, s.st.channelsKey(), 0, int64(limit)).Result()
		if err == nil {
			total, err = s.st.rdb.ZCard(ctx, s.st.channelsKey()).Result()
		}
		if err != nil {
			return nil, 0, fmt.Errorf("list channel subscriptions: %w", err)
		}
		own = append(own, chs...)
	}
	slices.Sort(own)
	subs, err := s.st.getMany(ctx, slices.Compact(own))
	if err != nil {
		return nil, 0, err
	}
	var out []Subscription
	channels := 0
	for _, sub := range subs {
		personal := sub.Personal && sub.User == userID
		if !personal && (sub.Personal || (!all && sub.CreatedBy != userID)) {
			continue // a stale index entry: another's now
		}
		if !sub.Personal {
			if channels++; channels > limit {
				continue
			}
		}
		out = append(out, sub)
	}
	if all {
		return out, max(int(total)-limit, 0), nil
	}
	return out, max(channels-limit, 0), nil
}

// getMany reads the subscriptions of channels that exist and decode.
func (st store) getMany(ctx context.Context, channels []string) ([]Subscription, error) {
	if len(channels) == 0 {
		return nil, nil
	}
	raw, err := st.rdb.HMGet(ctx, st.subsKey(), channels...).Result()
	if err != nil {
		return nil, fmt.Errorf("load %d subscriptions: %w", len(channels), err)
	}
	var out []Subscription
	for i, v := range raw {
		s, ok := v.(string)
		if !ok {
			continue // gone since it was indexed
		}
		sub, err := decode(channels[i], s)
		if err != nil {
			st.log.Error().Err(err).Str("channel", channels[i]).Msg("subscription skipped")
			continue
		}
		out = append(out, sub)
	}
	return out, nil
}
