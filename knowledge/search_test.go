package knowledge

import (
	"strings"
	"testing"
)

func TestSearchKinds(t *testing.T) {
	b := loadReal(t)
	tests := []struct {
		name string
		q    string
		want string // answerID; "" for AnswerNone
	}{
		{"greeting", "hi", "greeting"},
		{"greeting with mention", "<@U123> hello there!", "greeting"},
		{"good morning", "Good morning advisor", "greeting"},
		{"thanks", "thanks!! :pray:", "greeting"},
		{"thank you", "thank you so much", "greeting"},
		{"compare alone", "compare", "comparison:ceo-vs-cto"},
		{"roles vs", "CEO vs CTO", "comparison:ceo-vs-cto"},
		{"full titles vs", "chief executive officer versus chief technology officer", "comparison:ceo-vs-cto"},
		{"row by role and keyword", "cto background?", "row:ceo-vs-cto/background"},
		{"row by both roles", "who does the ceo face vs the cto", "row:ceo-vs-cto/faces"},
		{"faq", "who should i hire first im not technical", "hire-first-nontechnical"},
		{"faq with typo", "does the cto reprot to the ceo", "cto-reports-to-ceo"},
		{"faq full width", "ＣＴＯ salary range", "cto-compensation"},
		{"greeting then question", "hi! how much does a cto cost", "cto-compensation"},
		{"off topic", "what's the weather in paris", ""},
		{"foreign role", "what does a cfo do", ""},
		{"empty: offer help", "", "greeting"},
		{"only punctuation: offer help", "?!?", "greeting"},
		{"emoji only: offer help", "🤖🤖", "greeting"},
		{"stop words only", "what is the", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := b.Search(tt.q)
			if got := answerID(a); got != tt.want {
				t.Errorf("Search(%q) = %s (score %.2f), want %q", tt.q, got, a.Score, tt.want)
			}
		})
	}
}

func TestSearchAnswerFields(t *testing.T) {
	b := loadReal(t)
	a := b.Search("how much does a cto cost")
	if a.Kind != AnswerFAQ || a.Entry == nil || a.Score <= 0 || a.Score > 1 {
		t.Fatalf("got %+v, want a FAQ answer with a score in (0,1]", a)
	}
	if want := b.RelatedEntries(a.Entry); len(a.Suggestions) != len(want) {
		t.Errorf("got %d related suggestions, want %d", len(a.Suggestions), len(want))
	}
	r := b.Search("cto background?")
	if r.Kind != AnswerRow || r.Row == nil || r.Comparison == nil || r.Row.ID != "background" {
		t.Errorf("got %+v, want the background row", r)
	}
}

func TestSearchSuggestsWhenUnsure(t *testing.T) {
	b := loadReal(t)
	a := b.Search("hire zebra accountant")
	if a.Kind != AnswerNone {
		t.Fatalf("got %s, want AnswerNone", answerID(a))
	}
	if len(a.Suggestions) == 0 || len(a.Suggestions) > 3 {
		t.Errorf("got %d suggestions, want 1 to 3", len(a.Suggestions))
	}
	if a := b.Search("xyzzy plugh"); a.Kind != AnswerNone || len(a.Suggestions) != 0 {
		t.Errorf("nonsense got %s with %d suggestions, want none", answerID(a), len(a.Suggestions))
	}
}

func TestSearchNeverPanics(t *testing.T) {
	b := loadReal(t)
	for _, q := range []string{
		strings.Repeat("cto ", 30000), strings.Repeat("<", 5000), strings.Repeat("\u200b", 1000),
		"\xff\xfe\xfd", "مدير التكنولوجيا cto", strings.Repeat("a", 5000), "<https://x|<@U1>>",
		":::::", "&amp;&amp;&", "’’’s", strings.Repeat("salery ", 100),
	} {
		_ = b.Search(q)
	}
}

func TestSearchAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are meaningless under the race detector (sync.Pool drops items)")
	}
	b := loadReal(t)
	set := loadEval(t)
	var worst float64
	for _, q := range set.Questions {
		allocs := testing.AllocsPerRun(20, func() { b.Search(q.Q) })
		worst = max(worst, allocs)
	}
	if worst >= 16 {
		t.Errorf("worst Search allocates %.0f times, want fewer than 16", worst)
	}
}

func TestNilBaseSearch(t *testing.T) {
	var b Base
	if a := b.Search("hello"); a.Kind != AnswerNone {
		t.Errorf("empty base answered %v", a.Kind)
	}
}

func TestAccessors(t *testing.T) {
	b := loadReal(t)
	if c := b.DefaultComparison(); c == nil || c != b.Comparisons[0] {
		t.Error("DefaultComparison is not the first comparison")
	}
	if c, ok := b.ComparisonByID(b.Comparisons[0].ID); !ok || c != b.Comparisons[0] {
		t.Error("ComparisonByID did not find the first comparison")
	}
	if _, ok := b.Entry("no-such-entry"); ok {
		t.Error("Entry found a missing id")
	}
	if len(b.Tips) > 0 {
		tip := b.Tips[0]
		if got, ok := b.Tip(tip.ID); !ok || got != tip {
			t.Error("Tip did not find the first tip")
		}
		if got := b.TipsFor(""); len(got) != len(b.Tips) {
			t.Errorf("TipsFor(\"\") = %d tips, want %d", len(got), len(b.Tips))
		}
		for _, tp := range b.TipsFor(AudienceCTO) {
			if !strings.Contains(strings.Join(tp.Audience, ","), AudienceCTO) {
				t.Errorf("TipsFor(cto) returned tip %s for %v", tp.ID, tp.Audience)
			}
		}
	}
	if len(b.Assessments) > 0 {
		if _, ok := b.AssessmentByID(b.Assessments[0].ID); !ok {
			t.Error("AssessmentByID did not find the first assessment")
		}
	}
	topics := b.Topics()
	for i := 1; i < len(topics); i++ {
		if topics[i-1] >= topics[i] {
			t.Errorf("Topics not sorted and distinct: %v", topics)
		}
	}
}

func FuzzSearch(f *testing.F) {
	b, err := Load("")
	if err != nil {
		f.Fatalf("load: %v", err)
	}
	for _, s := range []string{"hi", "ceo vs cto", "cto background?", "<@U1> :x: &amp;", "ＣＥＯ", "\xff", "salery"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		a := b.Search(q)
		switch a.Kind {
		case AnswerFAQ:
			if a.Entry == nil {
				t.Fatalf("FAQ answer without entry for %q", q)
			}
		case AnswerRow:
			if a.Row == nil || a.Comparison == nil {
				t.Fatalf("row answer without row for %q", q)
			}
		case AnswerComparison:
			if a.Comparison == nil {
				t.Fatalf("comparison answer without comparison for %q", q)
			}
		}
		if len(a.Suggestions) > 5 && a.Kind == AnswerNone {
			t.Fatalf("too many suggestions for %q", q)
		}
	})
}

func TestSearchConcurrent(t *testing.T) {
	b := loadReal(t)
	want := answerID(b.Search("how much does a cto cost"))
	done := make(chan string)
	for range 8 {
		go func() {
			got := ""
			for range 200 {
				got = answerID(b.Search("how much does a cto cost"))
				b.Search("what's the weather in paris")
			}
			done <- got
		}()
	}
	for range 8 {
		if got := <-done; got != want {
			t.Errorf("concurrent search got %s, want %s", got, want)
		}
	}
}
