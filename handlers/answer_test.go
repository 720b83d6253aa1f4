package handlers

import (
	"strings"
	"testing"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/knowledge"
)

func TestFAQRefRoundTrip(t *testing.T) {
	tests := []struct {
		ref    string
		id     string
		amount float64
		count  int
	}{
		{faqRef("cto-compensation", knowledge.Figures{}), "cto-compensation", 0, 0},
		{faqRef("fully-loaded-cost", knowledge.Figures{Amount: 160000, Count: 1}), "fully-loaded-cost", 160000, 1},
		{faqRef("fully-loaded-cost", knowledge.Figures{Amount: 150000, Count: 5}), "fully-loaded-cost", 150000, 5},
		{faqRef("author-exits", knowledge.Figures{Revenue: 7e6, Count: 1}), "author-exits", 0, 1},
	}
	for _, tt := range tests {
		kind, id, _ := strings.Cut(tt.ref, ":")
		if kind != "faq" {
			t.Fatalf("ref %q has kind %q", tt.ref, kind)
		}
		gotID, f := parseFAQRef(id)
		if gotID != tt.id || f.Amount != tt.amount || f.Count != tt.count {
			t.Errorf("parseFAQRef(%q) = %q %+v, want %q amount %v count %d", id, gotID, f, tt.id, tt.amount, tt.count)
		}
	}
	if _, f := parseFAQRef(strings.TrimPrefix(faqRef("author-exits", knowledge.Figures{Revenue: 7e6}), "faq:")); f.Revenue != 7e6 {
		t.Errorf("revenue lost in the ref: %+v", f)
	}
	for _, bad := range []string{"x@1,1,0,,1e13", "x@1,1,0,,abc", "x@", "x@abc", "x@1e99x1", "x@100x0", "x@-5x1", "x@100x99999"} {
		if _, f := parseFAQRef(bad); f.Amount != 0 {
			t.Errorf("parseFAQRef(%q) = %+v, want no figures", bad, f)
		}
	}
}

func TestLikelyAnswerSaysHowItReadTheQuestion(t *testing.T) {
	r, _ := testRouter(t)
	e, ok := r.base().Entry("cto-compensation")
	alt, ok2 := r.base().Entry("fully-loaded-cost")
	if !ok || !ok2 {
		t.Fatal("entries missing")
	}
	req := &bot.Request{Kind: bot.KindDM, UserID: "U1", ChannelID: "D1", ChannelType: "im"}
	reply := readingAs(r.renderRef(req, faqRef(e.ID, knowledge.Figures{}), ""),
		knowledge.Answer{Kind: knowledge.AnswerFAQ, Entry: e, Likely: true, Alternatives: []*knowledge.Entry{alt}})
	got := flat(t, reply)
	for _, want := range []string{"Reading this as: *" + e.Question + "*", e.Short, "Not what you asked?", `"value":"fully-loaded-cost"`} {
		if !strings.Contains(got, want) {
			t.Errorf("likely reply lacks %q:\n%s", want, got)
		}
	}
}

func TestWorkedFigureRendersAndSurvivesSharing(t *testing.T) {
	r, _ := testRouter(t)
	var e *knowledge.Entry
	for _, x := range r.base().FAQ {
		if len(x.Figures) > 0 && x.Figures[0].Kind == knowledge.FigureMultiplier {
			e = x
			break
		}
	}
	if e == nil {
		t.Fatal("no entry with a multiplier figure in the knowledge base")
	}
	ref := faqRef(e.ID, knowledge.Figures{Amount: 160000, Count: 1, Base: true})
	want := strings.Join(e.WorkedFigures(knowledge.Figures{Amount: 160000, Count: 1, Base: true}), " ")
	req := &bot.Request{Kind: bot.KindCommand, UserID: "U1", ChannelID: "C1"}
	if got := flat(t, r.renderRef(req, ref, "")); !strings.Contains(got, want) || !strings.Contains(got, `"value":"`+ref+`"`) {
		t.Errorf("answer lacks the worked figure %q or a share button carrying it:\n%s", want, got)
	}
	if got := flat(t, r.renderRef(req, ref, "U1")); !strings.Contains(got, want) {
		t.Errorf("shared answer lacks the worked figure %q:\n%s", want, got)
	}
}

func TestGapDeclinesHonestly(t *testing.T) {
	r, _ := testRouter(t)
	var gap *knowledge.Entry
	for _, x := range r.base().FAQ {
		if x.Gap {
			gap = x
			break
		}
	}
	if gap == nil {
		t.Fatal("no gap entry in the knowledge base")
	}
	req := &bot.Request{Kind: bot.KindDM, UserID: "U1", ChannelID: "D1", ChannelType: "im"}
	got := flat(t, r.dontKnowGap(req, gap, r.base().RelatedEntries(gap)))
	if !strings.Contains(got, gap.Short) || !strings.Contains(got, "What I can tell you about instead") {
		t.Errorf("gap reply lacks its text or the alternatives:\n%s", got)
	}
}

// FuzzParseFAQRef checks the parser of a button's value, which any client
// can send: it never panics, and whatever it accepts is within bounds and
// comes back the same through faqRef.
func FuzzParseFAQRef(f *testing.F) {
	for _, s := range []string{"cto-compensation", "fully-loaded-cost@160000,1,0,b", "author-exits@0,1,0,,7000000", "x@1,1,0,,1e13", "x@", "@,,,,"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, fig := parseFAQRef(s)
		if fig.Amount < 0 || fig.Amount > 1e9 || fig.Revenue < 0 || fig.Revenue > 1e12 || fig.N < 0 || fig.N > 1e9 {
			t.Fatalf("parseFAQRef(%q) = %+v: out of bounds", s, fig)
		}
		if fig.Count < 0 || fig.Count > 1000 {
			t.Fatalf("parseFAQRef(%q) count %d out of bounds", s, fig.Count)
		}
		if strings.Contains(id, "@") || (fig.Amount == 0 && fig.N == 0 && fig.Revenue == 0) {
			return // not a ref faqRef makes; with no numbers it keeps no flags either
		}
		id2, fig2 := parseFAQRef(strings.TrimPrefix(faqRef(id, fig), "faq:"))
		if id2 != id || fig2.Amount != fig.Amount || fig2.Revenue != fig.Revenue || fig2.N != fig.N || fig2.Base != fig.Base || fig2.Total != fig.Total {
			t.Fatalf("round trip of %q: %q %+v, then %q %+v", s, id, fig, id2, fig2)
		}
	})
}
