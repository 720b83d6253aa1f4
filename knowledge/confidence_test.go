package knowledge

import "testing"

// between returns evidence whose confidence lies between tune.likelyKnown
// and tune.likely, found by bisecting on coverage.
func between(t *testing.T, ev evidence) evidence {
	t.Helper()
	lo, hi := 0.0, 1.0
	for range 60 {
		ev.cover = (lo + hi) / 2
		switch p := ev.confidence(); {
		case p < tune.likelyKnown:
			lo = ev.cover
		case p >= tune.likely:
			hi = ev.cover
		default:
			return ev
		}
	}
	t.Fatalf("no coverage puts the confidence between %.2f and %.2f", tune.likelyKnown, tune.likely)
	return ev
}

func TestTierOfKnownWords(t *testing.T) {
	base := evidence{example: 0.4, margin: 0.3, hits: 2}
	known := between(t, base)
	withUnknown := known
	withUnknown.unknown = 0.1
	withUnknown = between(t, withUnknown)
	offTopic := known
	offTopic.offTopic, offTopic.unknown = 0.1, 0.1
	offTopic = between(t, offTopic)
	tests := []struct {
		name string
		ev   evidence
		pair bool
		want tier
	}{
		{"known words, one seat: a hedged answer", known, false, tierLikely},
		{"known words naming both seats: the comparison's to give", known, true, tierNone},
		{"an unknown word: a topic it may lack", withUnknown, false, tierNone},
		{"a name or thing it lacks", offTopic, false, tierNone},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tierOf(tt.ev, tt.pair); got != tt.want {
				t.Errorf("tierOf(%+v, %v) = %v (confidence %.3f), want %v", tt.ev, tt.pair, got, tt.ev.confidence(), tt.want)
			}
		})
	}
}
