package knowledge

import (
	_ "embed"
	"sort"
	"strings"
)

// englishWords is a sorted list of common English words, one per line
// after a comment header: typo correction leaves these alone, so "newer"
// never becomes "never" nor "kinds" "mind".
//
//go:embed lexicon/english.txt
var englishWords string

// concreteWords is a sorted list of concrete and proper nouns (things,
// food, places, names), one per line after a comment header: a question
// that hinges on one the knowledge base does not know is about something
// else ("sell my car", "capital of australia").
//
//go:embed lexicon/concrete.txt
var concreteWords string

// lexicon and concrete are the word lists as sorted slices, built once.
var (
	lexicon  = lines(englishWords)
	concrete = lines(concreteWords)
)

func lines(text string) []string {
	var out []string
	for line := range strings.SplitSeq(text, "\n") {
		if line != "" && line[0] != '#' {
			out = append(out, line)
		}
	}
	return out
}

func contains(sorted []string, w []byte) bool {
	i := sort.Search(len(sorted), func(i int) bool { return sorted[i] >= string(w) })
	return i < len(sorted) && sorted[i] == string(w)
}

// isEnglishWord reports whether w is a common English word.
func isEnglishWord(w []byte) bool { return contains(lexicon, w) }

// isOffTopicWord reports whether w, a word the knowledge base does not
// know, names a thing, a place or a name rather than being a way of
// saying something: then it is a topic the knowledge does not cover.
// Words that are not English at all (jargon, brands) count as such too.
func isOffTopicWord(w []byte) bool { return !isEnglishWord(w) || contains(concrete, w) }
