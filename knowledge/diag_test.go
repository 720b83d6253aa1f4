package knowledge

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/advisor-bot/advisor/internal/evalset"
)

// TestDiagnose is a tuning aid: for each case of the question set in
// KB_DIAG it prints how Search read the message (segments, weighted
// terms), the top documents with score and coverage, and which of them
// would satisfy the case. It skips without the variable.
func TestDiagnose(t *testing.T) {
	path := os.Getenv("KB_DIAG")
	if path == "" {
		t.Skip("set KB_DIAG to a question set to diagnose it")
	}
	set, err := evalset.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	b := loadDiag(t)
	only := os.Getenv("KB_DIAG_ONLY") // "fail" prints failing cases only
	var out strings.Builder
	for _, c := range set.Cases {
		a := b.Search(c.Q)
		got := answerText(b, a)
		pass := c.Score(got).Pass
		if only == "fail" && pass {
			continue
		}
		ev, d, _ := bestEvidence(b, c.Q)
		top := ""
		if d >= 0 {
			top = b.index.docs[d].entry.ID
		}
		fmt.Fprintf(&out, "\n%s %s [%s] %q\n  -> %s %.2f likely=%v  (best FAQ %s: %+v conf %.2f)\n", map[bool]string{true: "ok  ", false: "FAIL"}[pass], c.ID, c.Kind, c.Q, answerID(a), a.Score, a.Likely, top, ev, ev.confidence())
		out.WriteString(explain(b, c.Q, func(text string) bool { return c.Score(text).Pass }))
	}
	t.Log(out.String())
}

