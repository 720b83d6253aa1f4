package knowledge

// Limits on what one query may cost.
const (
	maxQueryBytes  = 2048 // longer messages are cut; questions are short
	maxQueryTokens = 64
)

// fixWord is a typo fix: the word of span i reads word.
type fixWord struct {
	span int
	word string
}

// span is one word of normalized text: norm[lo:hi].
type span struct {
	lo, hi int32
	name   bool // capitalized like a name, not as the text's first word
}

// token is one meaningful word of a text: a term id, or termUnknown for a
// content word the knowledge base has never seen, or termForeign for a role
// it does not cover.
type token struct {
	term   int32
	w      float32 // how much the word counts: 1 in the question, less in its context
	clause uint8   // which clause of the question it is in (1…); 0 for context or the whole
	ctx    bool    // the word is in the context, not the question, even where the question leans on it
}

const (
	termUnknown  int32 = -1 // an English word no document uses: a phrasing the knowledge lacks
	termForeign  int32 = -2 // a role the knowledge does not cover
	termOffTopic int32 = -3 // a thing, place, name or jargon no document uses: a topic it lacks
	termStop     int32 = -4 // never a token: a stop word, where sideTerm reports one
)

// scratch is the per-call working memory of analyze and Search, pooled so a
// search allocates next to nothing.
type scratch struct {
	norm    []byte
	names   []int32 // offsets in norm of words capitalized like names
	spans   []span
	buf     []byte
	out     []token
	scores  []float64
	cover   []float64
	hits    []uint8   // by document: how many of the question's own words it holds
	ex      []float64 // by document: cosine of the message with its closest example
	exDot   []float64 // by example: dot product with the message
	exPart  []float64 // by example: dot product with the context (situations) or the question (phrasings)
	exCtx   []float64 // by document: cosine of the context with its closest situation
	exAsk   []float64 // by document: cosine of the question with its closest phrasing
	exTouch []int32   // examples with a dot product
	touched []int32   // documents with a score, so a search never scans them all

	segs    []segment
	spanTok []int32 // by word of the text being read: its first token in out, -1 inside a phrase
	clauses []string
	fix     []byte                    // the text before typo fixes
	fixes   []fixWord                 // the fixes of the words of one text
	ccover  [][maxClauses + 1]float32 // by document and clause: coverage of that clause alone

	foreignAsk bool    // the question itself names a role the knowledge does not cover
	otherPay   bool    // the question asks the pay of someone in neither seat (see personWords)
	otherPair  bool    // the question sets one seat beside someone in another job ("a VP Eng and a CTO")
	scopeAsk   bool    // a sentence of the question asks only what the advisor covers
	personTerm int32   // the term of the last person in another job named, or termUnknown
	figs       Figures // the message's own figures, once read (figsRead; see fitFigures)
	figsRead   bool
	persons    int     // person words seen (personWords)
	unknown    float64 // share of the message's weight in words of the question no document holds
	offTopic   float64 // the part of unknown in names and things ("Airbnb", "Python")
	context    float64 // share of the message's weight in its context

	// unknownChoice says the question asks to choose between things the
	// knowledge does not tell apart ("rust or go?", "Copilot vs Cursor?");
	// choiceSeen, that the text last read holds such a choice.
	unknownChoice, choiceSeen bool

	words  int  // words seen, stop words included
	greet  int  // greeting words
	other  int  // words that are neither greeting nor filler
	signal bool // a comparison signal word was seen
}

// reset forgets the last text analyzed.
func (s *scratch) reset() {
	s.out = s.out[:0]
	s.words, s.greet, s.other, s.signal = 0, 0, 0, false
	s.otherPair, s.personTerm, s.scopeAsk = false, termUnknown, false
	s.foreignAsk, s.otherPay, s.figs, s.figsRead, s.persons = false, false, Figures{}, false, 0
	s.unknownChoice = false
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
	s.reset()
	a.analyzeMore(s, text, learn, df, 1)
}

// analyzeMore is analyze without forgetting the text before: it appends
// text's tokens, each counting w, to s.out.
func (a *analyzer) analyzeMore(s *scratch, text string, learn bool, df []int32, w float32) {
	first := len(s.out)
	a.tokens(s, text, learn, df)
	for i := first; i < len(s.out); i++ {
		s.out[i].w *= w // tokens weighed each word: 1, or less when set aside
	}
}

// tokens appends text's tokens to s.out.
func (a *analyzer) tokens(s *scratch, text string, learn bool, df []int32) {
	s.splitWords(text, learn)
	if !learn {
		a.fixTypos(s, df)
	}
	hasMuch := false
	for i := 1; i < len(s.spans); i++ {
		// "how much does a CTO make?" asks pay; "AI writes so much of
		// our code it could make me irrelevant" does not.
		if string(s.word(i)) == "much" && string(s.word(i-1)) == "how" {
			hasMuch = true
		}
	}
	s.words += len(s.spans)
	start := len(s.out)
	var neg, aside scope
	s.spanTok = s.spanTok[:0]
	for i := 0; i < len(s.spans); {
		from := len(s.out)
		s.spanTok = append(s.spanTok, int32(from))
		w := s.word(i)
		negator := a.words[string(w)].class&classNegate != 0
		negated, setAside := !negator && neg.see(w), aside.see(w)
		if n := a.phraseAt(s, i); n > 0 {
			if len(s.out) > from {
				s.other += n // "new here" says nothing, even in a greeting
			}
			i += n
			for range n - 1 {
				s.spanTok = append(s.spanTok, -1)
			}
			if negator {
				negator, neg.left = false, 0 // "not technical" is a phrase of its own
			}
		} else if spendsTime(s, i, w) {
			// "how much of his time should a CTO spend coding?": time
			// spent doing something, not money.
			s.other++
			s.out = append(s.out, token{term: a.words["time"].term})
			i++
		} else {
			a.token(s, w, learn, hasMuch, !learn && s.spans[i].name)
			if learn && len(s.out) > from && s.out[from].term >= 0 {
				a.count(s.out[from].term, s.spans[i].name)
			}
			i++
		}
		if negated {
			a.negate(s, from, learn)
		}
		weight := float32(1)
		if setAside {
			weight = setAsideWeight
		}
		for k := from; k < len(s.out); k++ {
			s.out[k].w = weight
			if s.out[k].term == a.besides {
				aside.open()
			}
		}
		if negator && (learn || i < 2 || !a.contrastOnly(s, i-1)) {
			// "why shouldn't the CTO own the vision?" asks whether it
			// should: a negation right after "why" denies nothing.
			neg.open()
		}
	}
	s.choiceSeen = !learn && a.unknownChoice(s)
	a.pairs(s, start)
}

