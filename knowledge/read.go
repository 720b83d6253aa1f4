package knowledge

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// Context is evidence, not the question: its words count this much.
const contextWeight = 0.4

// unknownContextWeight is what a word the knowledge base has never seen
// counts in the context: names, places and jargon of the asker's story say
// little about what is asked.
const unknownContextWeight = 0.15

// minAskIDF is how rare a word must be to count as saying what is asked:
// "do", "role" and "company" are in most documents.
const minAskIDF = 1.0

// minAskTerms is how many meaningful words the question itself must hold
// before its context counts less; "what should we do?" leans on it fully.
const minAskTerms = 2

// read analyzes a message segment by segment: words of the question count
// fully, words of the context before or around it count contextWeight.
func (ix *index) read(s *scratch, query string) {
	s.reset()
	s.segs = splitMessage(s.segs, query)
	askTerms, clause, hasContext := 0, uint8(0), false
	askPerson, askPay, askCost, askRole := false, false, false, false
	currency := false    // the message names money other than dollars
	var askRoles [2]bool // the question names the CEO, the CTO (or both, by "vs")
	var askNamed [2]bool // the question names the CEO, the CTO, by name
	namesRole := false   // the message names either
	for _, sg := range s.segs {
		persons := s.persons
		w := float32(contextWeight)
		if sg.ask {
			w = 1
		}
		n := len(s.out)
		s.scopeAsk = s.scopeAsk || sg.ask && containsFold(sg.text, "what") && scopeRE.MatchString(sg.text)
		if sg.ask && clause < maxClauses {
			// Each clause of the question is scored on its own too:
			// "can I hand over the vision, and focus on fundraising?"
			// is answered by the entry that answers one clause well.
			for _, c := range splitClauses(s.clauses[:0], sg.text) {
				m := len(s.out)
				ix.an.analyzeMore(s, c, false, ix.df, w)
				s.unknownChoice = s.unknownChoice || s.choiceSeen
				if clause < maxClauses {
					clause++
				}
				for i := m; i < len(s.out); i++ {
					s.out[i].clause = clause
				}
			}
		} else {
			ix.an.analyzeMore(s, sg.text, false, ix.df, w)
			hasContext = hasContext || !sg.ask && len(s.out) > n
		}
		askPerson = askPerson || sg.ask && s.persons > persons
		for i := n; i < len(s.out); i++ {
			t := &s.out[i]
			t.ctx = !sg.ask
			namesRole = namesRole || ix.isRole(t.term)
			currency = currency || t.term == ix.curTerm && t.term >= 0
			if sg.ask {
				askPay = askPay || t.term == ix.payTerm
				askCost = askCost || t.term == ix.costTerm
				askRole = askRole || ix.isRole(t.term)
				switch {
				case t.term == ix.vsTerm:
					askRoles = [2]bool{true, true}
				case len(ix.roles) > 0 && t.term == ix.roles[0].left:
					askRoles[0], askNamed[0] = true, true
				case len(ix.roles) > 0 && t.term == ix.roles[0].right:
					askRoles[1], askNamed[1] = true, true
				}
			}
			switch {
			case !sg.ask && (t.term == termUnknown || t.term == termOffTopic || t.term == termForeign || ix.isFigure(t.term)):
				// "I'm briefing an exec recruiter": a seat in the asker's story
				// is not what is asked.
				t.w = unknownContextWeight
			case sg.ask && t.term == termForeign:
				s.foreignAsk = true
			case sg.ask && t.term >= 0 && t.term != ix.vsTerm && !ix.isRole(t.term) && ix.idf[t.term] >= minAskIDF &&
				!slices.Contains(ix.judging, t.term):
				askTerms++
			}
		}
	}
	// "what does a junior developer earn?": the pay of neither seat. What
	// anyone costs on top of the pay is known ("the real cost of an
	// employee on top of base salary").
	s.otherPay = askPerson && askPay && !askCost && !askRole
	// "CTO hire in Munich. fair pay in euros?": the pay figures are in
	// dollars, for the US.
	s.otherPay = s.otherPay || askPay && currency
	// "(I'm the CEO.) What's the split of duties between a VP Eng and a
	// CTO?": one seat beside someone in another job, not the two seats.
	s.otherPair = askPerson && askNamed[0] != askNamed[1]
	// The asker's own figure is context too: "we have 200k for a CTO,
	// enough?" asks a verdict on the amount.
	hasContext = hasContext || strings.ContainsAny(query, "0123456789")
	// "Can you give me the CEO vs CTO comparison as a table?" asks in
	// full: the context stays context.
	if askTerms < minAskTerms && !(askRoles[0] && askRoles[1]) {
		for i := range s.out {
			switch t := &s.out[i]; {
			case hasContext && t.w == 1 && slices.Contains(ix.judging, t.term):
				t.w = contextWeight // the verdict asked for weighs less than what it is about
			case t.w >= contextWeight && (t.term >= 0 || t.term == termForeign):
				t.w = 1 // not the context's unknown words and figures
			case t.term == termForeign && (askTerms == 0 || askTerms == 1 && s.pointsBack()) && !namesRole:
				// "our board wants a CFO. when is the right time?", "we
				// need a COO. what should their duties be?": the question
				// is about the seat its story names, unless the story is
				// about one of the two ("a recruiter quoted us $320k for
				// a CTO. sound right?").
				t.w, s.foreignAsk = 1, true
			}
			s.out[i].clause = 0 // the message is the question: no clause stands alone
		}
	}
	s.out = dedupe(s.out)
}

