package knowledge

import "unicode"

// AnswerKind says what Search found.
type AnswerKind int

// Kinds of answer.
const (
	AnswerNone       AnswerKind = iota // nothing confident; see Suggestions
	AnswerFAQ                          // Entry answers the question
	AnswerRow                          // one row of a comparison answers it
	AnswerComparison                   // the whole comparison answers it
	AnswerGreeting                     // hello or thanks, not a question
	AnswerGap                          // Entry is a known gap: the knowledge does not answer this
)

// String names the kind for logs and metrics.
func (k AnswerKind) String() string {
	switch k {
	case AnswerFAQ:
		return "faq"
	case AnswerRow:
		return "row"
	case AnswerComparison:
		return "comparison"
	case AnswerGreeting:
		return "greeting"
	case AnswerGap:
		return "gap"
	}
	return "none"
}

// Answer is the result of a search.
type Answer struct {
	Kind        AnswerKind
	Entry       *Entry      // AnswerFAQ
	Comparison  *Comparison // AnswerRow and AnswerComparison
	Row         *Row        // AnswerRow
	Score       float64     // confidence of the best hit, 0 to 1
	Suggestions []*Entry    // AnswerNone: up to three closest entries; otherwise related entries (shared, do not modify)
	// Likely says the FAQ answer is the best reading of the question but not
	// a sure one: the reply says how it read the question and offers
	// Alternatives, the next best entries.
	Likely       bool
	Alternatives []*Entry
	Figures      Figures // the asker's own numbers, for entries with a Figure
	// Request says an AnswerNone declines a request to write or fix
	// something ("write me a job description for the CTO"): the advisor
	// answers questions, it does not make things.
	Request bool
}

const (
	maxSuggestion = 3
	foreignWeight = 3 // a foreign role outweighs the rest of a short question
)

// Search finds what answers a question. It never answers from weak
// evidence: when unsure it returns AnswerNone with the closest entries as
// suggestions, because a wrong answer costs more than "I don't know".
// Between sure and unsure it answers with Likely set, so the reply can say
// how it read the question and offer the runners-up. It is safe for
// concurrent use.
func (b *Base) Search(query string) Answer {
	ix := b.index
	if ix == nil {
		return Answer{}
	}
	if len(query) > maxQueryBytes {
		query = query[:maxQueryBytes]
	}
	if !hasWord(query) {
		// "???", "...", a lone emoji: nothing asked yet, so offer help.
		return Answer{Kind: AnswerGreeting, Score: 1}
	}
	s := ix.pool.Get().(*scratch)
	defer ix.pool.Put(s)
	r := ix.rank(s, query)
	switch {
	case s.greet > 0 && s.other == 0, s.scopeAsk:
		// "hi!", and "(first week here, my mentor said to ping you.)
		// What do you actually know about?": nothing asked but help.
		return Answer{Kind: AnswerGreeting, Score: 1}
	case r.comp >= 0 && r.content == 0 && s.signal:
		return b.comparisonAnswer(r.comp, 1)
	case r.total == 0:
		return Answer{}
	case s.asksToMake():
		return Answer{Request: true, Suggestions: ix.suggest(s)}
	case ix.playTerm >= 0 && s.has(ix.playTerm):
		// "pretend you're Matt Watson and quote me a price": whoever the
		// part, playing it is not answering from the knowledge.
		return ix.gapHolding(s, ix.playTerm)
	case s.unknownChoice:
		// "rust or go for the backend?", "Copilot vs Cursor?": a choice
		// between things the knowledge does not tell apart is not one
		// it can make, however much the rest of the question shares.
		if ix.toolGap >= 0 {
			return ix.gapAnswer(ix.toolGap)
		}
		return ix.bestGap(s)
	case ix.legalGap >= 0 && s.asks(ix.legalTerm):
		// "is it legal to pay our CTO only in equity?": whether something
		// is legal is a legal question, whatever it is about.
		return ix.gapAnswer(ix.legalGap)
	case s.otherPair && r.nRoles == 2 && s.personTerm >= 0 && ix.idf[s.personTerm] >= minAskIDF && ix.gapHolds(s, s.personTerm):
		// "how do duties divide between a director of engineering and
		// a CTO?": one seat beside another job the knowledge says it
		// does not cover. A job most entries name ("engineer") says
		// nothing of the kind.
		return ix.gapHolding(s, s.personTerm)
	case ix.peopleGap >= 0 && ix.otherFirm(s):
		// "what has the ceo of box said about AI agents?": a particular
		// company's executive, not the seat.
		return ix.gapAnswer(ix.peopleGap)
	case s.foreignAsk:
		// "what does a CFO do?": however much else it shares with an
		// entry, the question is about a seat the knowledge doesn't cover.
		return Answer{Suggestions: ix.suggest(s)}
	}
	if s.otherPay && s.figs.Amount == 0 {
		// "what does a junior developer earn?": the only pay the
		// knowledge gives is a CTO's, so the honest answer is the gap
		// that says what it lacks.
		return ix.bestGap(s)
	}
	share := r.content / r.total
	if r.askTotal > 0 && ix.askCompares(s, r.comp) {
		if r.askContent == 0 {
			// "(a story about a board deck). How would you contrast the
			// CEO seat with the CTO seat?": the question asks nothing but
			// the comparison, whatever its story matches.
			return b.comparisonAnswer(r.comp, 1)
		}
		// "…(our story). Can you show the CEO vs CTO differences as a
		// table?": the question asks for the comparison, whatever the
		// story around it.
		share = min(share, r.askContent/r.askTotal)
	}
	ans := b.decide(s, r.comp, r.nRoles, share)
	if ans.Kind == AnswerFAQ && len(ans.Entry.Figures) > 0 {
		ans.Figures = s.figures(query)
	}
	return ans
}