// splitWords normalizes text into s.norm and its words into s.spans, at
// most maxQueryTokens of them for a query.
func (s *scratch) splitWords(text string, learn bool) {
	s.norm, s.names = normalizeNames(s.norm[:0], s.names[:0], text)
	s.spans = s.spans[:0]
	nm := 0
	lo := 0
	for i := 0; i <= len(s.norm); i++ {
		if i == len(s.norm) || s.norm[i] == ' ' {
			if i > lo {
				if !learn && len(s.spans) == maxQueryTokens {
					break
				}
				for nm < len(s.names) && s.names[nm] < int32(lo) {
					nm++
				}
				name := nm < len(s.names) && s.names[nm] == int32(lo) && len(s.spans) > 0
				s.spans = append(s.spans, span{lo: int32(lo), hi: int32(i), name: name})
			}
			lo = i + 1
		}
	}
}

// token appends the token of one word: its term, or what kind of word no
// document holds; stop words and bare figures add none.
func (a *analyzer) token(s *scratch, w []byte, learn, hasMuch, name bool) {
	if len(w) == 1 && w[0] >= '0' && w[0] <= '9' {
		// "cto report 2 ceo?", "2 cofounders": a lone digit is a word
		// of chat or a small count, never a figure the knowledge gives.
		s.other++
		return
	}
	if contextualPay(w, hasMuch) || isMoney(w) {
		// "160k" is an amount of pay, in documents and messages alike,
		// never the literal figure: "we have 200k for a CTO" is not the
		// entry whose example happens to say "$200k".
		s.other++
		s.out = append(s.out, token{term: a.words["pay"].term})
		return
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
	if info.class&classPerson != 0 {
		s.persons++
		s.personTerm = info.term
	}
	if known {
		switch {
		case info.term >= 0:
			s.out = append(s.out, token{term: info.term})
		case info.class&classForeign != 0:
			s.out = append(s.out, token{term: termForeign})
		case name && info.class&classStop == 0:
			// An English word written as a name ("Stripe's founders",
			// "at Apple") that no document uses names a company.
			s.out = append(s.out, token{term: termOffTopic})
		case info.class&classStop == 0:
			s.out = append(s.out, token{term: termUnknown}) // a filler word no document uses
		}
		return
	}
	s.buf = stem(s.buf[:0], w)
	switch id, ok := a.vocab[string(s.buf)]; {
	case ok && name:
		// A name no document writes whose stem a document uses ("Apple"
		// is not "apply").
		s.out = append(s.out, token{term: termOffTopic})
	case ok:
		s.out = append(s.out, token{term: id})
	case isNumber(w):
		if isMoney(w) {
			s.out = append(s.out, token{term: a.words["usd"].term}) // "160k": pay
		}
		// other figures ("8 people", "2026") are not topics
	case name || isOffTopicWord(w):
		// A capitalized word the knowledge never uses ("the Stripe
		// founders") names a company or person it knows nothing about.
		s.out = append(s.out, token{term: termOffTopic})
	default:
		s.out = append(s.out, token{term: termUnknown})
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
	if cands[best].person {
		s.persons++
		s.personTerm = cands[best].terms[0]
	}
	for _, t := range cands[best].terms {
		s.out = append(s.out, token{term: t})
		if t == a.vs {
			s.signal = true // "the CTO's job next to the CEO's"
		}
	}
	return len(cands[best].words)
}

// isNumber reports whether w is a figure: digits with at most a short
// suffix ("300k", "2m", "80hr", "3rd").
func isNumber(w []byte) bool {
	digits := 0
	for digits < len(w) && w[digits] >= '0' && w[digits] <= '9' {
		digits++
	}
	return digits > 0 && len(w)-digits <= 3
}

// isMoney reports whether a figure reads as money: "160k", "2m", "1mm".
func isMoney(w []byte) bool {
	n := len(w)
	return n > 1 && (w[n-1] == 'k' || w[n-1] == 'm') && w[n-2] >= '0' && w[n-2] <= '9' ||
		n > 2 && string(w[n-2:]) == "mm" && w[n-3] >= '0' && w[n-3] <= '9'
}

// spendsTime reports whether word i, w, spends time on a doing: "spend
// coding", "spent selling". Spent otherwise, it is money.
func spendsTime(s *scratch, i int, w []byte) bool {
	switch string(w) {
	case "spend", "spends", "spending", "spent":
	default:
		return false
	}
	if i+1 >= len(s.spans) {
		return false
	}
	next := s.word(i + 1)
	return len(next) > 4 && string(next[len(next)-3:]) == "ing"
}
