package knowledge

// Limits on what one query may cost.
const (
	maxQueryBytes  = 2048 // longer messages are cut; questions are short
	maxQueryTokens = 64
)

// span is one word of normalized text: norm[lo:hi].
type span struct{ lo, hi int32 }

// token is one meaningful word of a text: a term id, or termUnknown for a
// content word the knowledge base has never seen, or termForeign for a role
// it does not cover.
type token struct {
	term int32
}

const (
	termUnknown int32 = -1
	termForeign int32 = -2
)

// scratch is the per-call working memory of analyze and Search, pooled so a
// search allocates next to nothing.
type scratch struct {
	norm   []byte
	spans  []span
	buf    []byte
	out    []token
	scores []float64
	cover  []float64

	words  int  // words seen, stop words included
	greet  int  // greeting words
	other  int  // words that are neither greeting nor filler
	signal bool // a comparison signal word was seen
}

func newScratch() *scratch {
	return &scratch{
		norm:  make([]byte, 0, 512),
		spans: make([]span, 0, maxQueryTokens),
		buf:   make([]byte, 0, 2*maxStemLen+8),
		out:   make([]token, 0, maxQueryTokens),
	}
}

func (s *scratch) word(i int) []byte { return s.norm[s.spans[i].lo:s.spans[i].hi] }

// analyze normalizes text and fills s.out with its tokens, in order. With
// learn set (building the index) unknown words join the vocabulary;
// otherwise they are stemmed, looked up, corrected for typos, or recorded
// as unknown. df (term document frequencies) ranks typo candidates. It is
// long on purpose: one pass over the words, each through the same steps in
// order, on the hot path of every question.
func (a *analyzer) analyze(s *scratch, text string, learn bool, df []int32) {
	s.norm = normalize(s.norm[:0], text)
	s.spans = s.spans[:0]
	s.out = s.out[:0]
	s.words, s.greet, s.other, s.signal = 0, 0, 0, false
	lo := 0
	for i := 0; i <= len(s.norm); i++ {
		if i == len(s.norm) || s.norm[i] == ' ' {
			if i > lo {
				if !learn && len(s.spans) == maxQueryTokens {
					break
				}
				s.spans = append(s.spans, span{int32(lo), int32(i)})
			}
			lo = i + 1
		}
	}
	hasMuch := false
	for i := range s.spans {
		if string(s.word(i)) == "much" {
			hasMuch = true
		}
	}
	s.words = len(s.spans)
	for i := 0; i < len(s.spans); {
		if n := a.phraseAt(s, i); n > 0 {
			s.other += n
			i += n
			continue
		}
		w := s.word(i)
		i++
		if contextualPay(w, hasMuch) {
			s.other++
			s.out = append(s.out, token{a.words["pay"].term})
			continue
		}
		info, known := a.words[string(w)]
		if learn && (!known || (info.term < 0 && info.class&classStop == 0)) {
			info, known = a.learn(string(w)), true
		}
		if info.class&classGreet != 0 {
			s.greet++
		} else if info.class&classFiller == 0 {
			s.other++
		}
		if info.class&classSignal != 0 {
			s.signal = true
		}
		if known {
			switch {
			case info.term >= 0:
				s.out = append(s.out, token{info.term})
			case info.class&classForeign != 0:
				s.out = append(s.out, token{termForeign})
			case info.class&classStop == 0:
				s.out = append(s.out, token{termUnknown}) // a filler word no document uses
			}
			continue
		}
		s.buf = stem(s.buf[:0], w)
		if id, ok := a.vocab[string(s.buf)]; ok {
			s.out = append(s.out, token{id})
			continue
		}
		if info, ok := a.correct(w, s.buf[:0], df); ok {
			s.out = append(s.out, token{info.term})
			continue
		}
		s.out = append(s.out, token{termUnknown})
	}
}

// phraseAt applies the longest phrase synonym starting at word i, appending
// its terms, and returns how many words it consumed (0 for none).
func (a *analyzer) phraseAt(s *scratch, i int) int {
	cands := a.phrases[string(s.word(i))]
	best := -1
	for c, p := range cands {
		if i+len(p.words) > len(s.spans) || (best >= 0 && len(p.words) <= len(cands[best].words)) {
			continue
		}
		match := true
		for k := 1; k < len(p.words); k++ {
			if string(s.word(i+k)) != p.words[k] {
				match = false
				break
			}
		}
		if match {
			best = c
		}
	}
	if best < 0 {
		return 0
	}
	for _, t := range cands[best].terms {
		s.out = append(s.out, token{t})
	}
	return len(cands[best].words)
}
