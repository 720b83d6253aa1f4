package knowledge

import (
	"math"
	"slices"
)

// ranking is what rank found out about a message.
type ranking struct {
	comp, nRoles, side   int     // see namedComparison
	total, content       float64 // the message's weight, and that of its words that tell documents apart
	askTotal, askContent float64 // the same for the words of the question itself (weight 1)
}

// rank reads a message into s and scores every document against it,
// unless the message weighs nothing (total 0) or only names the roles
// of a comparison and asks for it (content 0).
func (ix *index) rank(s *scratch, query string) ranking {
	ix.read(s, query)
	var r ranking
	r.comp, r.nRoles, r.side = ix.namedComparison(s)
	for _, t := range s.out {
		w := ix.weight(t.term) * float64(t.w)
		r.total += w
		neutral := ix.rowNeutral(r.comp, t.term)
		if !neutral {
			r.content += w
		}
		if t.w == 1 {
			r.askTotal += w
			if !neutral {
				r.askContent += w
			}
		}
	}
	if r.total == 0 || (r.comp >= 0 && r.content == 0 && s.signal) {
		return r
	}
	ix.score(s, r.comp, r.total, r.content)
	ix.focusOn(s, r.comp, r.side)
	ix.fitFigures(s, query)
	s.unknown, s.offTopic, s.context = 0, 0, 0
	for _, t := range s.out {
		if t.w < 1 {
			s.context += ix.weight(t.term) * float64(t.w) / r.total
		}
		if (t.term == termUnknown || t.term == termOffTopic) && t.w == 1 {
			share := ix.weight(t.term) / r.total
			s.unknown += share
			if t.term == termOffTopic {
				s.offTopic += share
			}
		}
	}
	return r
}

// namedComparison returns the comparison whose roles the message names
// most, how many of its roles it names, and which side (0 left, 1 right)
// when it names only one, else -1; a comparison word alone ("vs",
// "compare") points at the first comparison.
func (ix *index) namedComparison(s *scratch) (comp, nRoles, side int) {
	comp, side = -1, -1
	for ci, r := range ix.roles {
		n, sd := 0, -1
		for _, t := range s.out {
			switch {
			case t.term < 0:
			case t.term == r.left:
				n, sd = n+1, 0
			case t.term == r.right:
				n, sd = n+1, 1
			}
		}
		if n > nRoles {
			comp, nRoles, side = ci, n, sd
		}
	}
	if nRoles != 1 {
		side = -1
	}
	if comp < 0 && s.signal && len(ix.roles) > 0 {
		comp = 0
	}
	return comp, nRoles, side
}

// weight is how much of a question's meaning a term carries.
func (ix *index) weight(term int32) float64 {
	switch term {
	case termUnknown:
		return ix.unkIDF * tune.unknown
	case termOffTopic:
		return ix.unkIDF * tune.offTopic
	case termForeign:
		return ix.unkIDF * foreignWeight
	}
	return ix.idf[term]
}

// rowNeutral reports whether term says nothing about which document is
// meant: it names a side of comparison comp or asks for a comparison
// (such words say a row is wanted, not which one), or it is in most
// documents ("do", "role").
func (ix *index) rowNeutral(comp int, term int32) bool {
	if term < 0 {
		return false
	}
	if ix.idf[term] < minCoverIDF {
		return true
	}
	if comp < 0 {
		return false
	}
	r := ix.roles[comp]
	return term == r.left || term == r.right || term == ix.vsTerm || slices.Contains(ix.layout, term)
}

// layoutWords ask for the comparison in a shape ("ceo vs cto table"):
// beside the roles they ask nothing else.
var layoutWords = []string{"table", "chart", "grid", "matrix", "overview", "breakdown", "cheatsheet", "nutshell", "summary", "diagram"}

// minCoverIDF is how rare a word must be to count towards coverage: a
// word in most documents covers them all and tells none apart.
const minCoverIDF = 0.4

