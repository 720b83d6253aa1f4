package knowledge

import "slices"

// A choice between things the knowledge does not tell apart ("rust or go
// for the backend?", "Copilot vs Cursor?") is not one it can make: the
// question is answered by the known gap on picking tools (see Search),
// however much else it shares with an entry.

// unknownChoice reports whether the text just read offers a choice, "A or
// B" or "A vs B", between two words the knowledge does not tell apart:
// both the same term ("Copilot or Cursor" are both AI tools to it), or
// neither a term and one unknown ("rust or go", "AWS vs GCP").
func (a *analyzer) unknownChoice(s *scratch) bool {
	for i := 1; i+1 < len(s.spans); i++ {
		if w := string(s.word(i)); w != "or" && w != "vs" && w != "versus" || slices.Contains(clauseStarts, string(s.word(i+1))) {
			continue // "…anywhere, or is that just marketing?" joins two clauses
		}
		l, lok := s.sideTerm(i - 1)
		r, rok := s.sideTerm(i + 1)
		if !lok || !rok {
			continue
		}
		unknown := func(t int32) bool { return t == termUnknown || t == termOffTopic }
		if l >= 0 && l == r || l < 0 && r < 0 && (unknown(l) || unknown(r)) {
			return true
		}
	}
	return false
}

// clauseStarts begin a clause, not a word to choose: after "or" they join
// two questions, not two options.
var clauseStarts = []string{
	"is", "are", "was", "were", "am", "be", "do", "does", "did", "should", "would", "could", "can", "will",
	"shall", "may", "might", "must", "has", "have", "had", "just", "not", "maybe", "perhaps", "else",
	"i", "we", "you", "they", "he", "she", "it", "that", "this", "there", "something", "anything",
	"whatever", "what", "how", "why", "when", "where", "who", "which", "so", "rather", "even",
}

// sideTerm is the term word i of the text just read stands for: its first
// token's term (termUnknown and the like for one no document holds), or
// termStop for a stop word. ok is false inside a phrase, which is a term
// of its own.
func (s *scratch) sideTerm(i int) (term int32, ok bool) {
	k := s.spanTok[i]
	if k < 0 {
		return 0, false
	}
	next := int32(len(s.out))
	for j := i + 1; j < len(s.spanTok); j++ {
		if s.spanTok[j] >= 0 {
			next = s.spanTok[j]
			break
		}
	}
	if next == k {
		return termStop, true
	}
	return s.out[k].term, true
}
