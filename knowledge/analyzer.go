package knowledge

import (
	"slices"
	"strings"
)

// Typo tolerance: a query word of at least minTypoLen letters that is not
// known is matched to a known word one edit away (Damerau-Levenshtein,
// adjacent transposition included).
const minTypoLen = 5

// minEditLen is the shortest word corrected by an insertion, deletion or
// substitution; shorter ones only by swapping two adjacent letters.
const minEditLen = 6

// swapped reports whether a and b (same length) differ by one swap of
// adjacent letters.
func swapped(a []byte, b string) bool {
	if len(a) != len(b) {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && string(a[i+2:]) == b[i+2:]
}

// wordInfo is what a known surface word means: its term id (-1 for none)
// and its class flags.
type wordInfo struct {
	term  int32
	class uint8
}

// phrase is a multi-word synonym; terms are its canonical term ids.
type phrase struct {
	words  []string
	terms  []int32
	person bool // it names a person in neither seat ("vp of engineering"): see personWords
}

// analyzer turns words into term ids. Everything it knows is computed at
// Load; at query time it only reads.
type analyzer struct {
	vocab     map[string]int32    // stemmed term -> id
	terms     []string            // id -> stemmed term
	words     map[string]wordInfo // known surface word -> meaning
	phrases   map[string][]phrase // first word -> phrases starting with it
	typo      []string            // words typos may be corrected to
	deletes   map[string][]int32  // typo word minus one letter -> typo index
	neg       map[int32]int32     // term -> its negated form, where a document holds one
	besides   int32               // the term of "besides", which sets aside what follows
	vs        int32               // the term of "vs", which asks for a comparison
	pairTerms [][3]int32          // termPairs: the two terms and the term they add
	seen      map[int32][2]int32  // while learning: term -> occurrences, and those capitalized like a name
	roles     []int32             // the terms of the comparisons' roles ("ceo", "cto")
}

func newAnalyzer() *analyzer {
	a := &analyzer{
		vocab:   map[string]int32{},
		words:   map[string]wordInfo{},
		phrases: map[string][]phrase{},
		deletes: map[string][]int32{},
		neg:     map[int32]int32{},
		seen:    map[int32][2]int32{},
	}
	for _, w := range stopWords {
		a.addClass(w, classStop)
	}
	for _, w := range greetWords {
		a.addClass(w, classGreet|classStop)
	}
	for _, w := range fillerWords {
		a.addClass(w, classFiller)
	}
	for _, w := range foreignRoles {
		a.addClass(w, classForeign)
	}
	for _, w := range chatNoise {
		a.addClass(w, classStop)
	}
	for _, w := range otherLanguageStop {
		if _, known := a.words[w]; !known && !isEnglishWord([]byte(w)) {
			a.addClass(w, classStop)
		}
	}
	for _, w := range negators {
		a.addClass(w, classNegate)
	}
	for _, w := range personWords {
		a.addClass(w, classPerson)
	}
	for _, w := range signalWords {
		if _, ranked := wordSynonyms[w]; ranked {
			a.addClass(w, classSignal)
		} else {
			a.addClass(w, classSignal|classStop)
		}
	}
	for _, p := range slices.Concat(phraseSynonyms, sourcePhrases) {
		words := strings.Fields(p.from)
		ph := phrase{words: words}
		for _, t := range strings.Fields(p.to) {
			ph.person = ph.person || a.words[t].class&classPerson != 0
			if a.words[t].class&classForeign != 0 {
				ph.terms = append(ph.terms, termForeign) // "chief product officer" is a CPO
				continue
			}
			if canon, ok := wordSynonyms[t]; ok {
				t = canon // "set aside" → "budget" is the cost the documents speak of
			}
			ph.terms = append(ph.terms, a.intern(a.stemString(t)))
		}
		a.phrases[words[0]] = append(a.phrases[words[0]], ph)
	}
	for w := range wordSynonyms {
		a.learn(w)
	}
	for w, en := range otherLanguageWords {
		a.learnAs(w, en)
	}
	a.besides = a.words["besides"].term
	a.vs = a.words["vs"].term
	for _, p := range termPairs {
		a.pairTerms = append(a.pairTerms, [3]int32{a.intern(a.stemString(p[0])), a.intern(a.stemString(p[1])), a.intern(p[2])})
	}
	return a
}

// termPairs are two words that mean more together, anywhere in one text,
// than apart: "why is it so hard to hire a CTO?" is about recruiting, not
// about the harder half of a company (finding customers). The third is
// the term the pair adds, in documents and messages alike.
var termPairs = [][3]string{
	{"hard", "hire", "hirehard"},
}

// pairs adds the term of each pair (termPairs) whose two words are both
// among the tokens from s.out[start:].
func (a *analyzer) pairs(s *scratch, start int) {
	for _, p := range a.pairTerms {
		first, second := -1, -1
		for i := start; i < len(s.out); i++ {
			switch s.out[i].term {
			case p[0]:
				first = i
			case p[1]:
				second = i
			}
		}
		if first >= 0 && second >= 0 {
			s.out = append(s.out, token{term: p[2], w: min(s.out[first].w, s.out[second].w)})
		}
	}
}

// addClass records class flags for a word; stop words carry no term.
func (a *analyzer) addClass(w string, class uint8) {
	info, ok := a.words[w]
	if !ok {
		info.term = -1
	}
	info.class |= class
	a.words[w] = info
}

func (a *analyzer) stemString(w string) string {
	var buf [maxStemLen + 8]byte
	return string(stem(buf[:0], []byte(w)))
}

func (a *analyzer) intern(term string) int32 {
	if id, ok := a.vocab[term]; ok {
		return id
	}
	id := int32(len(a.terms))
	a.vocab[term] = id
	a.terms = append(a.terms, term)
	return id
}

// learn makes a document word known, returning its meaning.
func (a *analyzer) learn(w string) wordInfo {
	info, ok := a.words[w]
	if ok && (info.term >= 0 || info.class&(classStop|classForeign) != 0) {
		return info // a foreign role stays foreign even where a gap entry names it
	}
	if !ok {
		info.term = -1
	}
	canon := w
	if s, ok := wordSynonyms[w]; ok {
		canon = s
	}
	info.term = a.intern(a.stemString(canon))
	a.words[w] = info
	if len(w) >= minTypoLen-1 && isASCIIWord(w) {
		a.typo = append(a.typo, w)
	}
	return info
}

// learnAs learns word w of another language as the English word en.
func (a *analyzer) learnAs(w, en string) {
	if _, ok := a.words[w]; ok {
		return
	}
	if s, ok := wordSynonyms[en]; ok {
		en = s
	}
	a.words[w] = wordInfo{term: a.intern(a.stemString(en))}
}

// buildTypo precomputes the one-deletion neighbourhood of the typo words:
// the documents' words and the longer stop words.
func (a *analyzer) buildTypo() {
	var stops []string
	for w, info := range a.words {
		if info.term < 0 && info.class&classStop != 0 && len(w) >= minEditLen-1 && isASCIIWord(w) {
			stops = append(stops, w)
		}
	}
	slices.Sort(stops) // the first of equal candidates wins: keep it the same
	a.typo = append(a.typo, stops...)
	buf := make([]byte, 0, 64)
	for i, w := range a.typo {
		if len(w) < minTypoLen {
			continue
		}
		for j := range len(w) {
			buf = append(append(buf[:0], w[:j]...), w[j+1:]...)
			k := string(buf)
			if l := a.deletes[k]; len(l) == 0 || l[len(l)-1] != int32(i) {
				a.deletes[k] = append(l, int32(i))
			}
		}
	}
}

// correct finds a known word one edit from w, using buf as scratch. The
// candidate whose term is most common wins (ties: the older term), so the
// choice is deterministic.
func (a *analyzer) correct(w, buf []byte, df []int32) (string, bool) {
	if len(w) < minTypoLen || len(w) > maxStemLen || !isASCIIWordBytes(w) || isEnglishWord(w) {
		return "", false
	}
	best, bestWord, found := wordInfo{term: -1}, "", false
	// A stop word is a candidate too ("actualy" is "actually", not a
	// topic the knowledge lacks), but any document word comes first.
	rank := func(info wordInfo) int32 {
		if info.term < 0 {
			return -1
		}
		return df[info.term]
	}
	take := func(word string, info wordInfo) {
		if info.term < 0 && info.class&classStop == 0 || info.term >= 0 && info.class&classStop != 0 {
			return
		}
		if !found || rank(info) > rank(best) || (rank(info) == rank(best) && info.term >= 0 && info.term < best.term) {
			best, bestWord, found = info, word, true
		}
	}
	consider := func(cand string) {
		// Short words are corrected only for swapped letters ("cheif"):
		// one other edit turns too many of them into another word.
		if withinOneEdit(w, cand) && (len(w) >= minEditLen || len(cand) > len(w) || swapped(w, cand)) {
			take(cand, a.words[cand])
		}
	}
	for _, i := range a.deletes[string(w)] { // w lacks a letter
		consider(a.typo[i])
	}
	for j := range len(w) {
		buf = append(append(buf[:0], w[:j]...), w[j+1:]...)
		if info, ok := a.words[string(buf)]; ok && len(w) >= minEditLen && (info.term >= 0 || info.class&classStop != 0) { // w has an extra letter
			take(string(buf), info)
		}
		for _, i := range a.deletes[string(buf)] { // substitution or transposition
			consider(a.typo[i])
		}
	}
	return bestWord, found
}

// fixTypos rewrites the words of s.norm that no document knows, no
// dictionary lists and one edit turns into a known word ("cheif exec" →
// "chief exec"), so phrases and terms see the word meant.
func (a *analyzer) fixTypos(s *scratch, df []int32) {
	fixed := false
	for i := range s.spans {
		w := s.word(i)
		if _, known := a.words[string(w)]; known || isNumber(w) {
			continue
		}
		s.buf = stem(s.buf[:0], w)
		if _, ok := a.vocab[string(s.buf)]; ok {
			continue
		}
		if cand, ok := a.correct(w, s.buf[:0], df); ok {
			if !fixed {
				s.fix = append(s.fix[:0], s.norm...)
				fixed = true
			}
			s.fixes = append(s.fixes, fixWord{i, cand})
		}
	}
	if !fixed {
		return
	}
	// Rebuild the text with the corrections, and the spans over it.
	out := s.norm[:0]
	spans := s.spans
	k := 0
	for i, sp := range spans {
		if i > 0 {
			out = append(out, ' ')
		}
		lo := len(out)
		if k < len(s.fixes) && s.fixes[k].span == i {
			out = append(out, s.fixes[k].word...)
			k++
		} else {
			out = append(out, s.fix[sp.lo:sp.hi]...)
		}
		spans[i] = span{lo: int32(lo), hi: int32(len(out)), name: sp.name}
	}
	s.norm = out
	s.fixes = s.fixes[:0]
}

// withinOneEdit reports whether a and b differ by at most one insertion,
// deletion, substitution or adjacent transposition.
func withinOneEdit(a []byte, b string) bool {
	la, lb := len(a), len(b)
	switch {
	case la == lb:
		i := 0
		for i < la && a[i] == b[i] {
			i++
		}
		if i == la {
			return true
		}
		if string(a[i+1:]) == b[i+1:] {
			return true
		}
		return i+1 < la && a[i] == b[i+1] && a[i+1] == b[i] && string(a[i+2:]) == b[i+2:]
	case la == lb+1:
		i := 0
		for i < lb && a[i] == b[i] {
			i++
		}
		return string(a[i+1:]) == b[i:]
	case lb == la+1:
		i := 0
		for i < la && a[i] == b[i] {
			i++
		}
		return string(a[i:]) == b[i+1:]
	}
	return false
}

func isASCIIWord(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}

func isASCIIWordBytes(w []byte) bool {
	for _, c := range w {
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}
