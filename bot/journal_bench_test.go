package bot

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/advisor-bot/advisor/internal/redistest"
)

// BenchmarkJournal measures what the journal costs one envelope against
// the real Redis, beside what de-duplication alone cost before it (one
// SET NX), in the same run:
//   - before: the old de-duplication claim, the only Redis write then;
//   - begin: the claim and the journal entry, the one round trip now made
//     before the ack (what the ack waits for);
//   - envelope: the whole life of an envelope answered with one post:
//     begin, the post's claim, done, which also stands for the post's
//     record (3 round trips; begin is shared by every envelope of a read
//     loop's turn under load).
func BenchmarkJournal(b *testing.B) {
	rdb, prefix := redistest.New(b)
	ctx := context.Background()
	j := NewJournal(rdb, prefix)
	ids := func(n int, tag string) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = tag + strconv.Itoa(i)
		}
		return out
	}
	b.Run("before", func(b *testing.B) {
		keys := ids(b.N, prefix+"dedup:Ev")
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if err := rdb.SetNX(ctx, keys[i], 1, DedupTTL).Err(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("begin", func(b *testing.B) {
		keys := ids(b.N, "EvB")
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if _, err := j.Begin(ctx, testEntry(keys[i])); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("envelope", func(b *testing.B) {
		keys := ids(b.N, "EvE")
		post := func(context.Context, string) (string, error) { return "1.2", nil }
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			e := testEntry(keys[i])
			e.Received = time.Now()
			if _, err := j.Begin(ctx, e); err != nil {
				b.Fatal(err)
			}
			d := &delivery{j: j, id: keys[i]}
			d.lastUnrecorded(Reply{Text: "ok"})
			if _, err := d.once(ctx, "response_url", "", post, nil); err != nil {
				b.Fatal(err)
			}
			if err := j.Done(ctx, keys[i]); err != nil {
				b.Fatal(err)
			}
		}
	})
}