// has reports whether the message holds term.
func (s *scratch) has(term int32) bool {
	for _, t := range s.out {
		if t.term == term {
			return true
		}
	}
	return false
}

// asks reports whether the question itself, not its context, holds term.
func (s *scratch) asks(term int32) bool {
	for _, t := range s.out {
		if t.term == term && t.w == 1 {
			return true
		}
	}
	return false
}

// hasWord reports whether text holds a letter or a digit.
func hasWord(text string) bool {
	for _, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// decide picks the answer from the scored documents: a row of comparison
// comp, a FAQ entry (sure or likely), a known gap, the whole comparison, or
// nothing. roleShare is the share of the message's weight that is not
// role or comparison words.
func (b *Base) decide(s *scratch, comp, nRoles int, contentShare float64) Answer {
	ix := b.index
	asksPair := nRoles == 2 && !s.otherPair
	top, r1, r2 := ix.best(s, comp, nRoles > 0 || s.signal)
	f1 := top[0]
	faqCover, rowCover := 0.0, 0.0
	faq := tierNone
	if f1 >= 0 {
		faqCover = s.cover[f1]
		faq = tierOf(ix.evidenceOf(s, top), asksPair)
	}
	if r1 >= 0 {
		rowCover = s.cover[r1]
		if asksPair && ix.askCompares(s, comp) {
			// A row answers the clause that asks for it ("…what background
			// do CEOs come from, compared with CTOs?") whatever the context.
			rowCover = max(rowCover, s.clauseCover(r1), ix.askCover(s, comp, r1))
		}
	}
	if r1 < 0 && nRoles == 0 && !s.signal {
		if r, c := ix.ownRow(s, f1); r >= 0 {
			// "who faces outward, who faces inward?": no role named, but
			// every word belongs to one row, which far outscores any entry.
			comp, r1, rowCover = ix.docs[r].comp, r, c
		}
	}
	if asksPair && s.signal && r2 >= 0 && s.cover[r2] > 0 && rowCover+s.cover[r2] >= tune.pairRows && faq != tierSure {
		// "compare the two on what they own and how they win": a
		// comparison asked along two of its rows is the whole of it.
		return b.comparisonAnswer(comp, rowCover+s.cover[r2])
	}
	rowOK := r1 >= 0 && rowCover >= tune.minRowCover
	if rowOK && r2 >= 0 && s.cover[r2] >= tune.secondRow && rowCover+s.cover[r2] >= tune.minRowCover+tune.secondRow &&
		!(faq == tierSure && faqCover > rowCover) {
		// "what does each own, and where do they come from?": two rows
		// asked at once; the whole comparison answers both. An entry
		// sure of itself and holding more of the question answers
		// instead ("what kind of CTO does well in the AI era?").
		return b.comparisonAnswer(comp, rowCover)
	}
	// A row wins over a FAQ entry that covers the words as well when the
	// message names both roles, or reads more like the row's keywords.
	rowWins := rowOK && (faq == tierNone || rowCover > faqCover ||
		(asksPair && rowCover >= 0.9*faqCover) || (s.ex[r1] > s.ex[f1] && rowCover >= 0.8*faqCover))
	switch {
	case rowWins:
		d := ix.docs[r1]
		c := b.Comparisons[d.comp]
		return Answer{Kind: AnswerRow, Comparison: c, Row: &c.Rows[d.row], Score: rowCover, Suggestions: ix.compRel[d.comp]}
	case comp >= 0 && asksPair && faq != tierSure && (faq == tierNone || contentShare < tune.pairShare) && s.offTopic < tune.pairOffTopic:
		// Naming both roles asks for the comparison, unless much of the
		// question is about something the knowledge lacks ("how did the
		// Airbnb founders divide the CEO and CTO jobs?").
		return b.comparisonAnswer(comp, contentShare)
	case faq == tierNone:
		return Answer{Score: faqCover, Suggestions: ix.suggest(s)}
	}
	return b.faqAnswer(s, top, faq)
}

// evidenceOf gathers the evidence about the best FAQ document, top[0].
func (ix *index) evidenceOf(s *scratch, top [3]int) evidence {
	f1 := top[0]
	margin := 1.0
	if top[1] >= 0 && s.scores[f1] > 0 {
		margin = (s.scores[f1] - s.scores[top[1]]) / s.scores[f1]
	}
	return evidence{cover: max(s.cover[f1], s.clauseCover(f1)), example: s.ex[f1], margin: margin,
		hits: int(s.hits[f1]), unknown: s.unknown, context: s.context, offTopic: s.offTopic}
}

// faqAnswer answers with the best FAQ document, top[0], at tier t: the
// help for a question about the advisor, an honest decline for a known
// gap, else the entry, with the runners-up when it is only likely.
func (b *Base) faqAnswer(s *scratch, top [3]int, t tier) Answer {
	ix := b.index
	f1 := top[0]
	e, cover := ix.docs[f1].entry, s.cover[f1]
	if g := top[1]; g >= 0 && ix.docs[g].entry.Gap && !e.Gap && s.scores[g] >= tune.gapTie*s.scores[f1] && s.ex[g] > s.ex[f1] {
		// "who is Google's CTO?": a known gap all but tied with an
		// answer, and phrased more like the question, is the safer reading.
		f1, e, cover = g, ix.docs[g].entry, s.cover[g]
	}
	if !e.Gap && !e.Help && ix.unmet(s, f1) {
		g := top[1]
		if g < 0 || ix.docs[g].entry.Gap || ix.docs[g].entry.Help || s.scores[g] < tune.typeTie*s.scores[f1] || ix.unmet(s, g) {
			// "is Matt Watson married?"
			return Answer{Score: cover, Suggestions: ix.suggest(s)}
		}
		// "who is the CEO of Full Scale?": the company's entry names
		// nobody, the all but tied one on its author does.
		f1, e, cover = g, ix.docs[g].entry, s.cover[g]
	}
	if !e.Gap && !e.Help && (ix.countUnmet(s, f1) || ix.shareUnmet(s, f1) || ix.amountUnmet(s, f1)) {
		// "how many engineers does Full Scale have?", "what percentage of
		// developers distrust AI code?": the gap that says which details
		// the knowledge lacks, if any.
		return ix.bestGap(s)
	}
	switch {
	case e.Help && cover >= tune.helpCover:
		return Answer{Kind: AnswerGreeting, Score: cover}
	case e.Help:
		// "my React app crashes, can you help?": asking for help with
		// something else.
		return Answer{Score: cover, Suggestions: ix.suggest(s)}
	case e.Gap:
		return Answer{Kind: AnswerGap, Entry: e, Score: cover, Suggestions: ix.related[f1]}
	}
	ans := Answer{Kind: AnswerFAQ, Entry: e, Score: cover, Suggestions: ix.related[f1], Likely: t == tierLikely}
	if ans.Likely {
		for _, d := range top[1:] {
			if d >= 0 && !ix.docs[d].entry.Gap && !ix.docs[d].entry.Help && s.cover[d] >= cover/2 {
				ans.Alternatives = append(ans.Alternatives, ix.docs[d].entry)
			}
		}
	}
	return ans
}

// unmet reports whether document d, however well it scores, does not
// answer the question: it lacks the kind of thing asked for (a year, a
// name, a number), or the detail asked about the person or company it
// names, or it shares only a word the question uses in passing.
func (ix *index) unmet(s *scratch, d int) bool {
	return ix.unknownDetailOf(s, d) || s.typeUnmet(ix.holdings[d], ix.docs[d].entry) || ix.incidental(s, d)
}

func (b *Base) comparisonAnswer(comp int, score float64) Answer {
	return Answer{Kind: AnswerComparison, Comparison: b.Comparisons[comp], Score: score, Suggestions: b.index.compRel[comp]}
}

// gapHolds reports whether a known gap that scores holds term.
func (ix *index) gapHolds(s *scratch, term int32) bool {
	return ix.gapHolding(s, term).Kind == AnswerGap
}

// bestGap answers with the known gap that scores best, or declines with
// the closest entries when no gap scores at all.
func (ix *index) bestGap(s *scratch) Answer {
	return ix.gapHolding(s, termUnknown)
}

// gapAnswer answers with the known gap d, sure of it.
func (ix *index) gapAnswer(d int) Answer {
	return Answer{Kind: AnswerGap, Entry: ix.docs[d].entry, Score: 1, Suggestions: ix.related[d]}
}

// gapHolding answers with the best-scoring known gap that holds term (any
// gap for termUnknown), or declines with the closest entries.
func (ix *index) gapHolding(s *scratch, term int32) Answer {
	best := -1
	for _, d32 := range s.touched {
		d := int(d32)
		if term >= 0 && !ix.holds(d, term) {
			continue
		}
		if ix.docs[d].kind == docFAQ && ix.docs[d].entry.Gap && s.scores[d] > 0 && (best < 0 || s.scores[d] > s.scores[best]) {
			best = d
		}
	}
	if best < 0 {
		return Answer{Suggestions: ix.suggest(s)}
	}
	return Answer{Kind: AnswerGap, Entry: ix.docs[best].entry, Score: s.cover[best], Suggestions: ix.related[best]}
}

// suggest returns up to three FAQ entries with the highest scores.
func (ix *index) suggest(s *scratch) []*Entry {
	var top [maxSuggestion]int
	n := 0
	for _, d32 := range s.touched {
		d := int(d32)
		sc := s.scores[d]
		if sc <= 0 || ix.docs[d].kind != docFAQ || ix.docs[d].entry.Gap || ix.docs[d].entry.Help {
			continue
		}
		i := n
		if n < maxSuggestion {
			n++
		} else if sc <= s.scores[top[n-1]] {
			continue
		} else {
			i = n - 1
		}
		for i > 0 && s.scores[top[i-1]] < sc {
			top[i] = top[i-1]
			i--
		}
		top[i] = d
	}
	if n == 0 {
		return nil
	}
	out := make([]*Entry, n)
	for i := range n {
		out[i] = ix.docs[top[i]].entry
	}
	return out
}
