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
		s.exDot[e], s.exPart[e] = 0, 0
		d := ix.exDoc[e]
		s.exCtx[d], s.exAsk[d] = 0, 0
	}
	s.exTouch = s.exTouch[:0]
	qn, qCtx, qAsk := 0.0, 0.0, 0.0
	for _, t := range s.out {
		if hasContent && ix.rowNeutral(comp, t.term) {
			continue
		}
		w := float64(t.w) * ix.weight(t.term)
		qn += w * w
		part := ix.weight(t.term) // the context and the question, each as a message of its own
		if t.ctx {
			qCtx += part * part
		} else {
			qAsk += part * part
		}
		if t.term < 0 {
			continue
		}
		for _, e := range ix.exPost[t.term] {
			if s.exDot[e] == 0 && s.exPart[e] == 0 {
				s.exTouch = append(s.exTouch, e)
			}
			s.exDot[e] += w * ix.idf[t.term]
			if t.ctx == ix.exSituation[e] {
				s.exPart[e] += part * ix.idf[t.term]
			}
		}
	}
	if qn == 0 {
		return
	}
	qn, qCtx, qAsk = math.Sqrt(qn), math.Sqrt(qCtx), math.Sqrt(qAsk)
	split := qCtx > 0 && qAsk > 0
	for _, e := range s.exTouch {
		d := ix.exDoc[e]
		norm := ix.exNorm[e]
		if hasContent {
			norm = ix.exContentNorm[e]
		}
		if split && s.exPart[e] > 0 {
			if ix.exSituation[e] {
				s.exCtx[d] = max(s.exCtx[d], s.exPart[e]/(qCtx*norm))
			} else {
				s.exAsk[d] = max(s.exAsk[d], s.exPart[e]/(qAsk*norm))
			}
		}
		if c := s.exDot[e] / (qn * norm); c > s.ex[d] {
			if s.scores[d] == 0 && s.cover[d] == 0 && s.ex[d] == 0 {
				s.touched = append(s.touched, d)
			}
			s.ex[d] = c
		}
	}
	if !split {
		return
	}
	// A story and a question: the document whose situations read like
	// the story and whose phrasings read like the question.
	for _, e := range s.exTouch {
		d := ix.exDoc[e]
		if c := (s.exCtx[d] + s.exAsk[d]) / 2; c > s.ex[d] {
			s.ex[d] = c
		}
	}
}
