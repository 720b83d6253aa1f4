package knowledge

import "slices"

// incidental reports whether FAQ document d matches a short question
// only through a word that one of its examples happens to mention: "does
// the CEO need an MBA?" against the entry whose example is "MBA founder,
// first hire?". It holds when the question's rarest word is in neither
// the entry's question, its answer nor its tags, the answer holds little of the
// question's words at all, and no example of the entry shares more than a
// third of its words with the question. Such a question is about
// something the knowledge only mentions in passing.
func (ix *index) incidental(s *scratch, d int) bool {
	if s.context > 0 && s.cover[d] >= incidentalStory {
		// "(I've been a CTO for years and fear AI makes me irrelevant.)
		// What should I focus on to stay valuable?": the story the
		// entry holds says what the short question is about.
		return false
	}
	focus, focusIDF := int32(-1), 0.0
	n, all, held := 0, 0.0, 0.0
	for _, t := range s.out {
		if !ix.askedWord(t) {
			continue
		}
		n++
		w := ix.idf[t.term]
		all += w
		if ix.answerHolds(d, t.term) {
			held += w
		}
		if w > focusIDF {
			focus, focusIDF = t.term, w
		}
	}
	if n == 0 || n > incidentalAsk || ix.answerHolds(d, focus) || held >= incidentalAnswer*all {
		return false
	}
	stories := 0
	for e := ix.exStart[d]; e < ix.exStart[d+1]; e++ {
		if _, ok := slices.BinarySearch(ix.exPost[focus], e); ok {
			if !ix.exSituation[e] {
				return false // one of its phrasings of the question holds it
			}
			if stories++; stories > 1 {
				return false // more than one story: the entry is about it
			}
		}
	}
	for e := ix.exStart[d]; e < ix.exStart[d+1]; e++ {
		hits := 0
		for _, t := range s.out {
			if ix.askedWord(t) {
				if _, ok := slices.BinarySearch(ix.exPost[t.term], e); ok {
					hits++
				}
			}
		}
		if hits > 0 && hits*incidentalRecall >= int(ix.exLen[e]) {
			return false
		}
	}
	return true
}

// askedWord reports whether t is a word of the question itself that tells
// documents apart: neither context, a role, "vs" nor common.
func (ix *index) askedWord(t token) bool {
	return t.w == 1 && t.term >= 0 && ix.idf[t.term] >= minCoverIDF && t.term != ix.vsTerm && !ix.isRole(t.term)
}

// answerHolds reports whether FAQ document d's question, answer or tags hold term.
func (ix *index) answerHolds(d int, term int32) bool {
	_, ok := slices.BinarySearch(ix.ansTerms[d], term)
	return ok
}

// An incidental match: a question of at most incidentalAsk words, whose
// answer holds under incidentalAnswer of their weight, and no example of
// which shares more than 1/incidentalRecall of its words with it.
const (
	incidentalAsk    = 3
	incidentalAnswer = 0.2
	incidentalRecall = 3
	// incidentalStory is the share of a message with context an entry
	// must cover for the context to say what the question is about.
	incidentalStory = 0.5
)
