package knowledge

import (
	"math"
	"slices"
	"sync"
)

// fieldKind says where in a document a word stands, which decides how
// much it counts (tune.field) and how strongly its presence says the
// document is about it (coverage).
type fieldKind uint8

const (
	fieldQuestion fieldKind = iota // the question and its alternates
	fieldTag
	fieldShort
	fieldLong
	fieldKeyword   // a comparison row's dimension, id and keywords
	fieldSituation // what people describe before asking
	numFields
)

type docKind uint8

const (
	docFAQ docKind = iota
	docRow
)

// doc is one searchable unit: a FAQ entry or a comparison row.
type doc struct {
	kind  docKind
	entry *Entry
	comp  int // comparison index, for rows
	row   int // row index, for rows
}

// posting is a document holding a term and the term's precomputed BM25
// weight in that document.
type posting struct {
	doc int32
	w   float32 // BM25 weight
	c   float32 // how strongly the term's presence counts as coverage
}

// roleTerms are the term ids naming each side of a comparison.
type roleTerms struct{ left, right int32 }

// index is everything Search needs, computed once at Load.
type index struct {
	an        *analyzer
	docs      []doc
	postings  [][]posting // by term id
	idf       []float64   // by term id
	df        []int32     // by term id
	unkIDF    float64     // weight of a word no document holds
	vsTerm    int32       // the term "vs", which asks for a comparison
	costTerm  int32       // the term "cost": what something costs
	payTerm   int32       // the term "pay": what someone earns
	curTerm   int32       // the term "currency": money other than dollars
	playTerm  int32       // the term "roleplay": asking the advisor to play someone
	toolGap   int         // the known gap on picking tools, the answer to a choice it can't make; -1 for none
	legalGap  int         // the known gap on legal questions, the answer to whether something is legal; -1 for none
	peopleGap int         // the known gap on particular people, the answer about another company's executive; -1 for none
	legalTerm int32       // the term "legal": whether something is lawful
	holdings  []holdings  // by document: what a FAQ entry's answer holds (see typeUnmet)
	layout    []int32     // terms that ask how to show it ("table", "chart"), neutral beside the roles
	names     []int32     // sorted: terms the documents write as names ("Watson", "Stackify")
	judging   []int32     // terms that ask for a verdict, not a topic ("what goes wrong?", "sound ok?")
	roles     []roleTerms // by comparison index
	related   [][]*Entry  // by FAQ index: resolved Related
	compRel   [][]*Entry  // by comparison index: resolved Related
	entryPos  map[*Entry]int
	pool      sync.Pool

	// Examples: each question and alternate on its own, so a message that
	// reads like one known phrasing is recognised as such.
	exDoc         []int32   // by example: its document
	exSituation   []bool    // by example: a situation (a story), not a phrasing of the question
	exLen         []uint8   // by example: how many words it holds that tell documents apart (neither roles nor common)
	exStart       []int32   // by document: its first example; its last is before the next document's first (one more entry ends the last)
	ansTerms      [][]int32 // by document: the terms of a FAQ entry's question, answer and tags, sorted (see incidental)
	exNorm        []float64 // by example: the length of its IDF vector
	exContentNorm []float64 // the same without role and comparison words

	// focus is, by comparison and document, the share of the document's
	// examples that name only the left role and only the right one: "what
	// does a CTO do?" is about the CTO, whatever else it shares.
	focus  [][][2]float32
	exPost [][]int32 // by term: the examples holding it
}

// field is one piece of a document's text.
type field struct {
	text string
	kind fieldKind
}

// coverage is how much a word found in a field counts towards "the
// document is about this word": fully in the question, tags and row
// keywords, less in the answer text, which mentions many things.
func coverage(k fieldKind) float32 {
	switch k {
	case fieldShort:
		return 0.6
	case fieldLong:
		return 0.4
	case fieldSituation:
		return float32(tune.situationCover)
	}
	return 1
}

func buildIndex(b *Base) *index {
	ix := &index{an: newAnalyzer(), entryPos: map[*Entry]int{}}
	bd := &builder{ix: ix, s: newScratch()}
	for i, e := range b.FAQ {
		ix.entryPos[e] = i
		bd.add(doc{kind: docFAQ, entry: e}, faqFields(e))
		ix.related = append(ix.related, b.resolve(e.Related))
	}
	for ci, c := range b.Comparisons {
		ix.roles = append(ix.roles, roleTerms{ix.roleTerm(bd.s, c.Left), ix.roleTerm(bd.s, c.Right)})
		ix.compRel = append(ix.compRel, b.resolve(c.Related))
		for ri, r := range c.Rows {
			bd.add(doc{kind: docRow, comp: ci, row: ri}, rowFields(r))
		}
	}
	ix.vsTerm = ix.an.words["vs"].term
	ix.holdings = make([]holdings, len(ix.docs))
	for d, doc := range ix.docs {
		if doc.kind == docFAQ {
			ix.holdings[d] = holdingsOf(doc.entry)
		}
	}
	ix.costTerm = ix.an.words["cost"].term
	ix.payTerm = ix.an.words["pay"].term
	ix.curTerm, ix.playTerm, ix.legalTerm = ix.an.wordTerm("currency"), ix.an.wordTerm("roleplay"), ix.an.wordTerm("legal")
	for _, w := range layoutWords {
		if t, ok := ix.an.vocab[ix.an.stemString(w)]; ok {
			ix.layout = append(ix.layout, t)
		}
	}
	for _, w := range judgingWords {
		if t, ok := ix.an.vocab[ix.an.stemString(w)]; ok && !slices.Contains(ix.judging, t) {
			ix.judging = append(ix.judging, t)
		}
	}
	ix.an.buildTypo()
	ix.toolGap, ix.legalGap, ix.peopleGap = ix.gapTagged("tool"), ix.gapTagged("legal"), ix.gapTagged("biography")
	ix.weigh(bd.tf, bd.cover, bd.length)
	ix.indexExamples(bd.examples)
	ix.focusRoles(bd.examples)
	ix.pool.New = func() any { return ix.newScratch() }
	return ix
}

