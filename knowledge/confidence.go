package knowledge

import (
	"math"
)

// tier is how sure the best FAQ document is.
type tier int

const (
	tierNone tier = iota
	tierLikely
	tierSure
)

// evidence is what decides how sure the best FAQ document is.
type evidence struct {
	cover   float64 // share of the message's weight it holds
	example float64 // cosine of the message with its closest question or alternate
	margin  float64 // its relative lead over the runner-up's score
	hits    int     // how many of the question's own words it holds
	unknown float64 // share of the message's weight in words no document holds
}

// confidence is the probability that the document answers the message: a
// logistic model over the evidence, fitted on question sets written by
// people who had not seen the knowledge (see TestFitConfidence).
func (ev evidence) confidence() float64 {
	c := tune.conf
	z := c[0] + c[1]*ev.cover + c[2]*ev.example + c[3]*ev.margin + c[4]*float64(min(ev.hits, 4))/4 + c[5]*ev.unknown
	return 1 / (1 + math.Exp(-z))
}

// tierOf grades the best FAQ document by its confidence.
func tierOf(ev evidence) tier {
	switch p := ev.confidence(); {
	case p >= tune.sure:
		return tierSure
	case p >= tune.likely:
		return tierLikely
	}
	return tierNone
}
