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
	// context is the share of the message's weight in its context, not
	// its question: a long message's coverage is lower by nature.
	context  float64
	offTopic float64 // share in names and things no document holds
}

// features are the evidence as the confidence model's inputs, bias first.
func (ev evidence) features() [numFeatures]float64 {
	return [numFeatures]float64{1, ev.cover, ev.example, ev.margin, float64(min(ev.hits, 4)) / 4, ev.unknown, ev.context, ev.offTopic}
}

// numFeatures is the size of the confidence model.
const numFeatures = 8

// confidence is the probability that the document answers the message: a
// logistic model over the evidence, fitted on question sets written by
// people who had not seen the knowledge (see TestFitConfidence).
func (ev evidence) confidence() float64 {
	z := 0.0
	for i, x := range ev.features() {
		z += tune.conf[i] * x
	}
	return 1 / (1 + math.Exp(-z))
}

// tierOf grades the best FAQ document by its confidence. A question whose
// every word the knowledge uses, and that does not name both seats (which
// asks for the comparison when unsure), needs a little less evidence for
// a hedged answer: what it lacks is phrasing, not a topic.
func tierOf(ev evidence, pair bool) tier {
	switch p := ev.confidence(); {
	case p >= tune.sure:
		return tierSure
	case p >= tune.likely:
		return tierLikely
	case p >= tune.likelyKnown && !pair && ev.unknown == 0 && ev.offTopic == 0:
		return tierLikely
	}
	return tierNone
}
