package bot

import (
	"context"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/rs/zerolog"

	"github.com/advisor-bot/advisor/internal/redistest"
)

// hsets counts HSET commands sent on their own or in a pipeline (not in a
// script).
type hsets struct{ n atomic.Int32 }

func (h *hsets) DialHook(next redis.DialHook) redis.DialHook { return next }
func (h *hsets) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		if cmd.Name() == "hset" {
			h.n.Add(1)
		}
		return next(ctx, cmd)
	}
}
func (h *hsets) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		for _, c := range cmds {
			if c.Name() == "hset" {
				h.n.Add(1)
			}
		}
		return next(ctx, cmds)
	}
}

// The reply's last post leaves its record to the delivery's next journal
// write. Whatever comes next, a re-run on another replica skips every post
// that was made and recorded, and only a post whose record a crash lost is
// in doubt.
func TestLastPostIsRecordedByTheNextJournalWrite(t *testing.T) {
	for _, tc := range []struct {
		name       string
		posts      int        // posts the reply makes
		settle     settlement // -1: the process dies before settling
		standalone int32      // HSETs sent on their own
		reposted   int32      // posts a re-run makes again (in doubt)
	}{
		{"done: Done is the record", 1, settleDone, 0, 0},
		{"retry: recorded before the hand-back", 1, settleRetry, 1, 0},
		{"lost: recorded for the new owner", 1, settleLost, 1, 0},
		{"second post's claim records the first", 2, -1, 0, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rdb, prefix := redistest.New(t)
			ctx := context.Background()
			clk := &clock{t: time.Now()}
			j := NewJournal(rdb, prefix, WithLease(time.Second), WithJournalClock(clk.now))
			b := &Bot{journal: j, held: map[string]bool{}, log: zerolog.Nop()}
			if ok, err := j.Begin(ctx, testEntry("Ev1")); !ok || err != nil {
				t.Fatalf("begin: %v %v", ok, err)
			}
			hs := &hsets{}
			rdb.AddHook(hs)
			var posts atomic.Int32
			post := func(context.Context, string) (string, error) { return "ts" + strconv.Itoa(int(posts.Add(1))), nil }
			d := &delivery{j: j, id: "Ev1"}
			d.lastUnrecorded(Reply{Text: "answer"})
			for range tc.posts {
				if _, err := d.once(ctx, "chat.postMessage", "C1", post, nil); err != nil {
					t.Fatal(err)
				}
			}
			if tc.settle >= 0 {
				b.settle(ctx, "Ev1", tc.settle, 0, d.takeLast())
			}
			if got := hs.n.Load(); got != tc.standalone {
				t.Errorf("got %d HSETs of their own, want %d", got, tc.standalone)
			}
			if tc.settle == settleDone {
				if n := rdb.Exists(ctx, j.entryKey("Ev1")).Val() + rdb.ZCard(ctx, j.leaseKey("Ev1")).Val(); n != 0 {
					t.Errorf("entry or lease left after Done (%d)", n)
				}
				return
			}
			if tc.posts > 1 {
				if rec := rdb.HGet(ctx, j.entryKey("Ev1"), "c1").Val(); !strings.HasPrefix(rec, callDone+" ") {
					t.Errorf("got call 1 recorded %q, want done", rec)
				}
			}
			clk.add(2 * time.Second)
			other := NewJournal(rdb, prefix, WithLease(time.Second), WithJournalClock(clk.now))
			if es, err := other.Expired(ctx, 10); err != nil || len(es) != 1 {
				t.Fatalf("got %d entries taken over (%v), want 1", len(es), err)
			}
			made := posts.Load()
			d2 := &delivery{j: other, id: "Ev1"}
			for range tc.posts {
				if _, err := d2.once(ctx, "chat.postMessage", "C1", post, nil); err != nil {
					t.Fatal(err)
				}
			}
			if got := posts.Load() - made; got != tc.reposted {
				t.Errorf("the re-run posted %d again, want %d", got, tc.reposted)
			}
		})
	}
}
