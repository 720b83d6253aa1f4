package knowledge

import "slices"

// isName reports whether term is one the documents write as a name.
func (ix *index) isName(term int32) bool {
	_, ok := slices.BinarySearch(ix.names, term)
	return ok
}

// holds reports whether document d holds term.
func (ix *index) holds(d int, term int32) bool {
	_, ok := ix.postingOf(d, term)
	return ok
}

// postingOf returns term's posting in document d, if d holds it.
func (ix *index) postingOf(d int, term int32) (posting, bool) {
	ps := ix.postings[term]
	i, ok := slices.BinarySearchFunc(ps, int32(d), func(p posting, d int32) int { return int(p.doc - d) })
	if !ok {
		return posting{}, false
	}
	return ps[i], true
}

// unknownDetailOf reports whether the question names a company or person
// that document d speaks of, and asks about them in words no document
// holds: "is Matt Watson married?" is not answered by who he is.
func (ix *index) unknownDetailOf(s *scratch, d int) bool {
	named, rest, unknown := false, 0.0, 0.0
	for _, t := range s.out {
		switch {
		case t.w < 1:
		case t.term >= 0 && ix.isName(t.term):
			named = named || ix.holds(d, t.term)
		case t.term >= 0 && ix.idf[t.term] < minAskIDF:
			// "do", "role": in most documents
		case t.term == termUnknown:
			unknown += ix.weight(t.term)
			rest += ix.weight(t.term)
		default:
			rest += ix.weight(t.term)
		}
	}
	return named && unknown > 0 && unknown >= unknownDetail*rest
}

// unknownDetail is the share of a question's words, other than names,
// that unknown words must hold to make it a detail the knowledge lacks.
const unknownDetail = 0.3

// count records one occurrence of term in a document, and whether it was
// capitalized like a name there.
func (a *analyzer) count(term int32, name bool) {
	c := a.seen[term]
	c[0]++
	if name {
		c[1]++
	}
	a.seen[term] = c
}

// names returns the terms the documents write as names ("Watson",
// "Stackify"): capitalized mid-sentence in nearly all their occurrences.
func (a *analyzer) names() []int32 {
	var out []int32
	for t, c := range a.seen {
		if c[1] >= 2 && float64(c[1]) >= nameShare*float64(c[0]) {
			out = append(out, t)
		}
	}
	slices.Sort(out)
	return out
}

// nameShare is the share of a term's occurrences that must be capitalized
// for names to count it as one.
const nameShare = 0.8

// everNamed reports whether the knowledge writes term as a name at least
// once ("Full Scale", "Stackify").
func (a *analyzer) everNamed(term int32) bool { return a.seen[term][1] > 0 }
