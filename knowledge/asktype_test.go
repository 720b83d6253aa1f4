package knowledge

import "testing"

// TestAsksForAName: who did something once asks for a name, with or
// without an adverb between; who owns something asks for a seat.
func TestAsksForAName(t *testing.T) {
	tests := []struct {
		q    string
		want bool
	}{
		{"who conducted that security study?", true},
		{"Who actually ran that 2025 study?", true},
		{"who originally founded Full Scale?", true},
		{"who owns the vision?", false},
		{"who usually sells, the CEO or the CTO?", false},
	}
	for _, tt := range tests {
		if got := asksNameRE.MatchString(tt.q); got != tt.want {
			t.Errorf("asksNameRE.MatchString(%q) = %v, want %v", tt.q, got, tt.want)
		}
	}
}
