package bot

import (
	"context"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/advisor-bot/advisor/internal/redistest"
)

func TestDedupFirstOnceAcrossGoroutines(t *testing.T) {
	rdb, prefix := redistest.New(t)
	d := NewDedup(rdb, prefix)
	ctx := context.Background()
	var firsts atomic.Int32
	var wg sync.WaitGroup
	for range 32 {
		wg.Go(func() {
			ok, err := d.First(ctx, "Ev123")
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
	ttl := rdb.TTL(ctx, prefix+"dedup:Ev123").Val()
	if ttl < DedupTTL-5e9 || ttl > DedupTTL {
		t.Errorf("got TTL %v, want about %v", ttl, DedupTTL)
	}
	if ok, _ := d.First(ctx, "Ev124"); !ok {
		t.Error("got duplicate for a new id, want first")
	}
}

func BenchmarkDedup(b *testing.B) {
	rdb, prefix := redistest.New(b)
	d := NewDedup(rdb, prefix)
	ctx := context.Background()
	ids := make([]string, b.N)
	for i := range ids {
		ids[i] = "Ev" + strconv.Itoa(i)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := d.First(ctx, ids[i]); err != nil {
			b.Fatal(err)
		}
	}
}
