package knowledge

import (
	"bytes"
	"slices"
	"strings"
)

// Addresses: a web or mail address in a message, typed out or as Slack's
// link to it, says where something is, not what the question is about.
// The normalizer drops it, and the word that only points at it.

// pointerWords point at a link rather than say anything: "see <link>".
var pointerWords = []string{"see", "via", "at", "here", "visit"}

// dropPointer removes the last word written if it only points at the link
// that was dropped after it.
func (n *normalizer) dropPointer() {
	start := bytes.LastIndexByte(n.dst, ' ') + 1
	for _, w := range pointerWords {
		if string(n.dst[start:]) == w {
			n.dst = n.dst[:max(start-1, 0)]
			for len(n.names) > 0 && n.names[len(n.names)-1] >= int32(len(n.dst)) {
				n.names = n.names[:len(n.names)-1]
			}
			return
		}
	}
}

// addressLike reports whether a link's label is itself an address
// ("example.com", "a@b.co"), which says no more than a bare link does.
func addressLike(label string) bool { return label != "" && addressAt(label, 0) == len(label) }

// addressAt returns the length of a web or mail address written out at
// s[i] ("example.com", "x.io/pricing", "a@b.co", "https://…"), without
// the punctuation that ends a sentence after it, or 0 if none starts
// there. "e.g.", "U.S." and "1.25x" are not addresses.
func addressAt(s string, i int) int {
	j := i
	for j < len(s) && addressByte(s[j]) {
		j++
	}
	for j > i && strings.IndexByte(".,;:!?)", s[j-1]) >= 0 {
		j-- // "…at example.com." ends the sentence
	}
	tok := s[i:j]
	if strings.IndexAny(tok, ".@:") < 0 {
		return 0 // a plain word: the common case, decided before any more work
	}
	if strings.Contains(tok, "://") {
		return j - i
	}
	if at := strings.IndexByte(tok, '@'); at > 0 && at < len(tok)-1 && strings.IndexByte(tok[at+1:], '.') > 0 {
		return j - i
	}
	host := tok
	if slash := strings.IndexByte(host, '/'); slash >= 0 {
		host = host[:slash]
	}
	dot := strings.LastIndexByte(host, '.')
	if dot <= 0 || strings.IndexByte(host, '@') >= 0 {
		return 0
	}
	tld := host[dot+1:]
	if len(tld) < 2 || len(tld) > 6 || slices.ContainsFunc(fileSuffixes, func(x string) bool { return strings.EqualFold(x, tld) }) {
		return 0 // "Node.js" is a tool, not an address
	}
	for k := 0; k < len(tld); k++ {
		if c := tld[k] | 0x20; c < 'a' || c > 'z' {
			return 0
		}
	}
	for part := range strings.SplitSeq(host[:dot], ".") {
		if len(part) < 2 {
			return 0 // "e.g", "u.s"
		}
	}
	return j - i
}

// fileSuffixes end names of tools and files, not of addresses.
var fileSuffixes = []string{"js", "ts", "py", "rb", "rs", "md"}

// mayHoldAddress is a cheap test of a whole text before looking for
// addresses in it: an at sign, a colon, or a dot right before a letter.
func mayHoldAddress(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		switch s[i] {
		case '@', ':':
			return true
		case '.':
			if c := s[i+1] | 0x20; c >= 'a' && c <= 'z' {
				return true
			}
		}
	}
	return false
}

// addressByte reports whether c may stand in a written address.
func addressByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("._%+-@/:~#?=&", c) >= 0
}
