package knowledge

import (
	"math"
)

// scoreExamples sets s.ex of each document to the cosine between the
// message and the document's closest example (question or alternate),
// over IDF-weighted terms. Words no example holds, known or not, lengthen
// the message's vector, so they lower the similarity. With roles named
// and other words present, the role words are left out on both sides.
func (ix *index) scoreExamples(s *scratch, comp int, hasContent bool) {
	for _, e := range s.exTouch {
		s.exDot[e] = 0
	}
	s.exTouch = s.exTouch[:0]
	qn := 0.0
	for _, t := range s.out {
		if hasContent && ix.rowNeutral(comp, t.term) {
			continue
		}
		w := float64(t.w) * ix.weight(t.term)
		qn += w * w
		if t.term < 0 {
			continue
		}
		for _, e := range ix.exPost[t.term] {
			if s.exDot[e] == 0 {
				s.exTouch = append(s.exTouch, e)
			}
			s.exDot[e] += w * ix.idf[t.term]
		}
	}
	if qn == 0 {
		return
	}
	qn = math.Sqrt(qn)
	for _, e := range s.exTouch {
		d := ix.exDoc[e]
		norm := ix.exNorm[e]
		if hasContent {
			norm = ix.exContentNorm[e]
		}
		if c := s.exDot[e] / (qn * norm); c > s.ex[d] {
			if s.scores[d] == 0 && s.cover[d] == 0 && s.ex[d] == 0 {
				s.touched = append(s.touched, d)
			}
			s.ex[d] = c
		}
	}
}
