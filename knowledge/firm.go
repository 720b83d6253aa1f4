package knowledge

import (
	"regexp"
	"slices"
	"strings"
)

// seatAtRE finds a seat of a particular company: "the ceo of box", "the
// CTO at Square". What follows "of" or "at" is checked by otherFirm.
var seatAtRE = regexp.MustCompile(`(?i)\b(?:ceo|cto|cio|coo|cfo|founders?|co-?founders?)s?\s+(?:of|at)\s+([a-z][a-z0-9.&-]*)`)

// selfRE is the asker naming their own seat just before: "I'm the CEO of
// Acme", "as CTO at a seed-stage company".
var selfRE = regexp.MustCompile(`(?i)\b(?:i'm|i’m|im|i am|as|we're|we’re|we are|being|became|become|was|is|be)\s+(?:the\s+|a\s+|an\s+|its\s+)?(?:new\s+|first\s+|acting\s+)?$`)

// firmWords follow "the CTO of" without naming a company: "the CTO of a
// startup", "the CEO at seed stage".
var firmWords = []string{
	"a", "an", "the", "my", "our", "your", "his", "her", "their", "its", "this", "that", "these", "those", "some", "any",
	"every", "each", "one", "two", "three", "most", "many", "all", "both", "such", "small", "big", "large", "early",
	"startup", "startups", "company", "companies", "firm", "firms", "business", "businesses", "team", "teams", "org",
	"orgs", "organization", "organizations", "organisation", "enterprise", "enterprises", "seed", "series", "scale",
	"stage", "tech", "saas", "venture", "ventures", "least", "times", "heart", "work", "home", "night", "day", "first",
	"once", "best", "worst", "what", "which", "who", "how", "when", "where",
}

// otherFirm reports whether the question asks about a seat at a company
// the knowledge does not know: "what has the ceo of box said about AI
// agents?" is about one particular executive, however well its words
// match what AI changes for a CEO. The asker's own company ("I'm the CEO
// of Acme") is context, not the question.
func (ix *index) otherFirm(s *scratch) bool {
	for _, sg := range s.segs {
		if !sg.ask || !mayNameSeatAt(sg.text) {
			continue
		}
		for _, m := range seatAtRE.FindAllStringSubmatchIndex(sg.text, -1) {
			orig := sg.text[m[2]:m[3]]
			w := strings.ToLower(orig)
			if slices.Contains(firmWords, w) || selfRE.MatchString(sg.text[:m[0]]) && !strings.HasSuffix(strings.TrimSpace(sg.text[:m[0]]), "?") {
				continue
			}
			if t := ix.an.termOf(w); t >= 0 && (ix.an.everNamed(t) || len(orig) > 1 && orig == strings.ToUpper(orig)) {
				continue // Full Scale, Stackify, Google, AMC: names the knowledge writes
			}
			return true
		}
	}
	return false
}

// mayNameSeatAt is a cheap test before seatAtRE: a seat, then "of" or "at".
func mayNameSeatAt(text string) bool {
	return (containsFold(text, "ceo") || containsFold(text, "cto") || containsFold(text, "cio") || containsFold(text, "coo") ||
		containsFold(text, "cfo") || containsFold(text, "founder")) && (containsFold(text, " of ") || containsFold(text, " at "))
}
