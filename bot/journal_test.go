package bot

import (
	"context"
	"regexp"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/advisor-bot/advisor/internal/redistest"
)

// clock is a settable test clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func testEntry(id string) *entry {
	return &entry{Req: &Request{Kind: KindCommand, ID: id, UserID: "U1", ResponseURL: "https://hooks/x"},
		EnvelopeID: "env-" + id, EnvType: "slash_commands", Received: time.Now()}
}

func TestJournalBeginClaimsOnceAcrossReplicas(t *testing.T) {
	rdb, prefix := redistest.New(t)
	ctx := context.Background()
	var firsts atomic.Int32
	var wg sync.WaitGroup
	for range 32 {
		j := NewJournal(rdb, prefix) // each a replica of its own
		wg.Go(func() {
			ok, err := j.Begin(ctx, testEntry("Ev123"))
			if err != nil {
				t.Error(err)
			}
			if ok {
				firsts.Add(1)
			}
		})
	}
	wg.Wait()
	if got := firsts.Load(); got != 1 {
		t.Fatalf("got %d first deliveries, want 1", got)
	}
	j := NewJournal(rdb, prefix)
	ttl := rdb.TTL(ctx, j.seenKey("Ev123")).Val()
	if ttl < DedupTTL-5*time.Second || ttl > DedupTTL {
		t.Errorf("got claim TTL %v, want about %v", ttl, DedupTTL)
	}
	if ttl := rdb.TTL(ctx, j.entryKey("Ev123")).Val(); ttl < journalEntryTTL-5*time.Second {
		t.Errorf("got entry TTL %v, want about %v (a response_url's life)", ttl, journalEntryTTL)
	}
}

func TestJournalKeysOfOneEnvelopeShareAHashTag(t *testing.T) {
	j := NewJournal(nil, "advisor:")
	tag := regexp.MustCompile(`\{[^}]*\}`)
	for i := range 100 {
		id := "Ev" + strconv.Itoa(i)
		keys := []string{j.seenKey(id), j.entryKey(id), j.leaseKey(id)}
		want := tag.FindString(keys[0])
		if want == "" {
			t.Fatalf("key %s has no hash tag", keys[0])
		}
		for _, k := range keys {
			if got := tag.FindString(k); got != want {
				t.Fatalf("keys %v: %s is in slot %s, want %s (one script writes them all on Redis Cluster)", keys, k, got, want)
			}
		}
	}
}

func TestJournalTakeoverAfterTheLeaseExpires(t *testing.T) {
	rdb, prefix := redistest.New(t)
	ctx := context.Background()
	clk := &clock{t: time.Now()}
	dead := NewJournal(rdb, prefix, WithLease(10*time.Second), WithJournalClock(clk.now))
	other := NewJournal(rdb, prefix, WithLease(10*time.Second), WithJournalClock(clk.now))
	for _, id := range []string{"a", "b", "c"} {
		if ok, err := dead.Begin(ctx, testEntry(id)); !ok || err != nil {
			t.Fatalf("begin %s: %v %v", id, ok, err)
		}
	}
	if err := dead.Done(ctx, "c"); err != nil {
		t.Fatal(err)
	}
	clk.add(5 * time.Second)
	if err := dead.Renew(ctx, []string{"b"}); err != nil {
		t.Fatal(err)
	}
	if es, err := other.Expired(ctx, 10); err != nil || len(es) != 0 {
		t.Fatalf("got %d entries taken over within the lease (%v), want 0", len(es), err)
	}
	clk.add(6 * time.Second) // a's lease expired, b's was renewed
	es, err := other.Expired(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 1 || es[0].Req.ID != "a" || es[0].Attempt != 1 || es[0].Req.ResponseURL != "https://hooks/x" || es[0].EnvelopeID != "env-a" {
		t.Fatalf("got %+v, want entry a, attempt 1, with its request", es)
	}
	if es, _ := NewJournal(rdb, prefix, WithJournalClock(clk.now)).Expired(ctx, 10); len(es) != 0 {
		t.Fatalf("got a taken-over entry taken over again by a third replica: %+v", es)
	}
	// The old owner lost it: its calls are refused, its release ignored.
	if st, _, err := dead.claimCall(ctx, "a", 1, "chat.postMessage:C1", nil); err != nil || st != callLost {
		t.Errorf("got call state %q (%v) for the dead owner, want %q", st, err, callLost)
	}
	if err := dead.Release(ctx, []string{"a"}, 0); err != nil {
		t.Fatal(err)
	}
	if es, _ := NewJournal(rdb, prefix, WithJournalClock(clk.now)).Expired(ctx, 10); len(es) != 0 {
		t.Fatalf("the old owner's release handed back an entry it no longer holds: %+v", es)
	}
	// A graceful shutdown hands back at once.
	if err := other.Release(ctx, []string{"a"}, 0); err != nil {
		t.Fatal(err)
	}
	if es, _ := dead.Expired(ctx, 10); len(es) != 1 || es[0].Attempt != 2 {
		t.Fatalf("got %+v after a release, want entry a back at once, attempt 2", es)
	}
}

func TestJournalCallsAreRecordedAndSkippedOnReRun(t *testing.T) {
	rdb, prefix := redistest.New(t)
	ctx := context.Background()
	clk := &clock{t: time.Now()}
	first := NewJournal(rdb, prefix, WithLease(time.Second), WithJournalClock(clk.now))
	if _, err := first.Begin(ctx, testEntry("Ev1")); err != nil {
		t.Fatal(err)
	}
	var posts atomic.Int32
	post := func(context.Context, string) (string, error) { return "ts" + strconv.Itoa(int(posts.Add(1))), nil }
	d := &delivery{j: first, id: "Ev1"}
	if ts, err := d.once(ctx, "chat.postMessage", "C1", post, nil); err != nil || ts != "ts1" {
		t.Fatalf("got %q, %v", ts, err)
	}
	// The process dies here, before its second post; another takes over
	// and runs the delivery again from the start.
	clk.add(2 * time.Second)
	second := NewJournal(rdb, prefix, WithLease(time.Second), WithJournalClock(clk.now))
	if es, err := second.Expired(ctx, 10); err != nil || len(es) != 1 {
		t.Fatalf("got %d entries taken over (%v), want 1", len(es), err)
	}
	d = &delivery{j: second, id: "Ev1"}
	if ts, err := d.once(ctx, "chat.postMessage", "C1", post, nil); err != nil || ts != "ts1" {
		t.Fatalf("re-run: got %q, %v, want the first run's ts1 without posting", ts, err)
	}
	if ts, err := d.once(ctx, "chat.postMessage", "C1", post, nil); err != nil || ts != "ts2" {
		t.Fatalf("re-run: got %q, %v for the second post, want it made", ts, err)
	}
	if got := posts.Load(); got != 2 {
		t.Errorf("got %d posts, want 2 (each once)", got)
	}
}