// judgingWords ask for a verdict on what the context says, not about a
// topic of their own: after "our CEO sells features we don't have", the
// question "should I be worried?" is about the context.
var judgingWords = []string{
	"happen", "happens", "wrong", "goes", "problem", "problems", "worried", "worry", "worrying", "concerned",
	"reasonable", "plan", "sound", "sounds", "fine", "normal", "right", "risky", "risk", "sense", "smart",
	"wise", "crazy", "realistic", "true", "correct", "mistake", "approach", "recommend", "suggest",
	"opinion", "verdict", "worth", "waste", "bad", "good", "ok", "okay", "alright", "agree", "view", "take",
	"does", "doing", "handle", "red", "flag",
	// Of an amount: "we're offering 180k, is that competitive?"
	"enough", "competitive", "fair", "low", "high", "lowball", "generous", "higher", "lower",
	// The kind of answer, not its topic: "…is AI code safe? what numbers
	// does the article have?"
	"numbers", "figures", "stats", "statistics", "data", "facts", "evidence",
	// What to do about it: "the CEO is also acting CTO. should we change that?"
	"change", "fix",
}

// isFigure reports whether term is a number ("45", "2011"): in the
// context it is the asker's own figure ("I'm CEO with 45%"), not the
// knowledge's.
func (ix *index) isFigure(term int32) bool {
	if term < 0 {
		return false
	}
	t := ix.an.terms[term]
	return t != "" && t[0] >= '0' && t[0] <= '9'
}

// isRole reports whether term names a side of any comparison.
func (ix *index) isRole(term int32) bool {
	for _, r := range ix.roles {
		if term == r.left || term == r.right {
			return true
		}
	}
	return false
}

// dedupe drops repeated terms, keeping first occurrences in order, each
// with the largest weight it had.
func dedupe(ts []token) []token {
	out := ts[:0]
	for _, t := range ts {
		dup := false
		if t.term >= 0 {
			for i := range out {
				if out[i].term == t.term {
					if t.w > out[i].w {
						// The question's word, met first in the context,
						// belongs to the question's clause.
						out[i].w, out[i].clause = t.w, t.clause
					}
					dup = true
					break
				}
			}
		}
		if !dup {
			out = append(out, t)
		}
	}
	return out
}

// maxClauses is how many clauses of the question are scored on their own;
// minClauseWeight is the weight a clause needs for that, about two
// meaningful words ("and why?" does not stand alone).
const (
	maxClauses      = 4
	minClauseWeight = 3.0
)

// clauseCover is the best coverage of document d over one clause of the
// question alone.
func (s *scratch) clauseCover(d int) float64 {
	best := float32(0)
	for _, c := range s.ccover[d][1:] {
		best = max(best, c)
	}
	return float64(best)
}

// scopeRE is a sentence that asks only what the advisor covers: "what do
// you actually know about?", "what kinds of things can you help me
// with?". Anything after it ("what do you know about equity?") is a
// question of its own.
var scopeRE = regexp.MustCompile(`(?i)^[^a-z]*(?:(?:so|and|but|ok|okay|hey|hi)\W+)?(?:what|which)\s+(?:else\s+)?(?:kinds?\s+of\s+|sorts?\s+of\s+|types?\s+of\s+)?(?:things\s+|topics\s+|questions\s+|stuff\s+)?(?:(?:do|can|could|would)\s+(?:you|u)\s+(?:actually\s+|really\s+|even\s+)?(?:know(?:\s+about)?|cover|help(?:\s+(?:me|us))?(?:\s+with)?|answer|talk\s+about)|(?:can|could|do)\s+(?:you|u)\s+(?:actually\s+|really\s+)?do|(?:can|could|should)\s+(?:i|we)\s+ask(?:\s+(?:you|u))?(?:\s+about)?)[^a-z]*$`)

// backWords point from a question back at what its story names: "what
// should go in it?", "what should their duties be?".
var backWords = []string{"it", "its", "they", "them", "their", "he", "him", "his", "she", "her", "role", "position", "seat", "job"}

// pointsBack reports whether a sentence of the question holds one of the
// backWords. An "it" after "is" or "was" points at nothing ("is it time
// to split?"). Only a question about another seat asks, so it is read then.
func (s *scratch) pointsBack() bool {
	for _, sg := range s.segs {
		if !sg.ask {
			continue
		}
		prev := ""
		for _, w := range strings.FieldsFunc(strings.ToLower(sg.text), func(r rune) bool { return !unicode.IsLetter(r) }) {
			if slices.Contains(backWords, w) && !(w == "it" && (prev == "is" || prev == "was" || prev == "isn")) {
				return true
			}
			prev = w
		}
	}
	return false
}