// gapTagged returns the first known gap tagged tag, or -1.
func (ix *index) gapTagged(tag string) int {
	for d, doc := range ix.docs {
		if doc.kind == docFAQ && doc.entry.Gap && slices.Contains(doc.entry.Tags, tag) {
			return d
		}
	}
	return -1
}

// roleTerm learns a role's key, name and title and returns the key's term.
func (ix *index) roleTerm(s *scratch, r Role) int32 {
	for _, text := range []string{r.Name, r.Title} {
		ix.an.analyze(s, text, true, nil)
	}
	ix.an.analyze(s, r.Key, true, nil)
	if len(s.out) == 0 {
		return -1
	}
	ix.an.roles = append(ix.an.roles, s.out[0].term)
	return s.out[0].term
}

// weigh turns term frequencies into postings with BM25 weights.
func (ix *index) weigh(docTF []map[int32]float64, docCover []map[int32]float32, docLen []float64) {
	nTerms := len(ix.an.terms)
	ix.postings = make([][]posting, nTerms)
	ix.idf = make([]float64, nTerms)
	ix.df = make([]int32, nTerms)
	n := float64(len(ix.docs))
	avg := 0.0
	for _, l := range docLen {
		avg += l
	}
	if n > 0 {
		avg /= n
	}
	if avg == 0 {
		avg = 1
	}
	for _, tf := range docTF {
		for t := range tf {
			ix.df[t]++
		}
	}
	for t := range nTerms {
		ix.idf[t] = bm25IDF(n, float64(ix.df[t]))
	}
	ix.names = ix.an.names()
	for _, t := range ix.names {
		// A name says which company or person, not what about them: "Matt
		// Watson's net worth" is not answered by who he is.
		ix.idf[t] *= nameIDF
	}
	ix.unkIDF = bm25IDF(n, 0.5)
	for d, tf := range docTF {
		norm := tune.k1 * (1 - tune.b + tune.b*docLen[d]/avg)
		for t, f := range tf {
			w := ix.idf[t] * f * (tune.k1 + 1) / (f + norm)
			ix.postings[t] = append(ix.postings[t], posting{int32(d), float32(w), docCover[d][t]})
		}
	}
}

// nameIDF scales the weight of the names the documents use.
const nameIDF = 0.5

func bm25IDF(n, df float64) float64 {
	return math.Log(1 + (n-df+0.5)/(df+0.5))
}

// spaced turns an id like "team-size" into words.
func spaced(id string) string {
	out := []byte(id)
	for i, c := range out {
		if c == '-' {
			out[i] = ' '
		}
	}
	return string(out)
}

// newScratch is working memory for one search over this index.
func (ix *index) newScratch() *scratch {
	sc := newScratch()
	sc.scores = make([]float64, len(ix.docs))
	sc.cover = make([]float64, len(ix.docs))
	sc.hits = make([]uint8, len(ix.docs))
	sc.ex = make([]float64, len(ix.docs))
	sc.ccover = make([][maxClauses + 1]float32, len(ix.docs))
	sc.exDot = make([]float64, len(ix.exDoc))
	sc.exPart = make([]float64, len(ix.exDoc))
	sc.exCtx = make([]float64, len(ix.docs))
	sc.exAsk = make([]float64, len(ix.docs))
	return sc
}

// indexExamples computes the examples' postings and lengths, once the
// terms' IDF is known.
func (ix *index) indexExamples(examples [][]int32) {
	ix.exPost = make([][]int32, len(ix.an.terms))
	ix.exNorm = make([]float64, len(examples))
	ix.exLen = make([]uint8, len(examples))
	ix.exStart = append(ix.exStart, int32(len(examples))) // the end of the last document's
	ix.exContentNorm = make([]float64, len(examples))
	for e, terms := range examples {
		n, c := 0.0, 0.0
		for _, t := range terms {
			ix.exPost[t] = append(ix.exPost[t], int32(e))
			n += ix.idf[t] * ix.idf[t]
			if t != ix.vsTerm && !ix.isRole(t) && ix.idf[t] >= minCoverIDF {
				c += ix.idf[t] * ix.idf[t]
				ix.exLen[e] = min(ix.exLen[e]+1, 255)
			}
		}
		ix.exNorm[e] = math.Sqrt(n)
		ix.exContentNorm[e] = math.Sqrt(max(c, 1e-9))
	}
}

// focusRoles computes ix.focus from the examples.
func (ix *index) focusRoles(examples [][]int32) {
	ix.focus = make([][][2]float32, len(ix.roles))
	for ci, r := range ix.roles {
		f := make([][2]float32, len(ix.docs))
		n := make([]float32, len(ix.docs))
		for e, terms := range examples {
			d := ix.exDoc[e]
			n[d]++
			l, rr := slices.Contains(terms, r.left), slices.Contains(terms, r.right)
			switch {
			case l && !rr:
				f[d][0]++
			case rr && !l:
				f[d][1]++
			}
		}
		for d := range f {
			if n[d] > 0 {
				f[d][0] /= n[d]
				f[d][1] /= n[d]
			}
		}
		ix.focus[ci] = f
	}
}
