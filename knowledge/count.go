package knowledge

import (
	"regexp"
	"slices"
	"strings"
)

// A question that asks how many of something a company has wants a count
// of that thing: "how many engineers does Full Scale have?" is not
// answered by an entry whose only figure about engineers is a share of
// them kept each year.
var (
	asksCountRE = regexp.MustCompile(`(?i)\bhow many ([a-z]+)`)
	// countOfRE finds a count in an answer and the words after it: "four
	// companies", "3 costly founder mistakes"; a share ("93% of our
	// engineers") counts nothing.
	countOfRE = regexp.MustCompile(`(?i)(?:\d[\d,]*\+?|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|hundreds?|thousands?))(%| percent)?((?: [a-z-]+){1,4})`)
)

// countedTerms returns the terms of the words that follow a count in text:
// what the text gives a number of. Only a question asking how many of a
// named company's things needs it, so it is read then, not at Load.
func (ix *index) countedTerms(text string) []int32 {
	var out []int32
	for _, m := range countOfRE.FindAllStringSubmatch(text, -1) {
		if m[1] != "" {
			continue
		}
		for _, w := range strings.Fields(m[2]) {
			if t := ix.an.termOf(strings.ToLower(w)); t >= 0 && !slices.Contains(out, t) {
				out = append(out, t)
			}
		}
	}
	return out
}

// countUnmet reports whether the question asks how many of a thing a
// company or person it names has, and document d's answer gives no count
// of it. Unnamed, a count is often answered in words ("how many companies
// has he sold?": both), and an entry that works its figure out on the
// asker's numbers counts them ("we have 30 engineers: at that retention,
// how many would we lose?").
func (ix *index) countUnmet(s *scratch, d int) bool {
	if !slices.ContainsFunc(s.out, func(t token) bool { return t.w == 1 && ix.isName(t.term) }) || s.worksOut(ix.docs[d].entry) {
		return false
	}
	var counted []int32 // read from the answer once, if a question asks
	for _, sg := range s.segs {
		if !sg.ask || !containsFold(sg.text, "how many") {
			continue
		}
		m := asksCountRE.FindStringSubmatch(sg.text)
		if m == nil {
			continue
		}
		if t := ix.an.termOf(strings.ToLower(m[1])); t >= 0 {
			if counted == nil {
				counted = ix.countedTerms(answerOf(ix.docs[d].entry))
			}
			if !slices.Contains(counted, t) {
				return true
			}
		}
	}
	return false
}

// wordTerm is the term of the known word w, or termUnknown: the terms of
// the words Search looks for ("currency", "roleplay", "legal").
func (a *analyzer) wordTerm(w string) int32 {
	if info, ok := a.words[w]; ok {
		return info.term
	}
	return termUnknown
}

// termOf is the term of word w, or -1 where no document holds it.
func (a *analyzer) termOf(w string) int32 {
	if info, ok := a.words[w]; ok {
		return info.term
	}
	if id, ok := a.vocab[a.stemString(w)]; ok {
		return id
	}
	return -1
}
