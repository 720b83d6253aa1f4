package knowledge

import "github.com/kljensen/snowball/english"

// Words are stemmed with the Snowball English (Porter2) stemmer, the same
// way on documents and queries, so "hiring", "hires" and "hired" all meet at
// "hire". Query words the knowledge base already holds are looked up
// without stemming; only new surface forms reach the stemmer.

// maxStemLen bounds the words the stemmer touches; longer tokens are left
// alone (they are not English words worth conflating).
const maxStemLen = 32

// stem appends the stem of word to buf[:0]. Words that are not all a-z, or
// are short, come back unchanged.
func stem(buf, word []byte) []byte {
	if len(word) <= 2 || len(word) > maxStemLen {
		return append(buf[:0], word...)
	}
	for _, c := range word {
		if c < 'a' || c > 'z' {
			return append(buf[:0], word...)
		}
	}
	return append(buf[:0], english.Stem(string(word), false)...)
}
