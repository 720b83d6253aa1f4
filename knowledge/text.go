package knowledge

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxMarkup bounds how far normalize looks for the '>' that closes Slack
// markup such as <https://x|label>, so a stray '<' costs little.
const maxMarkup = 1024

// normalize appends to dst the text of s folded for matching: lower case,
// Slack markup, emoji codes and HTML entities removed, Unicode compatibility
// forms and curly quotes folded, and everything that is not a letter or
// digit turned into a single space between words. Non-Latin letters are
// kept as word characters. It never fails, whatever s holds.
func normalize(dst []byte, s string) []byte {
	n := normalizer{dst: dst}
	n.run(s, 0)
	return n.dst
}

// normalizeNames is normalize that also appends to names where each word
// written with a capital and then lower case ("Stripe", "Python") starts
// in dst: mid-sentence, that is how people write a name.
func normalizeNames(dst []byte, names []int32, s string) ([]byte, []int32) {
	n := normalizer{dst: dst, names: names, track: true}
	n.run(s, 0)
	return n.dst, n.names
}

type normalizer struct {
	dst   []byte
	sep   bool    // a word boundary is pending
	track bool    // record names
	names []int32 // offsets in dst of words capitalized like names
}

// put appends one word character, emitting a pending separator first.
func (n *normalizer) put(r rune) {
	if n.sep && len(n.dst) > 0 {
		n.dst = append(n.dst, ' ')
	}
	n.sep = false
	if r < utf8.RuneSelf {
		n.dst = append(n.dst, byte(r))
		return
	}
	n.dst = utf8.AppendRune(n.dst, r)
}

// countryUS returns the length of "US" or "U.S." written as a word at
// s[i], or 0.
func countryUS(s string, i int) int {
	for _, form := range []string{"U.S.", "US"} {
		if strings.HasPrefix(s[i:], form) && (i+len(form) == len(s) || !isASCIIAlnum(s[i+len(form)])) {
			return len(form)
		}
	}
	return 0
}

// word appends a whole word, as if typed.
func (n *normalizer) word(w string) {
	for i := 0; i < len(w); i++ {
		n.put(rune(w[i]))
	}
}

// inWord reports whether the last thing written is a word character.
func (n *normalizer) inWord() bool { return !n.sep && len(n.dst) > 0 }

func (n *normalizer) run(s string, depth int) {
	addresses := mayHoldAddress(s)
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if addresses && isASCIIAlnum(c) && (i == 0 || !addressByte(s[i-1])) {
				// "see example.com", "mail a@b.co": an address typed out
				// says no more than Slack's link to it (see markup).
				if k := addressAt(s, i); k > 0 {
					n.dropPointer()
					n.sep = true
					i += k
					continue
				}
			}
			switch {
			case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
				n.put(rune(c))
			case c == 'U' && !n.inWord() && countryUS(s, i) > 0:
				// "US" in capitals is the country, not "us".
				n.sep = true
				n.word("usa")
				n.sep = true
				i += countryUS(s, i)
				continue
			case c >= 'A' && c <= 'Z':
				start := !n.inWord()
				n.put(rune(c + 'a' - 'A'))
				if n.track && start && i+1 < len(s) && s[i+1] >= 'a' && s[i+1] <= 'z' {
					n.names = append(n.names, int32(len(n.dst)-1))
				}
			case c == '\'':
				i = n.apostrophe(s, i+1)
				continue
			case c == '<':
				i = n.markup(s, i, depth)
				continue
			case c == ':':
				i = n.emoji(s, i)
				continue
			case c == '&':
				i = n.entity(s, i)
				continue
			case c == '$' && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9':
				n.sep = true
				n.word("usd") // "$300,000": money, whatever the digits
				n.sep = true
			case c == '/' && n.ratio(s, i):
				// "60/40", "50/50": founders' shares, an equity split.
				i += 2 // the second share's two digits
			case c == '%':
				n.sep = true
				n.word("percent")
				n.sep = true
			default:
				n.sep = true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		n.rune(s, r, &i)
	}
}

// rune handles one non-ASCII rune; i points just past it.
func (n *normalizer) rune(s string, r rune, i *int) {
	switch {
	case r == utf8.RuneError:
		n.sep = true
	case r == 0x00AD, r >= 0x200B && r <= 0x200F, r >= 0x202A && r <= 0x202E,
		r >= 0x2060 && r <= 0x2069, r == 0xFEFF, r >= 0xFE00 && r <= 0xFE0F:
		// soft hyphen, zero-width and bidi controls, variation selectors:
		// invisible, so they neither join nor split words.
	case r == 0x2018 || r == 0x2019 || r == 0x02BC || r == 0x2032 || r == 0xFF07:
		*i = n.apostrophe(s, *i)
	case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII
		a := r - 0xFEE0
		switch {
		case a >= 'A' && a <= 'Z':
			n.put(a + 'a' - 'A')
		case a >= 'a' && a <= 'z' || a >= '0' && a <= '9':
			n.put(a)
		default:
			n.sep = true
		}
	case r >= 0xC0 && r <= 0x17F:
		if f := foldLatin(r); f != 0 {
			n.put(f)
		} else if unicode.IsLetter(r) {
			n.put(unicode.ToLower(r))
		} else {
			n.sep = true
		}
	case unicode.IsLetter(r) || unicode.IsDigit(r):
		n.put(unicode.ToLower(r))
	case unicode.In(r, unicode.Mn, unicode.Mc):
		if n.inWord() {
			n.put(r)
		}
	default:
		n.sep = true
	}
}

