package knowledge

import "sort"

// link builds the id maps; it runs after validation, so ids are unique.
func (b *Base) link() {
	b.byFAQ = make(map[string]*Entry, len(b.FAQ))
	for _, e := range b.FAQ {
		b.byFAQ[e.ID] = e
	}
	b.byTip = make(map[string]*Tip, len(b.Tips))
	for _, t := range b.Tips {
		b.byTip[t.ID] = t
	}
	b.byAssessment = make(map[string]*Assessment, len(b.Assessments))
	for _, a := range b.Assessments {
		b.byAssessment[a.ID] = a
	}
	b.byComparison = make(map[string]*Comparison, len(b.Comparisons))
	for _, c := range b.Comparisons {
		b.byComparison[c.ID] = c
	}
	b.byPair = make(map[string]*Pair, len(b.Pairs))
	for _, p := range b.Pairs {
		b.byPair[p.ID] = p
	}
}

// Entry returns the FAQ entry with the given id.
func (b *Base) Entry(id string) (*Entry, bool) {
	e, ok := b.byFAQ[id]
	return e, ok
}

// Tip returns the tip with the given id.
func (b *Base) Tip(id string) (*Tip, bool) {
	t, ok := b.byTip[id]
	return t, ok
}

// AssessmentByID returns the assessment with the given id.
func (b *Base) AssessmentByID(id string) (*Assessment, bool) {
	a, ok := b.byAssessment[id]
	return a, ok
}

// PairByID returns the paired assessment with the given id.
func (b *Base) PairByID(id string) (*Pair, bool) {
	p, ok := b.byPair[id]
	return p, ok
}

// ComparisonByID returns the comparison with the given id.
func (b *Base) ComparisonByID(id string) (*Comparison, bool) {
	c, ok := b.byComparison[id]
	return c, ok
}

// DefaultComparison is the first comparison loaded, shown when a user asks
// to "compare" without naming roles; nil if there are none.
func (b *Base) DefaultComparison() *Comparison {
	if len(b.Comparisons) == 0 {
		return nil
	}
	return b.Comparisons[0]
}

// RelatedEntries resolves an entry's related ids, in order. The returned
// slice is shared: do not modify it.
func (b *Base) RelatedEntries(e *Entry) []*Entry {
	if b.index != nil {
		if i, ok := b.index.entryPos[e]; ok {
			return b.index.related[i]
		}
	}
	return b.resolve(e.Related)
}

func (b *Base) resolve(ids []string) []*Entry {
	var out []*Entry
	for _, id := range ids {
		if e, ok := b.byFAQ[id]; ok {
			out = append(out, e)
		}
	}
	return out
}

// TipsFor returns the tips whose audience includes audience, in file
// order; an empty audience returns every tip.
func (b *Base) TipsFor(audience string) []*Tip {
	var out []*Tip
	for _, t := range b.Tips {
		if audience == "" {
			out = append(out, t)
			continue
		}
		for _, a := range t.Audience {
			if a == audience {
				out = append(out, t)
				break
			}
		}
	}
	return out
}

// Topics lists the distinct tip topics, sorted.
func (b *Base) Topics() []string {
	seen := map[string]bool{}
	var out []string
	for _, t := range b.Tips {
		if !seen[t.Topic] {
			seen[t.Topic] = true
			out = append(out, t.Topic)
		}
	}
	sort.Strings(out)
	return out
}
