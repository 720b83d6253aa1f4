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
// an option number, or text to match against the option labels (see
// matchOption).
type intent struct {
	Kind    intentKind
	Num     int    // 1-based option number, 0 if none was given
	Numeric bool   // the reply was a number (maybe no option's: 0, 99)
	Whole   string // the normalized reply
}

var numPattern = regexp.MustCompile(`^(?:#\s*|(?:option|opt|number|answer|no\.?)\s*#?\s*)?(\d{1,3})\s*[.)]?$`)

var commands = map[string]intentKind{
	"back": intentBack, "go back": intentBack, "previous": intentBack, "undo": intentBack,
	"restart": intentRestart, "start over": intentRestart, "start again": intentRestart,
	"cancel": intentCancel, "stop": intentCancel, "quit": intentCancel,
}

// parseIntent decodes a typed reply.
func parseIntent(text string) intent {
	if len(text) > maxAnswerLen {
		return intent{}
	}
	raw := strings.ToLower(strings.TrimSpace(text))
	if m := numPattern.FindStringSubmatch(raw); m != nil {
		n, _ := strconv.Atoi(m[1])
		return intent{Kind: intentAnswer, Num: n, Numeric: true}
	}
	whole := normalize(text)
	if whole == "" {
		return intent{}
	}
	if k, ok := commands[whole]; ok {
		return intent{Kind: k, Whole: whole}
	}
	return intent{Kind: intentAnswer, Whole: whole}
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

// matchOption applies an answer intent to one question's option labels:
// the option's number, its whole label, or a near miss of one label (a
// typo or two: see nearMiss), case and punctuation aside. Anything else, a
// word of a label among others included, is not an answer: in a DM it is
// a command or a question, and routes as such.
func matchOption(in intent, labels []string) (int, bool) {
	if in.Kind != intentAnswer {
		return 0, false
	}
	if in.Numeric {
		return in.Num - 1, in.Num >= 1 && in.Num <= len(labels)
	}
	found, best := -1, 0
	for i, l := range labels {
		n := normalize(l)
		if n == in.Whole {
			return i, true
		}
		d, ok := nearMiss(in.Whole, n)
		switch {
		case !ok:
		case found < 0 || d < best:
			found, best = i, d
		case d == best:
			found = -2 // as near to two labels: neither
		}
	}
	return found, found >= 0
}

// nearMiss reports whether typed is within a typo or two of label: an edit
// distance (a letter added, dropped, changed, or two swapped) of at most
// one per six letters of the label, and at least one; and the distance.
func nearMiss(typed, label string) (int, bool) {
	a, b := []rune(typed), []rune(label)
	limit := max(1, len(b)/6)
	if len(a) == 0 || len(b) < 3 || abs(len(a)-len(b)) > limit {
		return 0, false
	}
	prev2, prev, cur := make([]int, len(b)+1), make([]int, len(b)+1), make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		low := i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			low = min(low, cur[j])
		}
		if low > limit {
			return 0, false
		}
		prev2, prev, cur = prev, cur, prev2
	}
	d := prev[len(b)]
	return d, d <= limit
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// ParseAnswer decodes a typed answer to a question with the given option
// labels: "2", "#2", "option 2", the whole label or a near miss of it,
// case-insensitively. It returns the 0-based option index.
func ParseAnswer(text string, labels []string) (int, bool) {
	return matchOption(parseIntent(text), labels)
}
