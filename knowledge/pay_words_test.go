package knowledge

import "testing"

// TestMakeMeansPayOnlyAfterHowMuch pins when "make" reads as pay: after
// "how much", not wherever "much" appears.
func TestMakeMeansPayOnlyAfterHowMuch(t *testing.T) {
	b := loadReal(t)
	ix := b.index
	tests := []struct {
		q   string
		pay bool
	}{
		{"how much does a CTO make?", true},
		{"how much do CEOs make compared with CTOs", true},
		{"AI writes so much of our code it could make me irrelevant", false},
		{"much as I like coding, should I make myself the CEO?", false},
	}
	for _, tt := range tests {
		s := ix.newScratch()
		ix.read(s, tt.q)
		got := false
		for _, tok := range s.out {
			got = got || tok.term == ix.payTerm
		}
		if got != tt.pay {
			t.Errorf("read(%q) holds pay = %v, want %v", tt.q, got, tt.pay)
		}
	}
}
