package knowledge

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// publishedEntries are n entries as drafts become, of realistic length.
func publishedEntries(b *testing.B, real *Base, n int) []*Entry {
	vocab := append([]string{}, lexicon[:4000]...)
	for _, e := range real.FAQ {
		vocab = append(vocab, strings.Fields(strings.ToLower(e.Question))...)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	words := func(k int) string {
		w := make([]string, k)
		for i := range w {
			w[i] = vocab[rng.IntN(len(vocab))]
		}
		return strings.Join(w, " ")
	}
	out := make([]*Entry, n)
	for i := range out {
		q := words(8) + "?"
		out[i] = &Entry{ID: fmt.Sprintf("team-%d", i), Question: q, Alternates: []string{q, words(7)},
			Short: words(24), Long: words(120), Answered: "2026-05-04"}
	}
	return out
}

// BenchmarkExtend5000 is the rebuild a publish starts on every replica
// when the published entries bring the base to 5,000: parse and validate
// the files, merge the published layer, build the index.
func BenchmarkExtend5000(b *testing.B) {
	real := loadReal(b)
	extra := publishedEntries(b, real, 5000-len(real.FAQ))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Extend("", extra); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCheckExtended5000 is the validation a publish runs in the
// form's ack at 5,000 entries (no index).
func BenchmarkCheckExtended5000(b *testing.B) {
	real := loadReal(b)
	extra := publishedEntries(b, real, 5000-len(real.FAQ))
	for b.Loop() {
		if err := CheckExtended("", extra); err != nil {
			b.Fatal(err)
		}
	}
}
