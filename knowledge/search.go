package knowledge

import "math"

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
}

// tuning holds the confidence thresholds, calibrated on testdata/eval.yaml.
// Coverage is the share of the question's meaning (IDF-weighted words) a
// hit contains.
type tuning struct {
	conf        [6]float64 // the confidence model: bias, cover, example, margin, hits, unknown
	sure        float64    // confidence at which an answer is given plainly
	likely      float64    // confidence at which it is given as "Reading this as…"
	minRowCover float64    // share of the non-role words a row must contain
	secondRow   float64    // a second row this well covered asks for the whole comparison
	pairShare   float64    // below this share of other words, naming both roles asks for the comparison
	unknown     float64    // weight of an unknown English word, as a share of the rarest word's
	offTopic    float64    // weight of an unknown thing, place or name, likewise
	gamma       float64    // ranking is BM25 x coverage^gamma x (0.1+example)^exRank
	exRank      float64
	roleFocus   float64 // how much naming one role favours documents about it

	// Built into the index: BM25's k1 and b, and the weight of a word by
	// the field it stands in.
	k1, b float64
	field [numFields]float64
}

var tune = tuning{
	conf:        [6]float64{-2.251, 1.841, 1.815, -0.202, 2.199, -2.389},
	sure:        0.7,
	likely:      0.5,
	minRowCover: 0.60,
	secondRow:   0.3,
	pairShare:   0.5,
	unknown:     0.5,
	offTopic:    1.5,
	gamma:       1,
	exRank:      0.5,
	roleFocus:   1,
	k1:          2,
	b:           1,
	field:       [numFields]float64{fieldQuestion: 1.5, fieldTag: 2, fieldShort: 0.5, fieldLong: 0.25, fieldKeyword: 3, fieldSituation: 1},
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
	s := ix.pool.Get().(*scratch)
	defer ix.pool.Put(s)
	r := ix.rank(s, query)
	switch {
	case s.greet > 0 && s.other == 0:
		return Answer{Kind: AnswerGreeting, Score: 1}
	case r.comp >= 0 && r.content == 0 && s.signal:
		return b.comparisonAnswer(r.comp, 1)
	case r.total == 0:
		return Answer{}
	case s.foreignAsk:
		// "what does a CFO do?": however much else it shares with an
		// entry, the question is about a seat the knowledge doesn't cover.
		return Answer{Suggestions: ix.suggest(s)}
	}
	ans := b.decide(s, r.comp, r.nRoles, r.content/r.total)
	if ans.Kind == AnswerFAQ && len(ans.Entry.Figures) > 0 {
		ans.Figures = readFigures(query)
	}
	return ans
}

