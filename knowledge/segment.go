package knowledge

import (
	"bytes"
	"strings"
)

// A message often carries a sentence or two of context before its
// question ("we're 8 people, pre-seed. is that normal for a CEO?"). The
// question says what is asked; the context is evidence, worth less. So a
// message is cut into segments, and each is marked as the ask or not.

// segment is one sentence or clause of a message, as raw text.
type segment struct {
	text string
	ask  bool
}

// maxSegments bounds how many segments a message is cut into; the rest
// joins the last one.
const maxSegments = 16

// askWords open a clause that asks something.
var askWords = map[string]bool{
	"what": true, "whats": true, "how": true, "hows": true, "why": true, "when": true, "where": true,
	"who": true, "whos": true, "whom": true, "which": true, "should": true, "shall": true, "can": true,
	"could": true, "would": true, "will": true, "is": true, "isnt": true, "are": true, "am": true,
	"do": true, "does": true, "did": true, "any": true, "tell": true, "explain": true, "thoughts": true,
	"advice": true, "wdyt": true, "compare": true, "eli5": true, "was": true, "has": true,
	"have": true, "need": true, "must": true, "whom's": true, "wat": true, "wht": true, "hw": true,
}

// framingWords open a clause that frames the question after it rather
// than telling a story: "between the CEO and the CTO, who…".
var framingWords = []string{"between", "among", "amongst", "of", "out", "for"}

// leadWords may come before the word that opens a question ("so how…",
// "ok but what…", "honest question. is…").
var leadWords = map[string]bool{
	"so": true, "ok": true, "okay": true, "and": true, "but": true, "also": true, "then": true,
	"hey": true, "hi": true, "honestly": true, "seriously": true, "basically": true, "anyway": true,
	"well": true, "now": true, "quick": true, "q": true, "question": true, "pls": true, "please": true,
	"like": true, "real": true, "talk": true, "serious": true, "im": true, "curious": true, "wondering": true,
}

// splitMessage cuts text into sentences at . ! ? ; … and line breaks, and
// at a colon followed by a space; it keeps decimals ($1.5M), "vs." and
// Slack markup whole. Then it marks the asks: sentences ending in '?' or
// opening with a question word, or else the last sentence. Within an ask,
// comma clauses before the one that opens the question become context.
func splitMessage(dst []segment, text string) []segment {
	dst = dst[:0]
	start := 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c == '<':
			if end := strings.IndexByte(text[i:], '>'); end > 0 && end < maxMarkup {
				i += end
			}
			continue
		case c == '&':
			// "&amp;" as Slack sends "&": the entity's ';' ends no sentence.
			if end := strings.IndexByte(text[i:], ';'); end > 0 && end <= len("&#x2014;") && entityName(text[i+1:i+end]) {
				i += end
			}
			continue
		case c == ';' && i > 0 && i+1 < len(text) && isASCIIAlnum(text[i-1]) && isASCIIAlnum(text[i+1]):
			continue // inside a word: "tl;dr"
		case c == '?' || c == '!' || c == ';' || c == '\n':
		case c == '.':
			if !sentenceDot(text, i) {
				continue
			}
		case c == ':':
			if i+1 < len(text) && text[i+1] != ' ' || closesEmoji(text, i) {
				continue // emoji code or a time like 09:00
			}
		case c == 0xE2 && strings.HasPrefix(text[i:], "…"):
		default:
			continue
		}
		end := i + 1
		for end < len(text) && strings.IndexByte("?!.;\n ", text[end]) >= 0 {
			end++
		}
		if len(dst) < maxSegments-1 {
			dst = appendSegment(dst, text[start:end])
			start = end
		}
		i = end - 1
	}
	dst = appendSegment(dst, text[start:])
	return markAsks(dst)
}

// entityName reports whether s names an HTML entity: "amp", "lt", "#39".
func entityName(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isASCIIAlnum(s[i]) && s[i] != '#' {
			return false
		}
	}
	return s != ""
}

func appendSegment(dst []segment, s string) []segment {
	s = strings.TrimSpace(s)
	if strings.Trim(s, "?!.;:… \t\r\n") == "" {
		return dst
	}
	return append(dst, segment{text: s})
}

// closesEmoji reports whether the ':' at text[i] ends an emoji code such
// as :sweat_smile:.
func closesEmoji(text string, i int) bool {
	j := i - 1
	for j >= 0 && (isASCIIAlnum(text[j]) || text[j] == '_' || text[j] == '-' || text[j] == '+') {
		j--
	}
	return j >= 0 && j < i-1 && text[j] == ':'
}

// sentenceDot reports whether the '.' at text[i] ends a sentence: not a
// decimal point, not inside a word or link, not after "vs" or "e.g".
func sentenceDot(text string, i int) bool {
	if i+1 < len(text) && text[i+1] != ' ' && text[i+1] != '\n' && text[i+1] != '.' {
		return false // 1.25, full.scale, U.S
	}
	j := i
	for j > 0 && isASCIIAlnum(text[j-1]) {
		j--
	}
	switch strings.ToLower(text[j:i]) {
	case "vs", "v", "e", "g", "i", "eg", "ie", "etc", "mr", "ms", "mrs", "dr", "inc", "approx", "st", "u", "s":
		return false
	}
	return true
}

