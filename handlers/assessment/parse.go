package assessment

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// maxAnswerLen caps a typed reply; longer ones are rejected with the hint
// and never stored.
const maxAnswerLen = 500

// maxWords caps how many words of a reply are matched against the options.
const maxWords = 40

// intentKind says what a typed reply asks for.
type intentKind int

const (
	intentInvalid intentKind = iota
	intentAnswer
	intentBack
	intentRestart
	intentCancel
)

// intent is a typed reply decoded without knowing the question: a command,
// an option number, or text to match against the option labels. Matching
// the text happens where the current question is known (matchOption in Go,
// the same rules in the step script).
type intent struct {
	Kind  intentKind
	Num   int      // 1-based option number, 0 if none was given
	Whole string   // the normalized reply
	Words []string // its distinct words
}

var numPattern = regexp.MustCompile(`^(?:#\s*|(?:option|opt|number|answer|no\.?)\s*#?\s*)?(\d{1,3})\s*[.)]?$`)

var commands = map[string]intentKind{
	"back": intentBack, "go back": intentBack, "previous": intentBack, "undo": intentBack,
	"restart": intentRestart, "start over": intentRestart, "start again": intentRestart,
	"cancel": intentCancel, "stop": intentCancel, "quit": intentCancel,
}

// stopWords never identify an option on their own.
var stopWords = map[string]bool{
	"the": true, "and": true, "for": true, "with": true, "you": true, "our": true, "are": true,
	"not": true, "but": true, "yet": true, "all": true, "one": true, "its": true, "has": true,
	"have": true, "that": true, "this": true, "from": true, "than": true, "more": true, "less": true,
	"option": true, "answer": true, "number": true, "some": true, "very": true, "just": true,
}

// parseIntent decodes a typed reply.
func parseIntent(text string) intent {
	if len(text) > maxAnswerLen {
		return intent{}
	}
	raw := strings.ToLower(strings.TrimSpace(text))
	if m := numPattern.FindStringSubmatch(raw); m != nil {
		n, _ := strconv.Atoi(m[1])
		if n < 1 {
			return intent{}
		}
		return intent{Kind: intentAnswer, Num: n}
	}
	whole := normalize(text)
	if whole == "" {
		return intent{}
	}
	if k, ok := commands[whole]; ok {
		return intent{Kind: k, Whole: whole}
	}
	seen := map[string]bool{}
	var words []string
	for _, w := range strings.Fields(whole) {
		if !seen[w] && len(words) < maxWords && len(w) <= 64 {
			seen[w] = true
			words = append(words, w)
		}
	}
	return intent{Kind: intentAnswer, Whole: whole, Words: words}
}

// normalize lower-cases s, turns everything but letters and digits into
// spaces, and collapses runs of spaces.
func normalize(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
			continue
		}
		space = true
	}
	return b.String()
}

// optionIndex maps what identifies an option of one question to its index:
// "=" + the whole normalized label, and each word (3+ letters, not a stop
// word) that appears in that option's label only.
func optionIndex(labels []string) map[string]int {
	idx := map[string]int{}
	owners := map[string]int{} // word -> option, -1 if shared
	for i, l := range labels {
		n := normalize(l)
		if _, dup := idx["="+n]; !dup && n != "" {
			idx["="+n] = i
		}
		for _, w := range strings.Fields(n) {
			if len([]rune(w)) < 3 || stopWords[w] {
				continue
			}
			if o, ok := owners[w]; ok && o != i {
				owners[w] = -1
			} else if !ok {
				owners[w] = i
			}
		}
	}
	for w, o := range owners {
		if o >= 0 {
			idx[w] = o
		}
	}
	return idx
}

// matchOption applies an answer intent to one question's option index; the
// step script implements the same rules against the stored index.
func matchOption(in intent, idx map[string]int, options int) (int, bool) {
	if in.Kind != intentAnswer {
		return 0, false
	}
	if in.Num > 0 {
		return in.Num - 1, in.Num <= options
	}
	if o, ok := idx["="+in.Whole]; ok {
		return o, true
	}
	found := -1
	for _, w := range in.Words {
		o, ok := idx[w]
		if !ok {
			continue
		}
		if found >= 0 && found != o {
			return 0, false
		}
		found = o
	}
	return found, found >= 0
}

// ParseAnswer decodes a typed answer to a question with the given option
// labels: "2", "#2", "option 2", the label, or a word only one label has,
// case-insensitively. It returns the 0-based option index.
func ParseAnswer(text string, labels []string) (int, bool) {
	return matchOption(parseIntent(text), optionIndex(labels), len(labels))
}
