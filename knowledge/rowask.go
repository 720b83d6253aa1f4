package knowledge

// ownRow returns the row, of any comparison, that holds all but a sliver
// of the message (ownRowCover) and outscores f1, the best FAQ document,
// ownRowLead times over, and its coverage; else -1.
func (ix *index) ownRow(s *scratch, f1 int) (int, float64) {
	best := -1
	for _, d32 := range s.touched {
		d := int(d32)
		if ix.docs[d].kind == docRow && s.cover[d] >= ownRowCover && (best < 0 || s.scores[d] > s.scores[best]) {
			best = d
		}
	}
	if best < 0 || (f1 >= 0 && s.scores[best] < ownRowLead*s.scores[f1]) {
		return -1, 0
	}
	return best, s.cover[best]
}

// A row answers a message that names no role when it holds this much of
// it and outscores every entry this many times.
const (
	ownRowCover = 0.75
	ownRowLead  = 5
)

// askCompares reports whether the question itself, not its context,
// compares: it says "vs" or names both roles of comparison comp.
func (ix *index) askCompares(s *scratch, comp int) bool {
	if comp < 0 {
		return false
	}
	r := ix.roles[comp]
	left, right := false, false
	for _, t := range s.out {
		switch {
		case t.w < 1:
		case t.term == ix.vsTerm:
			return true
		case t.term == r.left:
			left = true
		case t.term == r.right:
			right = true
		}
	}
	return left && right
}

// askCover is the share of the question's own words (weight 1, neither a
// role nor in most documents) that document d holds: "(our story). How
// does a CEO win versus a CTO?" asks one word, and the row holds it.
func (ix *index) askCover(s *scratch, comp, d int) float64 {
	var held, all float64
	for _, t := range s.out {
		if t.w != 1 || t.term < 0 || ix.rowNeutral(comp, t.term) {
			continue
		}
		w := ix.idf[t.term]
		all += w
		if p, ok := ix.postingOf(d, t.term); ok {
			held += w * float64(p.c)
		}
	}
	if all == 0 {
		return 0
	}
	return held / all
}
