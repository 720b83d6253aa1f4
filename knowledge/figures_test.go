package knowledge

import (
	"strings"
	"testing"

	"github.com/advisor-bot/advisor/internal/evalset"
)

func TestReadFigures(t *testing.T) {
	tests := []struct {
		in     string
		amount float64
		count  int
		n      float64
		base   bool
		total  bool
		rev    float64
	}{
		{"we'd pay a CTO a 160k base, what does that really cost?", 160_000, 1, 0, true, false, 0},
		{"is $300,000 total comp in line?", 300_000, 1, 0, false, true, 0},
		{"candidate wants $350K", 350_000, 1, 0, false, false, 0},
		{"5 senior engineers at $150k base each, fully loaded?", 150_000, 5, 5, true, false, 0},
		{"12 devs at 120k a head", 120_000, 12, 12, false, false, 0},
		{"base of 180000 for our cto", 180_000, 1, 180_000, true, false, 0},
		{"$1.2m package for a CTO??", 1_200_000, 1, 0, false, true, 0},
		{"we have $2M in the bank, 8 people, what would a CTO cost?", 0, 1, 8, false, false, 0},
		{"8 people, 2026, 80hr weeks", 0, 1, 8, false, false, 0},
		{"we write 2,000 lines a week; how much is AI at google's rate?", 0, 1, 2000, false, false, 0},
		{"between 150k and 200k base", 0, 1, 0, true, false, 0},
		{"our 4 devs push about 3,000 lines a week. at google's rate how much is AI?", 0, 1, 3000, false, false, 0},
		{"no numbers here", 0, 1, 0, false, false, 0},
		{"we're at $7M ARR, what would we sell for at that multiple?", 0, 1, 0, false, false, 7_000_000},
		{"$250k MRR, 30 people: what's that worth at 4x revenue?", 0, 1, 30, false, false, 3_000_000},
		{"revenue is 1.5m and our CTO asks $300k", 300_000, 1, 0, false, false, 1_500_000},
		{"we carry $40k MRR into next year, what is that worth at their multiple?", 0, 1, 0, false, false, 480_000}, // "carry" holds "arr", yet is no ARR
	}
	for _, tt := range tests {
		got := readFigures(tt.in)
		want := Figures{Amount: tt.amount, Count: tt.count, N: tt.n, Base: tt.base, Total: tt.total, Revenue: tt.rev}
		if got != want {
			t.Errorf("readFigures(%q) = %+v, want %+v", tt.in, got, want)
		}
	}
}

func TestFigureWorked(t *testing.T) {
	loaded := Figure{Kind: FigureMultiplier, Low: 1.25, High: 1.4, Label: "fully loaded"}
	pay := Figure{Kind: FigureRange, Low: 250_000, High: 500_000, Label: "the usual US range for a CTO's total pay"}
	ai := Figure{Kind: FigurePercent, Low: 0.75, Label: "would be AI-written"}
	exit := Figure{Kind: FigureRevenueMultiple, Low: 4.2, Label: "ARR"}
	tests := []struct {
		f    Figure
		in   Figures
		want string
	}{
		{loaded, Figures{Amount: 160_000, Count: 1, Base: true}, "$160,000 in base pay comes to about $200,000 to $224,000 a year fully loaded (1.25× to 1.4×)."},
		{loaded, Figures{Amount: 150_000, Count: 5}, "5 × $150,000 = $750,000 in base pay comes to about $937,500 to $1,050,000 a year fully loaded (1.25× to 1.4×)."},
		{loaded, Figures{Amount: 300_000, Count: 1, Total: true}, ""}, // total pay is not a base to load
		{pay, Figures{Amount: 300_000, Count: 1}, "$300,000 is within the usual US range for a CTO's total pay ($250,000 to $500,000), toward the low end."},
		{pay, Figures{Amount: 375_000, Count: 1, Total: true}, "$375,000 is within the usual US range for a CTO's total pay ($250,000 to $500,000), near the middle."},
		{pay, Figures{Amount: 200_000, Count: 1}, "$200,000 is below the usual US range for a CTO's total pay ($250,000 to $500,000)."},
		{pay, Figures{Amount: 650_000, Count: 1}, "$650,000 is above the usual US range for a CTO's total pay ($250,000 to $500,000)."},
		{pay, Figures{Amount: 160_000, Count: 1, Base: true}, ""}, // a base is not total pay
		{pay, Figures{}, ""},
		{ai, Figures{N: 2000, Count: 1}, "At 75%, about 1,500 of your 2,000 would be AI-written."},
		{ai, Figures{Count: 1}, ""},
		{exit, Figures{Revenue: 7_000_000, Count: 1}, "At 4.2× ARR, $7,000,000 a year in revenue would sell for about $29,400,000."},
		{exit, Figures{Amount: 300_000, Count: 1}, ""}, // pay is not revenue
	}
	for _, tt := range tests {
		if got := tt.f.Worked(tt.in); got != tt.want {
			t.Errorf("%s.Worked(%+v)\n got %q\nwant %q", tt.f.Kind, tt.in, got, tt.want)
		}
	}
}

