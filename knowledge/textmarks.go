package knowledge

import (
	"bytes"
	"strings"
)

// What the normalizer marks beyond words: a name written as a common
// word, known by what it owns ("stripe's founders"), and founders' shares
// written as a ratio ("60/40"), which are an equity split.

// seatNouns are what a company has: whoever has them, written as a
// possessive ("stripe's founders", "airbnb's cto"), is a company or person.
var seatNouns = []string{"founders", "founder", "cofounders", "cofounder", "co-founders", "co-founder", "ceo", "cto", "ceos", "ctos", "team", "engineers", "board", "investors"}

// ownsSeat reports whether rest, the text after a possessive, starts with
// one of the seatNouns.
func ownsSeat(rest string) bool {
	rest = strings.TrimLeft(rest, " ")
	for _, w := range seatNouns {
		if len(rest) >= len(w) && strings.EqualFold(rest[:len(w)], w) && (len(rest) == len(w) || !isASCIIAlnum(rest[len(w)])) {
			return true
		}
	}
	return false
}

// markName records the word just written as a name, if it is not already.
func (n *normalizer) markName() {
	start := int32(bytes.LastIndexByte(n.dst, ' ') + 1)
	if len(n.names) == 0 || n.names[len(n.names)-1] != start {
		n.names = append(n.names, start)
	}
}

// ratio reports whether the '/' at s[i] joins two shares of a whole, as
// in "60/40" or "40/40 with a 20% pool" (each 10 to 90, together 60 to
// 100: never a date, "24/7" or "9/11"), and if so replaces the first
// share, already written, with the words "equity split".
func (n *normalizer) ratio(s string, i int) bool {
	j := len(n.dst)
	for j > 0 && n.dst[j-1] >= '0' && n.dst[j-1] <= '9' {
		j--
	}
	if len(n.dst)-j != 2 || j > 0 && n.dst[j-1] != ' ' {
		return false
	}
	if i+3 > len(s) || !isDigit(s[i+1]) || !isDigit(s[i+2]) || i+3 < len(s) && isASCIIAlnum(s[i+3]) {
		return false
	}
	a := int(n.dst[j]-'0')*10 + int(n.dst[j+1]-'0')
	b := int(s[i+1]-'0')*10 + int(s[i+2]-'0')
	if a < 10 || a > 90 || b < 10 || b > 90 || a+b < 60 || a+b > 100 {
		return false
	}
	n.dst = n.dst[:j]
	n.word("equity")
	n.sep = true
	n.word("split")
	n.sep = true
	return true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
