package knowledge

import "slices"

// Negation: "great at selling, zero product sense" and "great at product,
// can't sell" share their words and mean the opposite. A word in the
// scope of a negator adds a second term, its negated form, to the
// message and to the documents alike, so a document that says the same
// thing the same way round holds it and the other does not.

// negators open a negation's scope.
var negators = []string{
	"no", "not", "never", "zero", "without", "cant", "cannot", "dont", "doesnt", "didnt", "isnt", "arent",
	"wasnt", "werent", "wont", "wouldnt", "couldnt", "shouldnt", "neither", "nor", "lack", "lacks",
	"lacking", "lacked", "none", "hardly", "barely", "nobody", "noone", "nothing",
}

// negScope is how many words after a negator, or a word that sets aside,
// its scope reaches, not counting the small words in between ("doesn't
// really care about the product").
const negScope = 2

// negPass are the small words a negation's scope reaches over.
var negPass = map[string]bool{
	"a": true, "an": true, "the": true, "any": true, "about": true, "for": true, "of": true, "to": true,
	"at": true, "on": true, "in": true, "my": true, "our": true, "his": true, "her": true, "their": true,
	"your": true, "its": true, "really": true, "even": true, "very": true, "much": true, "have": true,
	"has": true, "had": true, "get": true, "got": true, "be": true, "been": true, "do": true, "does": true,
	"real": true, "single": true, "enough": true, "one": true,
}

// negEnd are the words that close a negation's scope ("no product sense
// but sells well").
var negEnd = map[string]bool{
	"but": true, "and": true, "or": true, "so": true, "yet": true, "because": true, "though": true,
	"while": true, "although": true, "whereas": true,
}

// setAsideWeight is what a word set aside counts, times its segment's
// weight: "besides selling, what else does a CEO do?" asks about
// everything but selling. The words that set aside are "besides" and its
// synonyms (wordSynonyms, phraseSynonyms).
const setAsideWeight = 0.15

// negatedAs are negated terms with a word of their own: "no technical
// cofounder" is the non-technical founder the knowledge speaks of.
var negatedAs = map[string]string{"technic": "nontechnical"}

// scope tracks how far a negator or a word that sets aside reaches over
// the words after it.
type scope struct{ left int }

// open starts a scope after the current word.
func (n *scope) open() { n.left = negScope }

// see moves the scope over word w and reports whether w is in it.
func (n *scope) see(w []byte) bool {
	switch {
	case n.left == 0:
		return false
	case negEnd[string(w)]:
		n.left = 0
		return false
	case negPass[string(w)]:
		return false
	}
	n.left--
	return true
}

// negate appends the negated form of each term in s.out[from:]. While
// learning, the form joins the vocabulary; otherwise a form no document
// holds is left out: it would only weigh against every answer.
func (a *analyzer) negate(s *scratch, from int, learn bool) {
	for i, end := from, len(s.out); i < end; i++ {
		t := s.out[i].term
		if t < 0 {
			continue
		}
		if id, ok := a.neg[t]; ok {
			s.out = append(s.out, token{term: id})
			continue
		}
		if !learn {
			continue
		}
		form := "¬" + a.terms[t]
		if as, ok := negatedAs[a.terms[t]]; ok {
			form = a.stemString(as)
		}
		id := a.intern(form)
		a.neg[t] = id
		s.out = append(s.out, token{term: id})
	}
}

// contrastOnly reports whether the negator at word i denies nothing in a
// question: "why shouldn't…" asks whether, and "the CEO owns the vision,
// and not the CTO" names the other seat, not a company without a CTO
// ("a closer, but not a product person" does deny).
func (a *analyzer) contrastOnly(s *scratch, i int) bool {
	before := string(s.word(i - 1))
	if before == "why" {
		return true
	}
	if string(s.word(i)) != "not" || before != "and" && before != "but" && before != "or" {
		return false
	}
	for j := i + 1; j < len(s.spans) && j <= i+2; j++ {
		w := string(s.word(j))
		if w == "the" || w == "a" || w == "an" || w == "our" || w == "my" {
			continue
		}
		info, ok := a.words[w]
		return ok && slices.Contains(a.roles, info.term)
	}
	return false
}