// loadDiag loads the embedded knowledge plus KNOWLEDGE_DIR, if set.
func loadDiag(t *testing.T) *Base {
	t.Helper()
	b, err := Load(os.Getenv("KNOWLEDGE_DIR"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// answerText is the prose an answer would show, roughly as rendered.
func answerText(b *Base, a Answer) string {
	switch a.Kind {
	case AnswerFAQ:
		return a.Entry.Question + "\n" + a.Entry.Short + "\n" + a.Entry.Long
	case AnswerRow:
		return a.Row.Dimension + " " + a.Row.Left + " " + a.Row.Right
	case AnswerComparison:
		var sb strings.Builder
		sb.WriteString(a.Comparison.Summary)
		for _, r := range a.Comparison.Rows {
			sb.WriteString("\n" + r.Dimension + " " + r.Left + " " + r.Right)
		}
		return sb.String() + "\n" + a.Comparison.Convergence
	case AnswerGreeting:
		return "Hi! Ask me anything about the CEO and CTO seats, compare, help"
	}
	return "I don't know"
}

// explain describes how Search sees q; ok says whether a document's text
// would satisfy the case.
func explain(b *Base, q string, ok func(string) bool) string {
	ix := b.index
	s := ix.newScratch()
	r := ix.rank(s, q)
	var sb strings.Builder
	for _, sg := range s.segs {
		fmt.Fprintf(&sb, "  seg ask=%v %q\n", sg.ask, sg.text)
	}
	var terms []string
	for _, tk := range s.out {
		name := "?"
		if tk.term >= 0 {
			name = ix.an.terms[tk.term]
		} else if tk.term == termForeign {
			name = "FOREIGN"
		} else if tk.term == termOffTopic {
			name = "OFF"
		}
		terms = append(terms, fmt.Sprintf("%s(%.1f×%.1f c%d)", name, ix.weight(tk.term), tk.w, tk.clause))
	}
	fmt.Fprintf(&sb, "  terms %s  comp %d roles %d side %d content %.2f/%.2f\n", strings.Join(terms, " "), r.comp, r.nRoles, r.side, r.content, r.total)
	if r.total == 0 {
		return sb.String()
	}
	order := make([]int, len(ix.docs))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(i, j int) bool { return s.scores[order[i]] > s.scores[order[j]] })
	for rank, d := range order[:5] {
		doc := ix.docs[d]
		name, text := "", ""
		if doc.kind == docFAQ {
			name = doc.entry.ID
			text = answerText(b, Answer{Kind: AnswerFAQ, Entry: doc.entry})
		} else {
			c := b.Comparisons[doc.comp]
			name = "row:" + c.Rows[doc.row].ID
			text = answerText(b, Answer{Kind: AnswerRow, Comparison: c, Row: &c.Rows[doc.row]})
		}
		var why []string
		if doc.kind == docFAQ {
			for _, u := range []struct {
				name string
				on   bool
			}{{"detail", ix.unknownDetailOf(s, d)}, {"type", s.typeUnmet(ix.holdings[d], doc.entry)}, {"incidental", ix.incidental(s, d)}, {"count", ix.countUnmet(s, d)}} {
				if u.on {
					why = append(why, "unmet:"+u.name)
				}
			}
		}
		fmt.Fprintf(&sb, "  %d %-28s score %5.2f cover %.2f hits %d ex %.2f %s %s\n", rank+1, name, s.scores[d], s.cover[d], s.hits[d], s.ex[d], map[bool]string{true: "would pass"}[ok(text)], strings.Join(why, " "))
	}
	return sb.String()
}

// TestCalibrate is a tuning aid: for each case of the question sets in
// KB_CALIBRATE (comma-separated) it prints one tab-separated line: set,
// id, kind, the best FAQ document's coverage and margin, and whether
// answering with it (and with the best row, and the comparison) would pass.
func TestCalibrate(t *testing.T) {
	paths := os.Getenv("KB_CALIBRATE")
	if paths == "" {
		t.Skip("set KB_CALIBRATE to question sets")
	}
	b := loadDiag(t)
	ix := b.index
	var out strings.Builder
	for _, path := range strings.Split(paths, ",") {
		set, err := evalset.Load(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range set.Cases {
			s := ix.newScratch()
			ix.read(s, c.Q)
			total := 0.0
			for _, tk := range s.out {
				total += ix.weight(tk.term) * float64(tk.w)
			}
			f1, f2 := -1, -1
			if total > 0 {
				ix.score(s, -1, total, total)
				top, _, _ := ix.best(s, -1, false)
				f1, f2 = top[0], top[1]
			}
			cover, margin, pass1, pass2, hits, gap, unk := 0.0, 1.0, false, false, 0, false, 0.0
			for _, tk := range s.out {
				if tk.term == termUnknown && tk.w == 1 && total > 0 {
					unk += ix.weight(tk.term) / total
				}
			}
			if f1 >= 0 {
				hits, gap = int(s.hits[f1]), ix.docs[f1].entry.Gap
				cover = s.cover[f1]
				pass1 = c.Score(answerText(b, Answer{Kind: AnswerFAQ, Entry: ix.docs[f1].entry})).Pass
				if f2 >= 0 && s.scores[f1] > 0 {
					margin = (s.scores[f1] - s.scores[f2]) / s.scores[f1]
					pass2 = c.Score(answerText(b, Answer{Kind: AnswerFAQ, Entry: ix.docs[f2].entry})).Pass
				}
			}
			got := c.Score(answerText(b, b.Search(c.Q))).Pass
			exTop, exBest, exPass := 0.0, -1, false
			for d := range ix.docs {
				if ix.docs[d].kind == docFAQ && (exBest < 0 || s.ex[d] > s.ex[exBest]) {
					exBest = d
				}
			}
			exGap := false
			if exBest >= 0 {
				exTop = s.ex[exBest]
				exPass = c.Score(answerText(b, Answer{Kind: AnswerFAQ, Entry: ix.docs[exBest].entry})).Pass
				exGap = ix.docs[exBest].entry.Gap
			}
			f1ex := 0.0
			if f1 >= 0 {
				f1ex = s.ex[f1]
			}
			fmt.Fprintf(&out, "%s\t%s\t%s\t%.3f\t%.3f\t%v\t%v\t%v\t%d\t%v\t%.3f\t%.3f\t%v\t%v\t%.3f\n", path[strings.LastIndex(path, "/")+1:], c.ID, c.Kind, cover, margin, pass1, pass2, got, hits, gap, unk, exTop, exPass, exGap, f1ex)
		}
	}
	if err := os.WriteFile(os.Getenv("KB_CALIBRATE_OUT"), []byte(out.String()), 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestUnknownWords is a tuning aid: it lists the words of KB_UNKNOWN's
// cases (a question set) that the knowledge base does not know, per kind.
func TestUnknownWords(t *testing.T) {
	path := os.Getenv("KB_UNKNOWN")
	if path == "" {
		t.Skip("set KB_UNKNOWN to a question set")
	}
	set, err := evalset.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	b := loadDiag(t)
	an := b.index.an
	byKind := map[string]map[string]int{}
	for _, c := range set.Cases {
		norm := normalize(nil, c.Q)
		forEachWord(norm, func(w []byte) {
			if info, ok := an.words[string(w)]; ok && (info.term >= 0 || info.class != 0) {
				return
			}
			if _, ok := an.vocab[string(stem(nil, w))]; ok || isNumber(w) {
				return
			}
			if byKind[c.Kind] == nil {
				byKind[c.Kind] = map[string]int{}
			}
			byKind[c.Kind][string(w)]++
		})
	}
	for kind, m := range byKind {
		var ws []string
		for w, n := range m {
			ws = append(ws, fmt.Sprintf("%s:%d", w, n))
		}
		sort.Strings(ws)
		t.Logf("%s (%d): %s", kind, len(ws), strings.Join(ws, " "))
	}
}

// askUnknown lists the question's own words the knowledge base does not
// know, after typo correction.
func askUnknown(b *Base, q string) []string {
	ix := b.index
	var out []string
	for _, sg := range splitMessage(nil, q) {
		if !sg.ask {
			continue
		}
		norm := normalize(nil, sg.text)
		forEachWord(norm, func(w []byte) {
			s := ix.newScratch()
			ix.an.analyze(s, string(w), false, ix.df)
			for _, t := range s.out {
				if t.term == termUnknown {
					out = append(out, string(w))
				}
			}
		})
	}
	return out
}

func TestAskUnknown(t *testing.T) {
	path := os.Getenv("KB_ASKUNK")
	if path == "" {
		t.Skip("set KB_ASKUNK to a question set")
	}
	set, err := evalset.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	b := loadDiag(t)
	for _, c := range set.Cases {
		if u := askUnknown(b, c.Q); len(u) > 0 {
			t.Logf("%s\t%s\t%s", c.Kind, c.ID, strings.Join(u, " "))
		}
	}
}
