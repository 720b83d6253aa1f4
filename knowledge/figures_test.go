package knowledge

import "testing"

func TestReadFigures(t *testing.T) {
	tests := []struct {
		in     string
		amount float64
		count  int
		n      float64
		base   bool
		total  bool
	}{
		{"we'd pay a CTO a 160k base, what does that really cost?", 160_000, 1, 0, true, false},
		{"is $300,000 total comp in line?", 300_000, 1, 0, false, true},
		{"candidate wants $350K", 350_000, 1, 0, false, false},
		{"5 senior engineers at $150k base each, fully loaded?", 150_000, 5, 5, true, false},
		{"12 devs at 120k a head", 120_000, 12, 12, false, false},
		{"base of 180000 for our cto", 180_000, 1, 180_000, true, false},
		{"$1.2m package for a CTO??", 1_200_000, 1, 0, false, true},
		{"we have $2M in the bank, 8 people, what would a CTO cost?", 0, 1, 8, false, false},
		{"8 people, 2026, 80hr weeks", 0, 1, 8, false, false},
		{"we write 2,000 lines a week; how much is AI at google's rate?", 0, 1, 2000, false, false},
		{"between 150k and 200k base", 0, 1, 0, true, false},
		{"our 4 devs push about 3,000 lines a week. at google's rate how much is AI?", 0, 1, 3000, false, false},
		{"no numbers here", 0, 1, 0, false, false},
	}
	for _, tt := range tests {
		got := readFigures(tt.in)
		want := Figures{Amount: tt.amount, Count: tt.count, N: tt.n, Base: tt.base, Total: tt.total}
		if got != want {
			t.Errorf("readFigures(%q) = %+v, want %+v", tt.in, got, want)
		}
	}
}

func TestFigureWorked(t *testing.T) {
	loaded := Figure{Kind: FigureMultiplier, Low: 1.25, High: 1.4, Label: "fully loaded"}
	pay := Figure{Kind: FigureRange, Low: 250_000, High: 500_000, Label: "the usual US range for a CTO's total pay"}
	ai := Figure{Kind: FigurePercent, Low: 0.75, Label: "would be AI-written"}
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
	}
	for _, tt := range tests {
		if got := tt.f.Worked(tt.in); got != tt.want {
			t.Errorf("%s.Worked(%+v)\n got %q\nwant %q", tt.f.Kind, tt.in, got, tt.want)
		}
	}
}