// ranking is what rank found out about a message.
type ranking struct {
	comp, nRoles, side int     // see namedComparison
	total, content     float64 // the message's weight, and that of its words that tell documents apart
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
		if !ix.rowNeutral(r.comp, t.term) {
			r.content += w
		}
	}
	if r.total == 0 || (r.comp >= 0 && r.content == 0 && s.signal) {
		return r
	}
	ix.score(s, r.comp, r.total, r.content)
	ix.focusOn(s, r.comp, r.side)
	s.unknown = 0
	for _, t := range s.out {
		if (t.term == termUnknown || t.term == termOffTopic) && t.w == 1 {
			s.unknown += ix.weight(t.term) / r.total
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

// tier is how sure the best FAQ document is.
type tier int

const (
	tierNone tier = iota
	tierLikely
	tierSure
)

// evidence is what decides how sure the best FAQ document is.
type evidence struct {
	cover   float64 // share of the message's weight it holds
	example float64 // cosine of the message with its closest question or alternate
	margin  float64 // its relative lead over the runner-up's score
	hits    int     // how many of the question's own words it holds
	unknown float64 // share of the message's weight in words no document holds
}

// confidence is the probability that the document answers the message: a
// logistic model over the evidence, fitted on question sets written by
// people who had not seen the knowledge (see TestFitConfidence).
func (ev evidence) confidence() float64 {
	c := tune.conf
	z := c[0] + c[1]*ev.cover + c[2]*ev.example + c[3]*ev.margin + c[4]*float64(min(ev.hits, 4))/4 + c[5]*ev.unknown
	return 1 / (1 + math.Exp(-z))
}

// tierOf grades the best FAQ document by its confidence.
func tierOf(ev evidence) tier {
	switch p := ev.confidence(); {
	case p >= tune.sure:
		return tierSure
	case p >= tune.likely:
		return tierLikely
	}
	return tierNone
}

// decide picks the answer from the scored documents: a row of comparison
// comp, a FAQ entry (sure or likely), a known gap, the whole comparison, or
// nothing. roleShare is the share of the message's weight that is not
// role or comparison words.
func (b *Base) decide(s *scratch, comp, nRoles int, contentShare float64) Answer {
	ix := b.index
	asksPair := nRoles == 2 || (nRoles == 1 && s.signal)
	top, r1, r2 := ix.best(s, comp, nRoles > 0 || s.signal)
	f1 := top[0]
	faqCover, rowCover := 0.0, 0.0
	if f1 >= 0 {
		faqCover = s.cover[f1]
	}
	if r1 >= 0 {
		rowCover = s.cover[r1]
	}
	margin := 1.0
	if f1 >= 0 && top[1] >= 0 && s.scores[f1] > 0 {
		margin = (s.scores[f1] - s.scores[top[1]]) / s.scores[f1]
	}
	faq := tierNone
	if f1 >= 0 {
		faq = tierOf(evidence{cover: max(faqCover, s.clauseCover(f1)), example: s.ex[f1], margin: margin, hits: int(s.hits[f1]), unknown: s.unknown})
	}
	rowOK := r1 >= 0 && rowCover >= tune.minRowCover
	if rowOK && r2 >= 0 && s.cover[r2] >= tune.secondRow && rowCover+s.cover[r2] >= tune.minRowCover+tune.secondRow {
		// "what does each own, and where do they come from?": two rows
		// asked at once; the whole comparison answers both.
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
	case comp >= 0 && asksPair && faq != tierSure && (faq == tierNone || contentShare < tune.pairShare):
		return b.comparisonAnswer(comp, contentShare)
	case faq == tierNone:
		return Answer{Score: faqCover, Suggestions: ix.suggest(s)}
	}
	e := ix.docs[f1].entry
	if e.Help {
		return Answer{Kind: AnswerGreeting, Score: faqCover}
	}
	if e.Gap {
		return Answer{Kind: AnswerGap, Entry: e, Score: faqCover, Suggestions: ix.related[f1]}
	}
	ans := Answer{Kind: AnswerFAQ, Entry: e, Score: faqCover, Suggestions: ix.related[f1], Likely: faq == tierLikely}
	if ans.Likely {
		for _, d := range top[1:] {
			if d >= 0 && !ix.docs[d].entry.Gap && !ix.docs[d].entry.Help && s.cover[d] >= faqCover/2 {
				ans.Alternatives = append(ans.Alternatives, ix.docs[d].entry)
			}
		}
	}
	return ans
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

func (b *Base) comparisonAnswer(comp int, score float64) Answer {
	return Answer{Kind: AnswerComparison, Comparison: b.Comparisons[comp], Score: score, Suggestions: b.index.compRel[comp]}
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
	return term == r.left || term == r.right || term == ix.vsTerm
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

// Context is evidence, not the question: its words count this much.
const contextWeight = 0.4

// unknownContextWeight is what a word the knowledge base has never seen
// counts in the context: names, places and jargon of the asker's story say
// little about what is asked.
const unknownContextWeight = 0.15

// minCoverIDF is how rare a word must be to count towards coverage: a
// word in most documents covers them all and tells none apart.
const minCoverIDF = 0.4

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
	askTerms, clause := 0, uint8(0)
	for _, sg := range s.segs {
		w := float32(contextWeight)
		if sg.ask {
			w = 1
		}
		n := len(s.out)
		if sg.ask && clause < maxClauses {
			// Each clause of the question is scored on its own too:
			// "can I hand over the vision, and focus on fundraising?"
			// is answered by the entry that answers one clause well.
			for _, c := range splitClauses(s.clauses[:0], sg.text) {
				m := len(s.out)
				ix.an.analyzeMore(s, c, false, ix.df, w)
				if clause < maxClauses {
					clause++
				}
				for i := m; i < len(s.out); i++ {
					s.out[i].clause = clause
				}
			}
		} else {
			ix.an.analyzeMore(s, sg.text, false, ix.df, w)
		}
		for i := n; i < len(s.out); i++ {
			t := &s.out[i]
			switch {
			case !sg.ask && (t.term == termUnknown || t.term == termOffTopic):
				t.w = unknownContextWeight
			case sg.ask && t.term == termForeign:
				s.foreignAsk = true
			case sg.ask && t.term >= 0 && t.term != ix.vsTerm && !ix.isRole(t.term) && ix.idf[t.term] >= minAskIDF:
				askTerms++
			}
		}
	}
	if askTerms < minAskTerms {
		for i := range s.out {
			if s.out[i].term >= 0 || s.out[i].term == termForeign {
				s.out[i].w = 1
			}
			s.out[i].clause = 0 // the message is the question: no clause stands alone
		}
	}
	s.out = dedupe(s.out)
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
					out[i].w = max(out[i].w, t.w)
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
	if tune.gamma == 0 {
		return
	}
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
			s.scores[d] *= math.Pow(0.1+s.ex[d], tune.exRank)
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
