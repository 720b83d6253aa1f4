package knowledge

// tuning holds the ranking and confidence parameters. The ranking ones
// were tuned on leave-one-out over the knowledge's own alternates
// (TestLeaveOneOutSweep), the confidence model fitted on question sets
// written by people who had not seen the knowledge (TestFitConfidence).
// Coverage is the share of the question's meaning (IDF-weighted words) a
// document holds.
type tuning struct {
	conf         [numFeatures]float64 // the confidence model over evidence.features()
	sure         float64              // confidence at which an answer is given plainly
	likely       float64              // confidence at which it is given as "Reading this as…"
	likelyKnown  float64              // the same, for a question of known words only that names at most one seat
	minRowCover  float64              // share of the non-role words a row must contain
	secondRow    float64              // a second row this well covered asks for the whole comparison
	pairRows     float64              // asking to compare both seats, two rows covering this much between them ask for the whole
	pairShare    float64              // below this share of other words, naming both roles asks for the comparison
	pairOffTopic float64              // at this share of unknown names and things, naming both roles no longer asks for it
	helpCover    float64              // how much of a message asking for help must be about the advisor itself
	gapTie       float64              // a known gap within this share of the best answer's score, and closer in phrasing, wins
	typeTie      float64              // the runner-up within this share of an answer lacking what is asked, and holding it, answers instead
	unknown      float64              // weight of an unknown English word, as a share of the rarest word's
	offTopic     float64              // weight of an unknown thing, place or name, likewise
	gamma        float64              // ranking is BM25 x coverage^gamma x (0.1+example)^exRank
	exRank       float64
	roleFocus    float64 // how much naming one role favours documents about it

	// Built into the index: BM25's k1 and b, and the weight of a word by
	// the field it stands in.
	k1, b          float64
	field          [numFields]float64
	situationCover float64 // how strongly a word of a situation counts as covered
}

var tune = tuning{
	conf:           [numFeatures]float64{-1.896, 1.294, 2.173, 1.211, 0.908, -1.963, -0.525, -1.325},
	sure:           0.7,
	likely:         0.55,
	likelyKnown:    0.52,
	minRowCover:    0.60,
	secondRow:      0.3,
	pairRows:       0.8,
	pairShare:      0.5,
	pairOffTopic:   0.35,
	helpCover:      0.6,
	gapTie:         0.95,
	typeTie:        0.9,
	unknown:        0.5,
	offTopic:       1.5,
	gamma:          1,
	exRank:         0.5,
	roleFocus:      1,
	k1:             2,
	b:              1,
	field:          [numFields]float64{fieldQuestion: 1.5, fieldTag: 2, fieldShort: 0.5, fieldLong: 0.25, fieldKeyword: 3, fieldSituation: 0.3},
	situationCover: 0.4,
}
