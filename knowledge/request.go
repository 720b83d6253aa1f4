package knowledge

import (
	"regexp"
	"strings"
)

// A request to make something ("can you write me a job description for
// the CTO role?", "fix this function for me") asks for work, not for
// knowledge: no entry holds a draft, a script or a letter, so the honest
// reply says the advisor doesn't write things, however many words the
// request shares with an entry ("a CTO hire", "AI code has flaws").
var (
	// makeAskRE finds a request to write or fix something, as a question
	// to the advisor or as an order, and captures what is to be made.
	makeAskRE = regexp.MustCompile(`(?i)(?:\b(?:can|could|would|will) (?:you|u)|^\s*(?:pls|please|kindly)?|\bplease|\bpls|\bhelp me)\s*,?\s*` +
		`(?:please\s+)?(?:` + strings.Join(makeVerbs[:], "|") + `)\b` +
		`(?:\s+(?:me|us|up))?\s+((?:a|an|the|this|that|my|our|some)\b[^.?!,;:]*|[^.?!,;:]*\bfor (?:me|us)\b[^.?!,;:]*)`)
	// madeThingRE cuts what is to be made at the first word that starts
	// what it is for or about: "a job description | for the CTO role".
	madeThingRE = regexp.MustCompile(`(?i)\s(?:for|about|to|that|on|which|explaining|announcing|so|and|with|from|in)\s`)
)

// knowledgeWords in what is to be made mean the request asks for the
// knowledge itself, in a form the advisor gives: "write me a summary of
// the CEO and CTO roles", "put together a comparison".
var knowledgeWords = []string{
	"summary", "summarize", "overview", "comparison", "compare", "table", "breakdown", "rundown", "recap",
	"tl;dr", "tldr", "explanation", "answer", "difference", "differences", "list", "ceo", "cto", "split",
	"seat", "seats", "role", "roles", "advice", "version",
}

// asksToMake reports whether a sentence of the message asks the advisor
// to write or fix something that is not its own knowledge: an order need
// not end in a question mark ("…so help me out: write a cold email").
func (s *scratch) asksToMake() bool {
	for _, sg := range s.segs {
		if !mayAskToMake(sg.text) {
			continue
		}
		for _, m := range makeAskRE.FindAllStringSubmatch(sg.text, -1) {
			thing := m[1]
			if loc := madeThingRE.FindStringIndex(" " + thing + " "); loc != nil {
				thing = thing[:max(loc[0]-1, 0)]
			}
			if madeThing(thing) {
				return true
			}
		}
	}
	return false
}

// makeVerbs and requestCues are what makeAskRE needs: a verb of making,
// and either a request ("can you", "please") or the verb first.
var (
	makeVerbs   = [...]string{"write", "draft", "rewrite", "redraft", "compose", "fix", "debug", "refactor", "generate", "code up", "put together", "whip up", "edit", "proofread"}
	requestCues = [...]string{"can you", "could you", "would you", "will you", "can u", "could u", "please", "pls", "kindly", "help me"}
)

// mayAskToMake is a cheap test before makeAskRE.
func mayAskToMake(text string) bool {
	verb := false
	for _, w := range makeVerbs {
		if containsFold(text, w) {
			verb = true
			break
		}
	}
	if !verb {
		return false
	}
	for _, w := range requestCues {
		if containsFold(text, w) {
			return true
		}
	}
	first := strings.TrimLeft(text, " \t\n>*_")
	for _, w := range makeVerbs {
		if len(first) >= len(w) && strings.EqualFold(first[:len(w)], w) {
			return true
		}
	}
	return false
}

// madeThing reports whether the words of what is to be made name a thing
// rather than the knowledge: "a job description" is one, "a summary of
// what the CTO does" and "our CEO/CTO split" are not.
func madeThing(thing string) bool {
	words := strings.FieldsFunc(strings.ToLower(thing), func(r rune) bool {
		return r == ' ' || r == '/' || r == '-' || r == '\''
	})
	if len(words) == 0 {
		return false
	}
	nouns := 0
	for _, w := range words {
		switch w {
		case "a", "an", "the", "this", "that", "my", "our", "some", "me", "us", "for", "quick", "short", "new":
			continue
		}
		for _, k := range knowledgeWords {
			if w == k {
				return false
			}
		}
		nouns++
	}
	return nouns > 0
}
