package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// Expired takes over up to max entries whose lease has expired (their
// owner died, shut down or gave them back), leasing them to this owner.
func (j *Journal) Expired(ctx context.Context, max int) ([]*entry, error) {
	if max <= 0 {
		return nil, nil
	}
	now := j.now()
	ranges := make([]*redis.StringSliceCmd, journalShards)
	_, err := j.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for s := range journalShards {
			ranges[s] = p.ZRangeArgs(ctx, redis.ZRangeArgs{Key: j.tag(s) + ":leases", ByScore: true,
				Start: "-inf", Stop: strconv.FormatInt(ms(now), 10), Count: int64(max)})
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("journal: list expired leases: %w", err)
	}
	var ids []string
	for _, r := range ranges {
		ids = append(ids, r.Val()...)
	}
	if len(ids) == 0 {
		return nil, nil
	}
	ids = ids[:min(len(ids), max)]
	takes := make([]*redis.Cmd, len(ids))
	_, err = j.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, id := range ids {
			takes[i] = takeScript.Eval(ctx, p, []string{j.entryKey(id), j.leaseKey(id)},
				id, j.owner, ms(now), ms(now.Add(j.lease)))
		}
		return nil
	})
	if err != nil && !errors.Is(err, redis.Nil) {
		return nil, fmt.Errorf("journal: take over %d entries: %w", len(ids), err)
	}
	var out []*entry
	for _, t := range takes {
		f, err := t.StringSlice()
		if err != nil || len(f) != 5 {
			continue // live lease or gone
		}
		var req Request
		if err := json.Unmarshal([]byte(f[0]), &req); err != nil {
			continue
		}
		t0, _ := strconv.ParseInt(f[3], 10, 64)
		n, _ := strconv.Atoi(f[4])
		out = append(out, &entry{Req: &req, EnvelopeID: f[1], EnvType: f[2], Received: time.UnixMilli(t0), Attempt: n})
	}
	return out, nil
}

// Call states callScript reports.
const (
	callNew     = "go"
	callSeen    = "seen"
	callLost    = "lost"
	callGone    = "gone"
	callPending = "p"
	callDone    = "d"
)

// callRecord is a post made and not recorded yet.
type callRecord struct {
	k           int
	sig, result string
}

func (r *callRecord) field() string { return "c" + strconv.Itoa(r.k) }
func (r *callRecord) value() string { return callDone + " " + r.sig + " " + r.result }

// claimCall marks call k of delivery id pending before it is made, or
// reports what an earlier run recorded for it. prev, if not nil, is
// recorded in the same round trip.
func (j *Journal) claimCall(ctx context.Context, id string, k int, sig string, prev *callRecord) (state, record string, err error) {
	key := j.entryKey(id)
	args := []any{"evalsha", callScript.Hash(), 1, key, j.owner, k, sig}
	if prev != nil {
		args = append(args, prev.field(), prev.value())
	}
	cmd := redis.NewCmd(ctx, args...)
	j.gc.run(ctx, j.rdb, cmd)
	if err := cmd.Err(); err != nil && redis.HasErrorPrefix(err, "NOSCRIPT") {
		cmd = callScript.Run(ctx, j.rdb, []string{key}, args[4:]...) // it did not run: send its body
	}
	res, err := cmd.StringSlice()
	if err != nil {
		return "", "", fmt.Errorf("journal call %d of %s: %w", k, id, err)
	}
	if len(res) == 2 {
		return res[0], res[1], nil
	}
	return res[0], "", nil
}

// finishCall records that call k was made, with its result (a message ts).
func (j *Journal) finishCall(ctx context.Context, id string, r *callRecord) error {
	cmd := redis.NewIntCmd(ctx, "hset", j.entryKey(id), r.field(), r.value())
	j.gc.run(ctx, j.rdb, cmd)
	if err := cmd.Err(); err != nil {
		return fmt.Errorf("journal call %d of %s done: %w", r.k, id, err)
	}
	return nil
}

// forgetCall clears call k's pending mark after a failure that proves it
// was not made, so that a retry is not in doubt.
func (j *Journal) forgetCall(ctx context.Context, id string, k int) error {
	if err := j.rdb.HDel(ctx, j.entryKey(id), "c"+strconv.Itoa(k)).Err(); err != nil {
		return fmt.Errorf("journal call %d of %s forget: %w", k, id, err)
	}
	return nil
}
