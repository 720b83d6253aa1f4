package knowledge

import (
	"regexp"
	"slices"
	"strings"
)

// A question that asks what share of something does a thing wants a share
// of that: "what percentage of developers distrust AI code?" is not
// answered by an entry whose only percentage is of AI-written code with
// security flaws, however much else it shares.
var (
	// asksShareRE finds a share asked for and the words after "of": the
	// thing it is a share of.
	asksShareRE = regexp.MustCompile(`(?i)\b(?:what|which|how many|how big an?|how large an?)\s+(?:percentage|percent|%|share|proportion|fraction|portion)\s+of\s+(?:the\s+|a\s+|an\s+|our\s+|their\s+|his\s+|her\s+|all\s+)?((?:[a-z'’-]+\s*){1,3})`)
	// shareRE finds a share in an answer's sentence.
	shareRE = regexp.MustCompile(`(?i)\d\s*%|\bpercent|\b(?:half|third|thirds|quarter|quarters|majority|minority)\b|\bone in (?:two|three|four|five|ten)\b`)
	// sentenceRE splits an answer into sentences and bullets.
	sentenceRE = regexp.MustCompile(`[.!?]\s+|\n+`)
)

// shareUnmet reports whether the question asks what share of a thing
// something is, and no sentence of document d's answer gives a share
// together with that thing. An entry that works its figures out on the
// asker's own numbers is left alone: the share is the asker's to apply.
func (ix *index) shareUnmet(s *scratch, d int) bool {
	e := ix.docs[d].entry
	if s.worksOut(e) {
		return false
	}
	for _, sg := range s.segs {
		if !sg.ask || !mayAskShare(sg.text) {
			continue
		}
		m := asksShareRE.FindStringSubmatch(sg.text)
		if m == nil {
			continue
		}
		of := ix.sharedOf(m[1])
		if len(of) == 0 {
			continue
		}
		if !ix.givesWith(answerOf(e), shareRE, of) {
			return true
		}
	}
	return false
}

// worksOut reports whether entry e works its figures out on numbers the
// message gives: what such an entry counts, shares or sums is the asker's.
func (s *scratch) worksOut(e *Entry) bool {
	return len(e.Figures) > 0 && slices.ContainsFunc(s.segs, func(sg segment) bool { return strings.ContainsAny(sg.text, "0123456789") })
}

// sharedOf returns the terms of the words a share is asked of, up to the
// first that no document holds or that is a stop word, passing over the
// seats: "developers don't trust" is developers, "a CTO's week" the week.
func (ix *index) sharedOf(words string) []int32 {
	var out []int32
	for _, w := range strings.Fields(strings.ToLower(words)) {
		w = strings.TrimRight(w, "'’s")
		t := ix.an.termOf(w)
		if t >= 0 && ix.isRole(t) {
			continue // "what percentage of a CTO's week": the week
		}
		if t < 0 || ix.idf[t] < minCoverIDF {
			break
		}
		out = append(out, t)
	}
	return out
}

// givesWith reports whether a sentence of text gives what re finds (a
// share, an amount) and holds one of the terms of.
func (ix *index) givesWith(text string, re *regexp.Regexp, of []int32) bool {
	for _, sent := range sentenceRE.Split(text, -1) {
		if !re.MatchString(sent) {
			continue
		}
		for _, w := range strings.FieldsFunc(strings.ToLower(sent), func(r rune) bool {
			return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-')
		}) {
			for _, part := range strings.Split(w, "-") {
				if t := ix.an.termOf(part); t >= 0 && slices.Contains(of, t) {
					return true
				}
			}
		}
	}
	return false
}

// mayAskShare is a cheap test before asksShareRE.
func mayAskShare(text string) bool {
	for _, w := range [...]string{"percent", "%", "share", "proportion", "fraction", "portion"} {
		if containsFold(text, w) {
			return true
		}
	}
	return false
}
