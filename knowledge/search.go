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
}

// tuning holds the confidence thresholds, calibrated on testdata/eval.yaml.
// Coverage is the share of the question's meaning (IDF-weighted words) a
// hit contains.
type tuning struct {
	minFAQCover float64 // below this the best entry misses too much of the question
	minRowCover float64 // share of the non-role words a row must contain
	minMargin   float64 // relative lead over the runner-up needed below sureCover
	sureCover   float64 // coverage at which the margin no longer matters
	unknown     float64 // weight of an unknown word, as a share of the rarest word's
	gamma       float64 // ranking is BM25 x coverage^gamma
}

var tune = tuning{
	minFAQCover: 0.30,
	minRowCover: 0.60,
	minMargin:   0.10,
	sureCover:   0.80,
	unknown:     1.0,
	gamma:       2,
}

const (
	maxSuggestion = 3
	foreignWeight = 3 // a foreign role outweighs the rest of a short question
)

// Search finds what answers a question. It never answers from weak
// evidence: when unsure it returns AnswerNone with the closest entries as
// suggestions, because a wrong answer costs more than "I don't know".
// It is safe for concurrent use. It is one long function on purpose: the
// decision (which comparison, how much is covered, which answer wins) reads
// top to bottom on the hot path, with no allocation between the steps.
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
	ix.an.analyze(s, query, false, ix.df)
	if s.greet > 0 && s.other == 0 {
		return Answer{Kind: AnswerGreeting, Score: 1}
	}
	s.out = dedupe(s.out)

	// Which comparison do the named roles point at?
	comp, nRoles := -1, 0
	for ci, r := range ix.roles {
		n := 0
		for _, t := range s.out {
			if t.term >= 0 && (t.term == r.left || t.term == r.right) {
				n++
			}
		}
		if n > nRoles {
			comp, nRoles = ci, n
		}
	}
	if comp < 0 && s.signal && len(ix.roles) > 0 {
		comp = 0
	}
	total, content := 0.0, 0.0
	for _, t := range s.out {
		w := ix.weight(t.term)
		total += w
		if !ix.rowNeutral(comp, t.term) {
			content += w
		}
	}
	if comp >= 0 && content == 0 && s.signal {
		return b.comparisonAnswer(comp, 1)
	}
	if total == 0 {
		return Answer{}
	}

	ix.score(s, comp, total)
	f1, f2, r1 := ix.best(s, comp, nRoles > 0 || s.signal)
	faqCover, rowCover := 0.0, 0.0
	if f1 >= 0 {
		faqCover = s.cover[f1]
	}
	if r1 >= 0 && content > 0 {
		rowCover = s.cover[r1] * total / content
	}
	margin := 1.0
	if f1 >= 0 && f2 >= 0 && s.scores[f1] > 0 {
		margin = (s.scores[f1] - s.scores[f2]) / s.scores[f1]
	}
	faqOK := f1 >= 0 && faqCover >= tune.minFAQCover && (faqCover >= tune.sureCover || margin >= tune.minMargin)
	rowOK := r1 >= 0 && rowCover >= tune.minRowCover

	switch {
	case rowOK && (!faqOK || nRoles == 2 || s.signal || rowCover > faqCover):
		d := ix.docs[r1]
		c := b.Comparisons[d.comp]
		return Answer{Kind: AnswerRow, Comparison: c, Row: &c.Rows[d.row], Score: rowCover, Suggestions: ix.compRel[d.comp]}
	case faqOK:
		e := ix.docs[f1].entry
		return Answer{Kind: AnswerFAQ, Entry: e, Score: faqCover, Suggestions: ix.related[f1]}
	case comp >= 0 && (nRoles == 2 || (nRoles == 1 && s.signal)):
		return b.comparisonAnswer(comp, content/total)
	}
	return Answer{Score: faqCover, Suggestions: ix.suggest(s)}
}

// weight is how much of a question's meaning a term carries.
func (ix *index) weight(term int32) float64 {
	switch term {
	case termUnknown:
		return ix.unkIDF * tune.unknown
	case termForeign:
		return ix.unkIDF * foreignWeight
	}
	return ix.idf[term]
}

func (b *Base) comparisonAnswer(comp int, score float64) Answer {
	return Answer{Kind: AnswerComparison, Comparison: b.Comparisons[comp], Score: score, Suggestions: b.index.compRel[comp]}
}

// rowNeutral reports whether term names a side of comparison comp or asks
// for a comparison: such words say a row is wanted, not which one.
func (ix *index) rowNeutral(comp int, term int32) bool {
	if comp < 0 || term < 0 {
		return false
	}
	r := ix.roles[comp]
	return term == r.left || term == r.right || term == ix.vsTerm
}

// dedupe drops repeated terms, keeping first occurrences in order.
func dedupe(ts []token) []token {
	out := ts[:0]
	for _, t := range ts {
		dup := false
		if t.term >= 0 {
			for _, u := range out {
				if u.term == t.term {
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
func (ix *index) score(s *scratch, comp int, total float64) {
	clear(s.scores)
	clear(s.cover)
	for _, t := range s.out {
		if t.term < 0 {
			continue
		}
		role := ix.rowNeutral(comp, t.term)
		idf := ix.idf[t.term] / total
		for _, p := range ix.postings[t.term] {
			if role && ix.docs[p.doc].kind == docRow {
				continue
			}
			s.scores[p.doc] += float64(p.w)
			s.cover[p.doc] += idf * float64(p.c)
		}
	}
	if tune.gamma == 0 {
		return
	}
	for d, c := range s.cover {
		if c > 0 {
			s.scores[d] *= math.Pow(c, tune.gamma)
		}
	}
}

// best returns the top two FAQ documents and, if rows are allowed, the top
// row of comparison comp (-1 where there is none).
func (ix *index) best(s *scratch, comp int, rows bool) (f1, f2, r1 int) {
	f1, f2, r1 = -1, -1, -1
	for d, sc := range s.scores {
		if sc <= 0 {
			continue
		}
		doc := &ix.docs[d]
		if doc.kind == docRow {
			if rows && doc.comp == comp && (r1 < 0 || sc > s.scores[r1]) {
				r1 = d
			}
			continue
		}
		switch {
		case f1 < 0 || sc > s.scores[f1]:
			f1, f2 = d, f1
		case f2 < 0 || sc > s.scores[f2]:
			f2 = d
		}
	}
	return f1, f2, r1
}

// suggest returns up to three FAQ entries with the highest scores.
func (ix *index) suggest(s *scratch) []*Entry {
	var top [maxSuggestion]int
	n := 0
	for d, sc := range s.scores {
		if sc <= 0 || ix.docs[d].kind != docFAQ {
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
