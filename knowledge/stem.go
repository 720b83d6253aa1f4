package knowledge

// This file is a compact, allocation-free implementation of Martin Porter's
// 1980 suffix-stripping algorithm, working in place on a lower-case ASCII
// word. It is used identically on documents and queries, so "hiring",
// "hires" and "hired" all meet at "hire".

// maxStemLen bounds the words the stemmer touches; longer tokens are left
// alone (they are not English words worth conflating).
const maxStemLen = 32

// stemmer holds the word being stemmed: b[:k+1] is the current word and j a
// boundary set by ends.
type stemmer struct {
	b    []byte
	k, j int
}

// stem returns the stem of word, using buf (cap >= len(word)+2) as space.
// Words that are not all a-z, or are short, come back unchanged.
func stem(buf, word []byte) []byte {
	if len(word) <= 2 || len(word) > maxStemLen {
		return append(buf[:0], word...)
	}
	for _, c := range word {
		if c < 'a' || c > 'z' {
			return append(buf[:0], word...)
		}
	}
	s := stemmer{b: append(buf[:0], word...), k: len(word) - 1}
	s.step1ab()
	if s.k > 0 {
		s.step1c()
		s.step2()
		s.step3()
		s.step4()
		s.step5()
	}
	return s.b[:s.k+1]
}

func (s *stemmer) cons(i int) bool {
	switch s.b[i] {
	case 'a', 'e', 'i', 'o', 'u':
		return false
	case 'y':
		return i == 0 || !s.cons(i-1)
	}
	return true
}

// m counts the vowel-consonant sequences in b[:j+1].
func (s *stemmer) m() int {
	n, i := 0, 0
	for ; ; i++ {
		if i > s.j {
			return n
		}
		if !s.cons(i) {
			break
		}
	}
	i++
	for {
		for ; ; i++ {
			if i > s.j {
				return n
			}
			if s.cons(i) {
				break
			}
		}
		i++
		n++
		for ; ; i++ {
			if i > s.j {
				return n
			}
			if !s.cons(i) {
				break
			}
		}
		i++
	}
}

func (s *stemmer) vowelInStem() bool {
	for i := 0; i <= s.j; i++ {
		if !s.cons(i) {
			return true
		}
	}
	return false
}

func (s *stemmer) doublec(j int) bool {
	return j >= 1 && s.b[j] == s.b[j-1] && s.cons(j)
}

// cvc reports consonant-vowel-consonant ending at i, the last not w, x, y.
func (s *stemmer) cvc(i int) bool {
	if i < 2 || !s.cons(i) || s.cons(i-1) || !s.cons(i-2) {
		return false
	}
	c := s.b[i]
	return c != 'w' && c != 'x' && c != 'y'
}

func (s *stemmer) ends(suffix string) bool {
	n := len(suffix)
	if n > s.k+1 || string(s.b[s.k-n+1:s.k+1]) != suffix {
		return false
	}
	s.j = s.k - n
	return true
}

func (s *stemmer) setTo(x string) {
	s.b = append(s.b[:s.j+1], x...)
	s.k = s.j + len(x)
}

func (s *stemmer) r(x string) {
	if s.m() > 0 {
		s.setTo(x)
	}
}

func (s *stemmer) step1ab() {
	if s.b[s.k] == 's' {
		switch {
		case s.ends("sses"):
			s.k -= 2
		case s.ends("ies"):
			s.setTo("i")
		case s.b[s.k-1] != 's':
			s.k--
		}
	}
	if s.ends("eed") {
		if s.m() > 0 {
			s.k--
		}
		return
	}
	if (s.ends("ed") || s.ends("ing")) && s.vowelInStem() {
		s.k = s.j
		switch {
		case s.ends("at"):
			s.setTo("ate")
		case s.ends("bl"):
			s.setTo("ble")
		case s.ends("iz"):
			s.setTo("ize")
		case s.doublec(s.k):
			s.k--
			if c := s.b[s.k]; c == 'l' || c == 's' || c == 'z' {
				s.k++
			}
		default:
			s.j = s.k
			if s.m() == 1 && s.cvc(s.k) {
				s.setTo("e")
			}
		}
	}
}

func (s *stemmer) step1c() {
	if s.ends("y") && s.vowelInStem() {
		s.b[s.k] = 'i'
	}
}

// suffixRule replaces suffix from with to when the stem's measure allows.
type suffixRule struct{ from, to string }

var step2Rules = map[byte][]suffixRule{
	'a': {{"ational", "ate"}, {"tional", "tion"}},
	'c': {{"enci", "ence"}, {"anci", "ance"}},
	'e': {{"izer", "ize"}},
	'l': {{"bli", "ble"}, {"alli", "al"}, {"entli", "ent"}, {"eli", "e"}, {"ousli", "ous"}},
	'o': {{"ization", "ize"}, {"ation", "ate"}, {"ator", "ate"}},
	's': {{"alism", "al"}, {"iveness", "ive"}, {"fulness", "ful"}, {"ousness", "ous"}},
	't': {{"aliti", "al"}, {"iviti", "ive"}, {"biliti", "ble"}},
	'g': {{"logi", "log"}},
}

var step3Rules = map[byte][]suffixRule{
	'e': {{"icate", "ic"}, {"ative", ""}, {"alize", "al"}},
	'i': {{"iciti", "ic"}},
	'l': {{"ical", "ic"}, {"ful", ""}},
	's': {{"ness", ""}},
}

func (s *stemmer) applyRules(rules []suffixRule) {
	for _, rule := range rules {
		if s.ends(rule.from) {
			s.r(rule.to)
			return
		}
	}
}

func (s *stemmer) step2() {
	if s.k >= 1 {
		s.applyRules(step2Rules[s.b[s.k-1]])
	}
}

func (s *stemmer) step3() { s.applyRules(step3Rules[s.b[s.k]]) }

var step4Suffixes = map[byte][]string{
	'a': {"al"}, 'c': {"ance", "ence"}, 'e': {"er"}, 'i': {"ic"}, 'l': {"able", "ible"},
	'n': {"ant", "ement", "ment", "ent"}, 'o': {"ion", "ou"}, 's': {"ism"}, 't': {"ate", "iti"},
	'u': {"ous"}, 'v': {"ive"}, 'z': {"ize"},
}

func (s *stemmer) step4() {
	if s.k < 1 {
		return
	}
	matched := false
	for _, suf := range step4Suffixes[s.b[s.k-1]] {
		if !s.ends(suf) {
			continue
		}
		if suf == "ion" && (s.j < 0 || (s.b[s.j] != 's' && s.b[s.j] != 't')) {
			continue
		}
		matched = true
		break
	}
	if matched && s.m() > 1 {
		s.k = s.j
	}
}

func (s *stemmer) step5() {
	s.j = s.k
	if s.b[s.k] == 'e' {
		a := s.m()
		if a > 1 || (a == 1 && !s.cvc(s.k-1)) {
			s.k--
		}
	}
	if s.b[s.k] == 'l' && s.doublec(s.k) && s.m() > 1 {
		s.k--
	}
}
