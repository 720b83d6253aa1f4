package knowledge

import (
	"math"
	"sync"
)

// BM25 parameters.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// Field weights: how much a word counts depending on where it appears.
const (
	weightQuestion = 3.0 // question and alternates
	weightTags     = 2.0
	weightShort    = 1.0
	weightLong     = 0.5
	weightKeywords = 3.0 // comparison row keywords, dimension and id
	coverShort     = 0.6
	coverLong      = 0.4
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
	an       *analyzer
	docs     []doc
	postings [][]posting // by term id
	idf      []float64   // by term id
	df       []int32     // by term id
	unkIDF   float64     // weight of a word no document holds
	vsTerm   int32       // the term "vs", which asks for a comparison
	roles    []roleTerms // by comparison index
	related  [][]*Entry  // by FAQ index: resolved Related
	compRel  [][]*Entry  // by comparison index: resolved Related
	entryPos map[*Entry]int
	pool     sync.Pool
}

// field is one weighted piece of a document's text.
type field struct {
	text   string
	weight float64
}

// coverage is how much a word found in a field of the given weight counts
// towards "the document is about this word": fully in the question, tags
// and row keywords, less in the answer text, which mentions many things.
func coverage(weight float64) float32 {
	switch {
	case weight >= weightTags:
		return 1
	case weight >= weightShort:
		return coverShort
	}
	return coverLong
}

func buildIndex(b *Base) *index {
	ix := &index{an: newAnalyzer(), entryPos: map[*Entry]int{}}
	s := newScratch()
	var docTF []map[int32]float64
	var docCover []map[int32]float32
	var docLen []float64
	add := func(d doc, fields []field) {
		tf := map[int32]float64{}
		cv := map[int32]float32{}
		dl := 0.0
		for _, f := range fields {
			ix.an.analyze(s, f.text, true, nil)
			for _, t := range s.out {
				tf[t.term] += f.weight
				cv[t.term] = max(cv[t.term], coverage(f.weight))
				dl += f.weight
			}
		}
		ix.docs = append(ix.docs, d)
		docTF = append(docTF, tf)
		docCover = append(docCover, cv)
		docLen = append(docLen, dl)
	}
	for i, e := range b.FAQ {
		ix.entryPos[e] = i
		fields := []field{{e.Question, weightQuestion}}
		for _, alt := range e.Alternates {
			fields = append(fields, field{alt, weightQuestion})
		}
		for _, tag := range e.Tags {
			fields = append(fields, field{tag, weightTags})
		}
		fields = append(fields, field{e.Short, weightShort}, field{e.Long, weightLong})
		add(doc{kind: docFAQ, entry: e}, fields)
		ix.related = append(ix.related, b.resolve(e.Related))
	}
	for ci, c := range b.Comparisons {
		ix.roles = append(ix.roles, roleTerms{ix.roleTerm(s, c.Left), ix.roleTerm(s, c.Right)})
		ix.compRel = append(ix.compRel, b.resolve(c.Related))
		for ri, r := range c.Rows {
			fields := []field{{r.Dimension, weightKeywords}, {spaced(r.ID), weightKeywords}}
			for _, k := range r.Keywords {
				fields = append(fields, field{k, weightKeywords})
			}
			add(doc{kind: docRow, comp: ci, row: ri}, fields)
		}
	}
	ix.vsTerm = ix.an.words["vs"].term
	ix.an.buildTypo()
	ix.weigh(docTF, docCover, docLen)
	ix.pool.New = func() any {
		sc := newScratch()
		sc.scores = make([]float64, len(ix.docs))
		sc.cover = make([]float64, len(ix.docs))
		return sc
	}
	return ix
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
	ix.unkIDF = bm25IDF(n, 0.5)
	for d, tf := range docTF {
		norm := bm25K1 * (1 - bm25B + bm25B*docLen[d]/avg)
		for t, f := range tf {
			w := ix.idf[t] * f * (bm25K1 + 1) / (f + norm)
			ix.postings[t] = append(ix.postings[t], posting{int32(d), float32(w), docCover[d][t]})
		}
	}
}

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