// score fills s.cover with the share of the query's weight each document
// holds and s.scores with its rank: BM25 times coverage^gamma. Role words
// do not count towards rows: rows are about the dimension, and the roles
// are checked separately.
func (ix *index) score(s *scratch, comp int, total, content float64) {
	for _, d := range s.touched {
		s.scores[d], s.cover[d], s.hits[d], s.ex[d] = 0, 0, 0, 0
		s.ccover[d] = [maxClauses + 1]float32{}
	}
	s.touched = s.touched[:0]
	ix.accumulate(s, comp, total, content)
	for _, d := range s.touched {
		if c := s.cover[d]; c > 0 {
			s.scores[d] *= powCover(c)
		}
	}
	ix.scoreExamples(s, comp, content > 0)
	if tune.exRank > 0 {
		// A message that reads like one of a document's own phrasings
		// is more likely about it than one that shares scattered words.
		for _, d := range s.touched {
			s.scores[d] *= powExample(0.1 + s.ex[d])
		}
	}
}

// accumulate adds each term of the message to the documents holding it:
// BM25 weight, coverage of the message and of each clause, and hits.
func (ix *index) accumulate(s *scratch, comp int, total, content float64) {
	// With roles named, coverage is measured over the other words: "ceo vs
	// cto" is in nearly every document and says nothing about which.
	denom, neutralCovers := total, true
	if content > 0 {
		denom, neutralCovers = content, false
	}
	var ctot [maxClauses + 1]float64
	for _, t := range s.out {
		if t.clause > 0 && (neutralCovers || !ix.rowNeutral(comp, t.term)) {
			ctot[t.clause] += float64(t.w) * ix.weight(t.term)
		}
	}
	for _, t := range s.out {
		if t.term < 0 {
			continue
		}
		role := ix.rowNeutral(comp, t.term)
		w := float64(t.w)
		idf := w * ix.idf[t.term] / denom
		cidf := 0.0
		if t.clause > 0 && ctot[t.clause] >= minClauseWeight && (!role || neutralCovers) {
			cidf = w * ix.idf[t.term] / ctot[t.clause]
		}
		for _, p := range ix.postings[t.term] {
			if role && ix.docs[p.doc].kind == docRow {
				continue
			}
			if s.scores[p.doc] == 0 && s.cover[p.doc] == 0 {
				s.touched = append(s.touched, p.doc)
			}
			s.scores[p.doc] += w * float64(p.w)
			if !role || neutralCovers {
				s.cover[p.doc] += idf * float64(p.c)
			}
			if cidf > 0 {
				s.ccover[p.doc][t.clause] += float32(cidf * float64(p.c))
			}
			if !role && t.w == 1 && s.hits[p.doc] < 255 {
				s.hits[p.doc]++
			}
		}
	}
}

// best returns the top three FAQ documents and, if rows are allowed, the
// top row of comparison comp (-1 where there is none).
func (ix *index) best(s *scratch, comp int, rows bool) (top [3]int, r1, r2 int) {
	top, r1, r2 = [3]int{-1, -1, -1}, -1, -1
	for _, d32 := range s.touched {
		d := int(d32)
		sc := s.scores[d]
		if sc <= 0 {
			continue
		}
		doc := &ix.docs[d]
		if doc.kind == docRow {
			switch {
			case !rows || doc.comp != comp:
			case r1 < 0 || sc > s.scores[r1]:
				r1, r2 = d, r1
			case r2 < 0 || sc > s.scores[r2]:
				r2 = d
			}
			continue
		}
		for i := range top {
			if top[i] < 0 || sc > s.scores[top[i]] {
				copy(top[i+1:], top[i:len(top)-1])
				top[i] = d
				break
			}
		}
	}
	return top, r1, r2
}

// powCover is coverage^gamma, with the common squares done by hand:
// math.Pow costs more than the rest of scoring a document.
func powCover(c float64) float64 {
	switch tune.gamma {
	case 1:
		return c
	case 2:
		return c * c
	case 3:
		return c * c * c
	}
	return math.Pow(c, tune.gamma)
}

// powExample is x^exRank, with the square root done directly.
func powExample(x float64) float64 {
	if tune.exRank == 0.5 {
		return math.Sqrt(x)
	}
	return math.Pow(x, tune.exRank)
}

// focusOn favours the documents about the one role a message names, and
// disfavours those about the other: "what does a CTO do" is not "what
// does a CEO do", though it shares every other word.
func (ix *index) focusOn(s *scratch, comp, side int) {
	if comp < 0 || side < 0 || tune.roleFocus == 0 {
		return
	}
	f := ix.focus[comp]
	for _, d := range s.touched {
		if int(d) >= len(f) {
			continue
		}
		k := 1 + tune.roleFocus*float64(f[d][side]-f[d][1-side])
		s.scores[d] *= max(k, 0.05)
	}
}
