package knowledge

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
)

// leaveOneOut searches every alternate of every FAQ entry against an index
// built without it, and returns how many find their own entry, how many
// find another (with the confusions), and how many find nothing. It tests
// ranking on the knowledge's own phrasings, without any eval set.
func leaveOneOut(b *Base) (right, wrong, none int, confusions map[string]int) {
	confusions = map[string]int{}
	for i, e := range b.FAQ {
		for j := range e.Alternates {
			alt := e.Alternates[j]
			held := *e
			held.Alternates = append(append([]string{}, e.Alternates[:j]...), e.Alternates[j+1:]...)
			nb := *b
			nb.FAQ = append([]*Entry{}, b.FAQ...)
			nb.FAQ[i] = &held
			nb.link()
			nb.index = buildIndex(&nb)
			a := nb.Search(alt)
			got := answerID(a)
			switch {
			case got == e.ID || (a.Kind == AnswerGap && a.Entry.ID == e.ID) || (a.Kind == AnswerGreeting && e.Help):
				right++
			case a.Kind == AnswerNone:
				none++
			default:
				wrong++
				confusions[e.ID+" -> "+got]++
			}
		}
	}
	return right, wrong, none, confusions
}

// TestLeaveOneOut is a tuning aid: it prints the leave-one-out rates of
// the knowledge base (plus KNOWLEDGE_DIR) and its most common confusions.
// It skips without KB_LOO.
func TestLeaveOneOut(t *testing.T) {
	if os.Getenv("KB_LOO") == "" {
		t.Skip("set KB_LOO to run the leave-one-out check")
	}
	b := loadDiag(t)
	right, wrong, none, conf := leaveOneOut(b)
	n := right + wrong + none
	t.Logf("leave-one-out: %d alternates, right %.1f%%, wrong %.1f%%, none %.1f%%",
		n, 100*float64(right)/float64(n), 100*float64(wrong)/float64(n), 100*float64(none)/float64(n))
	var cs []string
	for k, v := range conf {
		cs = append(cs, fmt.Sprintf("%3d %s", v, k))
	}
	sort.Sort(sort.Reverse(sort.StringSlice(cs)))
	if len(cs) > 40 {
		cs = cs[:40]
	}
	t.Log("\n" + strings.Join(cs, "\n"))
}

// TestLeaveOneOutSweep is a tuning aid: coordinate descent over the
// ranking parameters, scored on leave-one-out (right minus half of wrong).
// It skips without KB_LOO_SWEEP.
func TestLeaveOneOutSweep(t *testing.T) {
	if os.Getenv("KB_LOO_SWEEP") == "" {
		t.Skip("set KB_LOO_SWEEP to sweep the ranking on leave-one-out")
	}
	b := loadDiag(t)
	saved := tune
	defer func() { tune = saved }()
	score := func() float64 {
		r, w, n, _ := leaveOneOut(b)
		return (float64(r) - 0.5*float64(w)) / float64(r+w+n)
	}
	params := []struct {
		name string
		p    *float64
		vals []float64
	}{
		{"roleFocus", &tune.roleFocus, []float64{0, 0.5, 1, 2, 4}},
		{"exRank", &tune.exRank, []float64{0, 0.5, 1, 2}},
		{"gamma", &tune.gamma, []float64{1, 2, 3}},
		{"k1", &tune.k1, []float64{0.6, 1.2, 2}},
		{"b", &tune.b, []float64{0.3, 0.75, 1}},
		{"field.question", &tune.field[fieldQuestion], []float64{1.5, 3, 5}},
		{"field.tag", &tune.field[fieldTag], []float64{1, 2, 3}},
		{"field.short", &tune.field[fieldShort], []float64{0.5, 1, 2}},
		{"field.long", &tune.field[fieldLong], []float64{0.25, 0.5, 1}},
		{"pairShare", &tune.pairShare, []float64{0.3, 0.5, 0.7}},
		{"sure", &tune.sure, []float64{0.6, 0.7, 0.8}},
		{"likely", &tune.likely, []float64{0.4, 0.55, 0.7}},
	}
	best := score()
	t.Logf("start %.3f", best)
	for round := range 2 {
		for _, p := range params {
			keep := *p.p
			for _, v := range p.vals {
				*p.p = v
				if sc := score(); sc > best+1e-9 {
					best, keep = sc, v
				}
			}
			*p.p = keep
			t.Logf("round %d %s = %v: %.3f", round, p.name, keep, best)
		}
	}
}
