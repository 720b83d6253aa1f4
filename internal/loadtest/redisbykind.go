package main

import (
	"context"
	"fmt"
	"time"
)

// redisKindsPerKind is how many envelopes of each kind the Redis
// breakdown sends, one at a time.
const redisKindsPerKind = 10

// redisByKind sends each kind alone, one envelope at a time, and counts the
// Redis commands each costs. The last answer of an assessment (which scores
// and saves the outcome) is counted apart as "button-last".
func (r *runner) redisByKind(ctx context.Context, d *driver, timeout time.Duration) (map[Kind]RedisKinds, error) {
	sums := map[Kind]commandStats{}
	counts := map[Kind]int{}
	one := func(u *vuser, k Kind) error {
		before, err := r.redis.stats(ctx)
		if err != nil {
			return err
		}
		rec := d.sendAs(u, k)
		if !wait(ctx, rec, timeout) {
			return fmt.Errorf("redis breakdown: %s envelope %s of %s not answered (replies %v)", k, rec.envID, u.id, d.tr.replies(rec))
		}
		after, err := r.quiet(ctx)
		if err != nil {
			return err
		}
		if k == KindButton && u.click == nil {
			k = "button-last"
		}
		if sums[k] == nil {
			sums[k] = commandStats{}
		}
		for c, v := range after.delta(before) {
			sums[k][c] += v
		}
		counts[k]++
		return nil
	}
	for _, k := range []Kind{KindSlash, KindFAQ, KindDM, KindHome} {
		for range redisKindsPerKind {
			u, k := d.tr.take(k)
			if err := one(u, k); err != nil {
				return nil, err
			}
		}
	}
	for i := 0; i < 20*redisKindsPerKind && (counts[KindAssessStart] < redisKindsPerKind || counts[KindButton] < redisKindsPerKind); i++ {
		u, k := d.tr.take(KindButton)
		if err := one(u, k); err != nil {
			return nil, err
		}
	}
	out := map[Kind]RedisKinds{}
	for k, s := range sums {
		out[k] = RedisKinds{Envelopes: counts[k], Total: float64(s.total()) / float64(counts[k]), Commands: s.perEnvelope(counts[k])}
	}
	return out, nil
}

// quiet waits until the Redis command counts stop moving (work a handler
// does after its reply, such as recording a question's ts, is counted with
// its envelope) and returns them.
func (r *runner) quiet(ctx context.Context) (commandStats, error) {
	last, err := r.redis.stats(ctx)
	if err != nil {
		return nil, err
	}
	for range 50 {
		time.Sleep(10 * time.Millisecond)
		now, err := r.redis.stats(ctx)
		if err != nil {
			return nil, err
		}
		if now.delta(last).total() == 0 {
			return now, nil
		}
		last = now
	}
	return last, nil
}
