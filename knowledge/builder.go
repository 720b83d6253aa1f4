package knowledge

import "slices"

// builder collects each document's terms while an index is built.
type builder struct {
	ix       *index
	s        *scratch
	tf       []map[int32]float64 // by document: term frequencies, weighted by field
	cover    []map[int32]float32 // by document: how strongly each term counts as covered
	length   []float64           // by document: weighted length
	examples [][]int32           // by example (question, alternate, situation, row keyword): its distinct terms
}

// add learns a document's words, field by field.
func (bd *builder) add(d doc, fields []field) {
	tf := map[int32]float64{}
	cv := map[int32]float32{}
	dl := 0.0
	bd.ix.exStart = append(bd.ix.exStart, int32(len(bd.examples)))
	var answer []int32
	for i, f := range fields {
		bd.ix.an.analyze(bd.s, f.text, true, nil)
		var ex []int32
		for _, t := range bd.s.out {
			if t.term < 0 {
				continue // a foreign role: never a term
			}
			if f.kind.answer(i) {
				answer = append(answer, t.term)
			}
			w := tune.field[f.kind]
			tf[t.term] += w
			cv[t.term] = max(cv[t.term], coverage(f.kind))
			dl += w
			if f.kind.example() && !slices.Contains(ex, t.term) {
				ex = append(ex, t.term)
			}
		}
		if len(ex) > 0 {
			bd.examples = append(bd.examples, ex)
			bd.ix.exDoc = append(bd.ix.exDoc, int32(len(bd.ix.docs)))
			bd.ix.exSituation = append(bd.ix.exSituation, f.kind == fieldSituation)
		}
	}
	slices.Sort(answer)
	bd.ix.ansTerms = append(bd.ix.ansTerms, slices.Compact(answer))
	bd.ix.docs = append(bd.ix.docs, d)
	bd.tf = append(bd.tf, tf)
	bd.cover = append(bd.cover, cv)
	bd.length = append(bd.length, dl)
}

// example reports whether a field is one phrasing of what the document
// answers, compared whole with a message.
func (k fieldKind) example() bool {
	return k == fieldQuestion || k == fieldKeyword || k == fieldSituation
}

// answer reports whether a field, the i-th of its document, is what a FAQ
// entry says rather than one way of asking it: its question (the first
// field), answer and tags (see incidental).
func (k fieldKind) answer(i int) bool {
	return (i == 0 && k == fieldQuestion) || k == fieldShort || k == fieldLong || k == fieldTag
}

// faqFields are a FAQ entry's searchable texts.
func faqFields(e *Entry) []field {
	fields := []field{{e.Question, fieldQuestion}}
	for _, alt := range e.Alternates {
		fields = append(fields, field{alt, fieldQuestion})
	}
	for _, tag := range e.Tags {
		fields = append(fields, field{tag, fieldTag})
	}
	for _, sit := range e.Situations {
		fields = append(fields, field{sit, fieldSituation})
	}
	return append(fields, field{e.Short, fieldShort}, field{e.Long, fieldLong})
}

// rowFields are a comparison row's searchable texts.
func rowFields(r Row) []field {
	fields := []field{{r.Dimension, fieldKeyword}, {spaced(r.ID), fieldKeyword}}
	for _, k := range r.Keywords {
		fields = append(fields, field{k, fieldKeyword})
	}
	return fields
}
