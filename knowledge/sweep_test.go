package knowledge

import (
	"math"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/advisor-bot/advisor/internal/evalset"
)

// setRates scores question sets with the current tuning, answering with
// the entry's text as the reply (an approximation of the rendering).
func setRates(b *Base, sets []*evalset.Set) (answer, compare, decline, wrong float64) {
	var na, nc, nd, pa, pc, pd, cw float64
	for _, set := range sets {
		for _, c := range set.Cases {
			a := b.Search(c.Q)
			v := c.Score(answerText(b, a))
			switch c.Kind {
			case evalset.KindAnswer:
				na++
				if v.Pass {
					pa++
				}
			case evalset.KindCompare:
				nc++
				if v.Pass {
					pc++
				}
			case evalset.KindDecline:
				nd++
				if v.Pass {
					pd++
				}
				if a.Kind != AnswerNone && a.Kind != AnswerGap {
					cw++
				}
			}
		}
	}
	return pa / na, pc / nc, pd / nd, cw / nd
}

// TestSweep grid-searches the confidence tuning over the question sets in
// KB_SWEEP (comma-separated); a tuning aid that skips without it.
func TestSweep(t *testing.T) {
	paths := os.Getenv("KB_SWEEP")
	if paths == "" {
		t.Skip("set KB_SWEEP to question sets to sweep the tuning")
	}
	var sets []*evalset.Set
	for _, p := range strings.Split(paths, ",") {
		s, err := evalset.Load(p)
		if err != nil {
			t.Fatal(err)
		}
		sets = append(sets, s)
	}
	b := loadDiag(t)
	saved := tune
	defer func() { tune = saved }()
	type res struct {
		tu                tuning
		a, c, d, w, score float64
	}
	var all []res
	for _, unk := range []float64{0.3, 0.5, 0.8} {
		for _, off := range []float64{1, 1.5, 2.5} {
			for _, sure := range []float64{0.6, 0.7, 0.8} {
				for _, lik := range []float64{0.35, 0.45, 0.55, 0.65} {
					tune = saved
					tune.unknown, tune.offTopic, tune.sure, tune.likely = unk, off, max(sure, lik), lik
					a, c, d, w := setRates(b, sets)
					all = append(all, res{tune, a, c, d, w, a + 0.3*c - 3*w})
				}
			}
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].score > all[j].score })
	for _, r := range all[:30] {
		t.Logf("answer %.3f compare %.3f decline %.3f wrong %.3f  unk %.1f off %.1f sure %.2f likely %.2f",
			r.a, r.c, r.d, r.w, r.tu.unknown, r.tu.offTopic, r.tu.sure, r.tu.likely)
	}
}

// TestFitConfidence fits the confidence model (tune.conf) by logistic
// regression on the question sets in KB_FIT: a case counts as a positive
// when the best FAQ document would answer it, and decline cases whose
// best document is not a known gap count as negatives. It prints the
// coefficients to put in tune.conf; a tuning aid that skips without it.
func TestFitConfidence(t *testing.T) {
	paths := os.Getenv("KB_FIT")
	if paths == "" {
		t.Skip("set KB_FIT to question sets to fit the confidence model")
	}
	b := loadDiag(t)
	ix := b.index
	var xs [][numFeatures]float64
	var ys []float64
	for _, p := range strings.Split(paths, ",") {
		set, err := evalset.Load(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range set.Cases {
			if c.Kind == evalset.KindCompare {
				continue
			}
			ev, d, ok := bestEvidence(b, c.Q)
			if !ok || ix.docs[d].entry.Gap {
				continue
			}
			y := 0.0
			if c.Kind == evalset.KindAnswer && c.Score(answerText(b, Answer{Kind: AnswerFAQ, Entry: ix.docs[d].entry})).Pass {
				y = 1
			}
			xs = append(xs, ev.features())
			ys = append(ys, y)
		}
	}
	var w [numFeatures]float64
	for range 20000 {
		var g [numFeatures]float64
		for i, x := range xs {
			z := 0.0
			for j := range w {
				z += w[j] * x[j]
			}
			p := 1 / (1 + math.Exp(-z))
			for j := range w {
				g[j] += (p - ys[i]) * x[j]
			}
		}
		for j := range w {
			w[j] -= 0.5 * (g[j]/float64(len(xs)) + 0.001*w[j])
		}
	}
	t.Logf("%d cases; conf: %#v", len(xs), w)
}

// bestEvidence runs Search's scoring on q and returns the evidence for the
// best FAQ document, its index, and whether there is one.
func bestEvidence(b *Base, q string) (evidence, int, bool) {
	ix := b.index
	s := ix.newScratch()
	if r := ix.rank(s, q); r.total == 0 || (r.comp >= 0 && r.content == 0 && s.signal) {
		return evidence{}, -1, false
	}
	top, _, _ := ix.best(s, -1, false)
	if top[0] < 0 {
		return evidence{}, -1, false
	}
	return ix.evidenceOf(s, top), top[0], true
}
