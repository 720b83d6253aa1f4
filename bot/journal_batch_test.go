package bot

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/advisor-bot/advisor/internal/redistest"
)

// roundTrips counts the commands and pipelines a client sends.
type roundTrips struct{ single, pipelines atomic.Int32 }

func (r *roundTrips) DialHook(next redis.DialHook) redis.DialHook { return next }
func (r *roundTrips) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error { r.single.Add(1); return next(ctx, cmd) }
}
func (r *roundTrips) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error { r.pipelines.Add(1); return next(ctx, cmds) }
}

func TestJournalBeginAllIsOneRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		name      string
		flush     bool // Redis lost its script cache (a restart, a failover)
		pipelines int32
	}{
		{"scripts cached", false, 1},
		{"scripts flushed", true, 2}, // NOSCRIPT, then the bodies
	} {
		t.Run(tc.name, func(t *testing.T) {
			rdb, prefix := redistest.New(t)
			ctx := context.Background()
			other := NewJournal(rdb, prefix)
			if ok, err := other.Begin(ctx, testEntry("Ev3")); !ok || err != nil {
				t.Fatalf("claim Ev3 on another replica: %v %v", ok, err)
			}
			if tc.flush {
				if err := rdb.ScriptFlush(ctx).Err(); err != nil {
					t.Fatal(err)
				}
			}
			rt := &roundTrips{}
			rdb.AddHook(rt)
			j := NewJournal(rdb, prefix)
			ids := []string{"Ev1", "Ev2", "Ev1", "Ev3"} // Ev1's retry in the same turn; Ev3 already claimed
			es := make([]*entry, len(ids))
			for i, id := range ids {
				es[i] = testEntry(id)
			}
			res := j.BeginAll(ctx, es)
			want := []bool{true, true, false, false}
			for i, r := range res {
				if r.err != nil || r.first != want[i] {
					t.Errorf("entry %d (%s): got first %v, err %v; want first %v", i, ids[i], r.first, r.err, want[i])
				}
			}
			if got := rt.pipelines.Load(); got != tc.pipelines || rt.single.Load() != 0 {
				t.Errorf("got %d pipelines and %d single commands, want %d pipelines and none", got, rt.single.Load(), tc.pipelines)
			}
			for _, id := range []string{"Ev1", "Ev2"} {
				if o := rdb.HGet(ctx, j.entryKey(id), "o").Val(); o != j.Owner() {
					t.Errorf("entry %s owned by %q, want %q", id, o, j.Owner())
				}
				if _, err := rdb.ZScore(ctx, j.leaseKey(id), id).Result(); err != nil {
					t.Errorf("entry %s has no lease: %v", id, err)
				}
			}
		})
	}
}

func TestJournalBeginAllFailsEachEntryWhenRedisIsDown(t *testing.T) {
	rdb := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1", MaxRetries: -1, DialTimeout: 100 * time.Millisecond})
	t.Cleanup(func() { _ = rdb.Close() })
	j := NewJournal(rdb, "advisor-test:")
	res := j.BeginAll(context.Background(), []*entry{testEntry("a"), testEntry("b")})
	for i, r := range res {
		if r.err == nil || r.first {
			t.Errorf("entry %d: got first %v, err %v; want an error", i, r.first, r.err)
		}
	}
}