// TestSearchWorksTheAskersFigures checks the whole path in the knowledge:
// a question that applies a figure of the knowledge to the asker's own
// number finds the entry and the worked figure.
func TestSearchWorksTheAskersFigures(t *testing.T) {
	b := loadReal(t)
	tests := []struct{ q, id, want string }{
		{"we'd pay our CTO a $170k base. what is that fully loaded?", "fully-loaded-cost", "$212,500 to $238,000"},
		{"we bootstrapped to $9M ARR. sold at the VinSolutions multiple, what would we get?", "author-exits", "$37,800,000"},
		// An amount of pay and a question of what it costs: the amount
		// worked out fully loaded, not the market range for the seat.
		{"we'd hire a senior engineer at 150k, what does that cost us all in?", "fully-loaded-cost", "$187,500 to $210,000"},
		{"we pay our devs 120k each, what do they really cost?", "fully-loaded-cost", "$150,000 to $168,000"},
		{"offering our CTO 180k. total cost to the company?", "fully-loaded-cost", "$225,000 to $252,000"},
		{"hiring an ops lead at 95k, what will she really cost us?", "fully-loaded-cost", "$118,750 to $133,000"},
		// Thousands of lines are a whole, not money.
		{"at google's rate, how much of our 20k lines of new code would AI write?", "google-ai-code", "about 15,000 of your 20,000"},
		// A hole in security is a flaw; pull requests are code.
		{"our team ships 200 PRs a month mostly from copilot, how many might carry a vuln?", "ai-code-security", "about 90 of your 200"},
		// An amount judged against the market: the range.
		{"we're offering a CTO 180k, is that competitive?", "cto-compensation", "$180,000 is below"},
		{"we have 200k for a CTO, enough?", "cto-compensation", "$200,000 is below"},
		{"is $320k total comp reasonable for a US CTO?", "cto-compensation", "$320,000 is within"},
	}
	for _, tt := range tests {
		a := b.Search(tt.q)
		if a.Kind != AnswerFAQ || a.Entry.ID != tt.id {
			t.Errorf("Search(%q) = %s, want %s", tt.q, answerID(a), tt.id)
			continue
		}
		if got := strings.Join(a.Entry.WorkedFigures(a.Figures), " "); !strings.Contains(got, tt.want) {
			t.Errorf("Search(%q) worked figures %q, want %q in them", tt.q, got, tt.want)
		}
	}
}

// TestMayHoldMoney checks the cheap test fitFigures makes before reading
// figures: it must never miss an amount readFigures would find.
func TestMayHoldMoney(t *testing.T) {
	msgs := []string{
		"we'd pay 160k", "$90,000 base", "160,000 a year", "a 2 million budget", "5 thousand a month",
		"150K", "2M ARR", "we pay $1.5m", "200000 salary", "no amount here", "6 engineers", "in 2026",
	}
	for _, path := range []string{"testdata/eval.yaml", "testdata/blind/set-c.yaml", "testdata/blind/set-f.yaml", "testdata/blind/lead-kinds.yaml"} {
		set, err := evalset.Load(path)
		if err != nil {
			continue // eval.yaml has its own shape
		}
		for _, c := range set.Cases {
			msgs = append(msgs, c.Q)
		}
	}
	for _, m := range msgs {
		if readFigures(m).Amount > 0 && !mayHoldMoney(m) {
			t.Errorf("mayHoldMoney(%q) = false, but readFigures finds %v", m, readFigures(m).Amount)
		}
	}
	for _, m := range []string{"no amount here", "6 engineers", "in 2026", "3 of us"} {
		if mayHoldMoney(m) {
			t.Errorf("mayHoldMoney(%q) = true, want false", m)
		}
	}
}
