package knowledge

import (
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// TestExplain prints how Search sees each message in KB_EXPLAIN
// ("|"-separated); it is a tuning aid and skips without the variable.
func TestExplain(t *testing.T) {
	qs := os.Getenv("KB_EXPLAIN")
	if qs == "" {
		t.Skip("set KB_EXPLAIN to explain queries")
	}
	b := loadReal(t)
	ix := b.index
	for _, q := range strings.Split(qs, "|") {
		s := newScratch()
		s.scores = make([]float64, len(ix.docs))
		s.cover = make([]float64, len(ix.docs))
		ix.an.analyze(s, q, false, ix.df)
		s.out = dedupe(s.out)
		var terms []string
		total := 0.0
		for _, tk := range s.out {
			if tk.term < 0 {
				terms = append(terms, "?")
				total += ix.weight(tk.term)
				continue
			}
			terms = append(terms, ix.an.terms[tk.term]+"("+ftoa(ix.idf[tk.term])+")")
			total += ix.idf[tk.term]
		}
		ix.score(s, -1, total)
		order := make([]int, len(ix.docs))
		for i := range order {
			order[i] = i
		}
		sort.Slice(order, func(i, j int) bool { return s.scores[order[i]] > s.scores[order[j]] })
		a := b.Search(q)
		t.Logf("%q -> %s %.2f  terms %v signal=%v", q, answerID(a), a.Score, terms, s.signal)
		for _, d := range order[:4] {
			name := ""
			if ix.docs[d].kind == docFAQ {
				name = ix.docs[d].entry.ID
			} else {
				name = "row:" + b.Comparisons[ix.docs[d].comp].Rows[ix.docs[d].row].ID
			}
			t.Logf("     %-28s score %.2f cover %.2f", name, s.scores[d], s.cover[d])
		}
	}
}

func ftoa(f float64) string {
	return strings.TrimRight(strings.TrimRight(strconvF(f), "0"), ".")
}

func strconvF(f float64) string { return strconv.FormatFloat(f, 'f', 2, 64) }

// evalRates scores the eval set with the current tuning.
func evalRates(b *Base, set evalSet) (acc, falseRate float64) {
	correct, wrong, off := 0, 0, 0
	for _, q := range set.Questions {
		a := b.Search(q.Q)
		if answerID(a) == q.Want {
			correct++
		} else if a.Kind != AnswerNone {
			wrong++
		}
	}
	for _, q := range set.Offtopic {
		if b.Search(q).Kind != AnswerNone {
			off++
		}
	}
	n := len(set.Questions)
	return float64(correct) / float64(n), float64(wrong+off) / float64(n+len(set.Offtopic))
}

// TestSweep grid-searches the tuning; a tuning aid that skips without
// KB_SWEEP.
func TestSweep(t *testing.T) {
	if os.Getenv("KB_SWEEP") == "" {
		t.Skip("set KB_SWEEP to sweep the tuning")
	}
	b := loadReal(t)
	set := loadEval(t)
	saved := tune
	defer func() { tune = saved }()
	type res struct {
		tu        tuning
		acc, fals float64
	}
	var all []res
	for _, unk := range []float64{0.2, 0.35, 0.5, 0.7, 1} {
		for _, minC := range []float64{0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7} {
			for _, marg := range []float64{0, 0.05, 0.1, 0.2} {
				for _, sure := range []float64{0.6, 0.7, 0.8, 1.01} {
					for _, g := range []float64{0, 1, 2, 3} {
						for _, rc := range []float64{0.5, 0.6, 0.7, 0.8} {
							tune = tuning{minFAQCover: minC, minRowCover: rc, minMargin: marg, sureCover: sure, unknown: unk, gamma: g}
							acc, f := evalRates(b, set)
							all = append(all, res{tune, acc, f})
						}
					}
				}
			}
		}
	}
	sort.Slice(all, func(i, j int) bool {
		si, sj := all[i].acc-3*all[i].fals, all[j].acc-3*all[j].fals
		return si > sj
	})
	for _, r := range all[:25] {
		t.Logf("acc %.3f false %.3f %+v", r.acc, r.fals, r.tu)
	}
}
