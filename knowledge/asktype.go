package knowledge

import (
	"regexp"
	"strings"
)

// What a question asks for, where an entry must hold it to answer: "when
// was Stackify sold?" wants a year, "how many chapters does the book
// have?" a number. An entry about the topic that holds none is not the
// answer, however many words it shares ("what year did Full Scale get
// certified?" is not its retention figure).
var (
	asksYearRE   = regexp.MustCompile(`(?i)\b(when (did|was|were)|(what|which) year|since when)\b`)
	asksNumberRE = regexp.MustCompile(`(?i)\b(how many|how much (did|does|do|is|was|were|money|of)|what (percentage|percent|share|number|fraction) of)\b`)
	// A name is asked by who did something once, or for a name outright;
	// "who owns the vision?" asks for a seat instead.
	asksNameRE = regexp.MustCompile(`(?i)\bwho (conducted|ran|wrote|founded|co-?founded|bought|acquired|published|funded|invested|created|started|led|did the)\b|\b(what|whats|what's) (is |was )?(the|his|her|their) (co-?founder's )?name\b|\bname of (the|his|her|their)\b|\b(which|what) (survey|study|report|paper|research)\b`)
	nameRE     = regexp.MustCompile(`[a-z,;] ([A-Z][a-z]+)`)
	yearRE     = regexp.MustCompile(`\b(19|20)\d\d\b`)
	numberRE   = regexp.MustCompile(`\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|dozen|hundred|thousand|million|half|third|quarter)\b`)
)

// typeUnmet reports whether the question's own sentences ask for a year
// or a number that entry e does not hold.
func (s *scratch) typeUnmet(e *Entry) bool {
	for _, sg := range s.segs {
		if !sg.ask {
			continue
		}
		text := e.Short + "\n" + e.Long
		switch {
		case asksYearRE.MatchString(sg.text) && !yearRE.MatchString(text):
			return true
		case asksNumberRE.MatchString(sg.text) && !numberRE.MatchString(strings.ToLower(text)):
			return true
		case asksNameRE.MatchString(sg.text) && !namesOther(text, sg.text):
			return true
		}
	}
	return false
}

// namesOther reports whether text names someone or something, capitalized
// mid-sentence, that the question does not already name.
func namesOther(text, question string) bool {
	q := strings.ToLower(question)
	for _, m := range nameRE.FindAllStringSubmatch(text, -1) {
		if !strings.Contains(q, strings.ToLower(m[1])) {
			return true
		}
	}
	return false
}