// markAsks marks which segments ask; see splitMessage.
func markAsks(segs []segment) []segment {
	asked := false
	for i := range segs {
		t := strings.TrimSpace(segs[i].text)
		if strings.HasSuffix(strings.TrimRight(t, "!. "), "?") || opensQuestion(t) {
			segs[i].ask = true
			asked = true
		}
	}
	if !asked && len(segs) > 0 {
		// No sentence asks outright: the last that asks in other words
		// ("I want to know what to ask in interviews. We sell to
		// hospitals."), or else the last.
		last := len(segs) - 1
		for i := last; i >= 0; i-- {
			if asksIndirectly(segs[i].text) {
				last = i
				break
			}
		}
		segs[last].ask = true
	}
	for i := 0; i < len(segs) && len(segs) < maxSegments; i++ {
		if !segs[i].ask {
			continue
		}
		if ctx, ask, ok := leadingContext(segs[i].text); ok {
			segs = append(segs[:i+1], segs[i:]...)
			segs[i] = segment{text: ctx}
			segs[i+1] = segment{text: ask, ask: true}
			i++
		}
	}
	return segs
}

// clauseBreaks are where a question's clauses meet: commas and "but";
// a bare "and" is left alone, as phrases ("be ceo and cto") hold it.
var clauseBreaks = []string{", ", " but ", ", and ", ", or "}

// splitClauses cuts a question into its clauses at commas and
// conjunctions; short pieces stay with their neighbour.
func splitClauses(dst []string, s string) []string {
	dst = dst[:0]
	start := 0
	// The breaks are ASCII: compare byte for byte, ignoring case, so that
	// positions in s stay positions in s (strings.ToLower changes the
	// length of invalid UTF-8).
	for i := 0; i < len(s); i++ {
		for _, b := range clauseBreaks {
			if hasPrefixFold(s[i:], b) && i-start >= 12 && len(s)-(i+len(b)) >= 8 {
				dst = append(dst, s[start:i])
				start = i + len(b)
				i = start - 1
				break
			}
		}
	}
	return append(dst, s[start:])
}

// hasPrefixFold reports whether s begins with the lower-case ASCII
// prefix p, ignoring the case of ASCII letters.
func hasPrefixFold(s, p string) bool {
	if len(s) < len(p) {
		return false
	}
	for i := 0; i < len(p); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != p[i] {
			return false
		}
	}
	return true
}

// leadingContext splits "we're 15 people, 7 engineers, is it time to
// split?" into its context and the clause that asks, if a comma clause
// after the first opens the question.
func leadingContext(s string) (ctx, ask string, ok bool) {
	if opensQuestion(s) {
		return "", "", false // "who should I hire first, and why?" asks from the start
	}
	for _, w := range framingWords {
		if hasPrefixFold(strings.TrimSpace(s), w+" ") {
			return "", "", false // "between the CEO and the CTO, who raises the money?" is one question
		}
	}
	for i := 0; i < len(s); i++ {
		if s[i] != ',' {
			continue
		}
		if rest := strings.TrimSpace(s[i+1:]); rest != "" && opensQuestion(rest) {
			return strings.TrimSpace(s[:i]), rest, true
		}
	}
	return "", "", false
}

// indirectAsks are the ways a sentence asks without a question word or
// mark: "I want to know…", "wondering whether…", "any advice".
var indirectAsks = []string{
	"want to know", "wanted to know", "need to know", "like to know", "wondering", "curious",
	"not sure", "unsure", "help me", "any advice", "any tips", "advise", "trying to figure out",
	"trying to decide", "looking for advice", "would love", "need advice", "need help",
}

// indirectAskWords are indirectAsks as whole words: " want to know ".
var indirectAskWords = func() [][]byte {
	out := make([][]byte, len(indirectAsks))
	for i, p := range indirectAsks {
		out[i] = []byte(" " + p + " ")
	}
	return out
}()

// asksIndirectly reports whether a sentence asks in other words.
func asksIndirectly(sentence string) bool {
	var buf [256]byte
	norm := normalize(append(buf[:0], ' '), sentence[:min(len(sentence), 240)])
	norm = append(norm, ' ')
	for _, p := range indirectAskWords {
		if bytes.Contains(norm, p) {
			return true
		}
	}
	return false
}

// opensQuestion reports whether a clause starts, after lead words, with a
// word that asks.
func opensQuestion(clause string) bool {
	var buf [96]byte
	norm := normalize(buf[:0], clause[:min(len(clause), 64)])
	for len(norm) > 0 {
		w, rest, _ := bytes.Cut(norm, []byte{' '})
		if !leadWords[string(w)] {
			return askWords[string(w)]
		}
		norm = rest
	}
	return false
}