// apostrophe handles a quote at s[:i]: inside a word it joins ("don't" ->
// "dont"), and a trailing possessive or "is" ("ceo's", "what's") is
// dropped. Elsewhere it separates. It returns where to continue.
func (n *normalizer) apostrophe(s string, i int) int {
	if !n.inWord() || i >= len(s) {
		n.sep = true
		return i
	}
	c := s[i]
	if (c == 's' || c == 'S') && (i+1 == len(s) || !isASCIIAlnum(s[i+1])) {
		if n.track && ownsSeat(s[i+1:]) {
			n.markName()
		}
		n.sep = true
		return i + 1
	}
	if isASCIIAlnum(c) {
		return i
	}
	if r, _ := utf8.DecodeRuneInString(s[i:]); unicode.IsLetter(r) {
		return i
	}
	n.sep = true
	return i
}

// markup removes Slack's <...> constructs starting at s[i] == '<': user,
// channel and special mentions disappear, a labelled link becomes its
// label, and a bare link, or one labelled with its address, disappears.
// A '<' that opens nothing is a separator.
func (n *normalizer) markup(s string, i, depth int) int {
	n.sep = true
	rest := s[i+1:]
	if len(rest) > maxMarkup {
		rest = rest[:maxMarkup]
	}
	end := strings.IndexByte(rest, '>')
	if end <= 0 {
		return i + 1
	}
	inner := rest[:end]
	next := i + 1 + end + 1
	switch {
	case inner[0] == '@' || inner[0] == '#' || inner[0] == '!':
		return next
	case strings.Contains(inner, "://") || strings.HasPrefix(inner, "mailto:") || strings.HasPrefix(inner, "tel:"):
		if bar := strings.LastIndexByte(inner, '|'); bar >= 0 && depth == 0 && !addressLike(inner[bar+1:]) {
			n.run(inner[bar+1:], depth+1)
			n.sep = true
			return next
		}
		n.dropPointer()
		return next
	}
	return i + 1
}

// emoji drops a :short_code: starting at s[i] == ':'.
func (n *normalizer) emoji(s string, i int) int {
	n.sep = true
	j := i + 1
	for ; j < len(s) && j-i <= 64; j++ {
		c := s[j]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '+') {
			break
		}
	}
	if j < len(s) && s[j] == ':' && j > i+1 {
		return j + 1
	}
	return i + 1
}

// entities are the HTML entities Slack uses in message text.
var entities = []struct {
	name  string
	quote bool
}{
	{"&amp;", false}, {"&lt;", false}, {"&gt;", false}, {"&quot;", false},
	{"&nbsp;", false}, {"&#39;", true}, {"&#x27;", true}, {"&apos;", true},
}

// entity replaces an HTML entity at s[i] == '&' with a separator (or an
// apostrophe for the quote entities).
func (n *normalizer) entity(s string, i int) int {
	for _, e := range entities {
		if strings.HasPrefix(s[i:], e.name) {
			if e.quote {
				return n.apostrophe(s, i+len(e.name))
			}
			n.sep = true
			return i + len(e.name)
		}
	}
	n.sep = true
	return i + 1
}

func isASCIIAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// foldLatin strips the accent from common Latin letters ("résumé" ->
// "resume"); 0 means no folding applies.
func foldLatin(r rune) rune {
	switch unicode.ToLower(r) {
	case 'à', 'á', 'â', 'ã', 'ä', 'å', 'ā', 'ă', 'ą':
		return 'a'
	case 'ç', 'ć', 'č':
		return 'c'
	case 'è', 'é', 'ê', 'ë', 'ē', 'ė', 'ę', 'ě':
		return 'e'
	case 'ì', 'í', 'î', 'ï', 'ī', 'į':
		return 'i'
	case 'ñ', 'ń', 'ň':
		return 'n'
	case 'ò', 'ó', 'ô', 'õ', 'ö', 'ø', 'ō', 'ő':
		return 'o'
	case 'ù', 'ú', 'û', 'ü', 'ū', 'ů', 'ű':
		return 'u'
	case 'ý', 'ÿ':
		return 'y'
	case 'ś', 'š':
		return 's'
	case 'ź', 'ż', 'ž':
		return 'z'
	case 'ł':
		return 'l'
	case 'ß':
		return 's'
	}
	return 0
}

// forEachWord calls f with each space-separated word of normalized text.
func forEachWord(text []byte, f func(w []byte)) {
	start := 0
	for i := 0; i <= len(text); i++ {
		if i == len(text) || text[i] == ' ' {
			if i > start {
				f(text[start:i])
			}
			start = i + 1
		}
	}
}
