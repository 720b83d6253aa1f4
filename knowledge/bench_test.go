package knowledge

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"gopkg.in/yaml.v3"
)

// benchMessages are the eval questions as typed, and each again behind a
// sentence or two of context, as long messages arrive.
func benchMessages(b *testing.B) []string {
	set := loadEval(b)
	contexts := []string{
		"we're a 12-person seed-stage startup and my cofounder runs sales while I write most of the code. ",
		"quick one before our board meeting on thursday :sweat_smile: we just closed a pre-seed round and hired 4 engineers. ",
	}
	var msgs []string
	for i, q := range set.Questions {
		msgs = append(msgs, q.Q, contexts[i%len(contexts)]+q.Q)
	}
	return append(msgs, set.Offtopic...)
}

// benchLatency runs f over msgs and reports the median and 99th
// percentile of one call, besides the mean that ns/op shows.
func benchLatency(b *testing.B, msgs []string, f func(string)) {
	b.Helper()
	var took []time.Duration
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		f(msgs[i%len(msgs)])
		took = append(took, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Nanoseconds()), "p50-ns")
	b.ReportMetric(float64(took[len(took)*99/100].Nanoseconds()), "p99-ns")
}

// BenchmarkSearchMessages is Search over short and long real-style
// messages with today's knowledge.
func BenchmarkSearchMessages(b *testing.B) {
	kb := loadReal(b)
	benchLatency(b, benchMessages(b), func(q string) { kb.Search(q) })
}

// BenchmarkSearch5000 is Search over a synthetic knowledge base of 5,000
// entries, the size run-time additions may reach.
func BenchmarkSearch5000(b *testing.B) {
	kb := syntheticBase(b, 5000)
	benchLatency(b, benchMessages(b), func(q string) { kb.Search(q) })
}

// syntheticBase builds a base of n FAQ entries: the embedded ones, then
// entries of realistic length from common English words and the domain's
// own, plus the embedded comparison.
func syntheticBase(b *testing.B, n int) *Base {
	b.Helper()
	real := loadReal(b)
	vocab := append([]string{}, lexicon[:4000]...)
	for _, e := range real.FAQ {
		vocab = append(vocab, strings.Fields(strings.ToLower(e.Question))...)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	words := func(k int) string {
		w := make([]string, k)
		for i := range w {
			w[i] = vocab[rng.IntN(len(vocab))]
		}
		return strings.Join(w, " ")
	}
	var f file
	f.Comparisons = real.Comparisons
	f.FAQ = append(f.FAQ, real.FAQ...)
	for i := len(real.FAQ); i < n; i++ {
		e := &Entry{ID: fmt.Sprintf("syn-%d", i), Question: words(8) + "?", Short: words(24), Long: words(120), Tags: []string{words(1)}}
		for range 6 {
			e.Alternates = append(e.Alternates, words(7))
		}
		f.FAQ = append(f.FAQ, e)
	}
	data, err := yaml.Marshal(f)
	if err != nil {
		b.Fatal(err)
	}
	kb, err := LoadFS(fstest.MapFS{"syn.yaml": {Data: data}})
	if err != nil {
		b.Fatal(err)
	}
	return kb
}
