package knowledge

import (
	"regexp"
	"slices"
	"strings"
)

// What a question asks for, where an entry must hold it to answer: "when
// was Stackify sold?" wants a year, "how many chapters does the book
// have?" a number, "who conducted the study?" a name. An entry about the
// topic that holds none is not the answer, however many words it shares
// ("what year did Full Scale get certified?" is not its retention figure).
var (
	asksYearRE   = regexp.MustCompile(`(?i)\b(when (did|was|were)|(what|which) year|since when)\b`)
	asksNumberRE = regexp.MustCompile(`(?i)\b(how many|how much (did|does|do|is|was|were|money)|how long (has|have|had)|what (percentage|percent|share|number|fraction) of)\b`)
	// A name is asked by who did something once, or for a name outright;
	// "who owns the vision?" asks for a seat instead.
	asksNameRE = regexp.MustCompile(`(?i)\bwho (?:\w+ly )?(conducted|ran|wrote|founded|co-?founded|bought|acquired|published|funded|invested|created|started|led|did the)\b|\b(what|whats|what's) (is |was )?(the|his|her|their) (co-?founder's )?name\b|\bname of (the|his|her|their)\b|\b(which|what) (survey|study|report|paper|research)\b|\bwhich (org|orgs|organi[sz]ation|lab|institute|university|outlet|publication|firm|researchers) (ran|did|conducted|published|wrote|found|made|put out)\b|` + asksSeatName)
	nameRE     = regexp.MustCompile(`[a-z,;] ([A-Z][a-z]+)`)
	// personNearRE finds a seat written next to a person's full name:
	// "AMC's CIO, Derrick Leggett", "Matt Watson, founder of…".
	personNearRE = regexp.MustCompile(`(?i:\b(ceo|cto|cio|cfo|coo|co-?founder|founder)\b)[,:]? (?:[a-z]+ ){0,2}[A-Z][a-z]+ [A-Z][a-z]+|[A-Z][a-z]+ [A-Z][a-z]+,? (?:the |a |an |his |her |its )?(?:[a-z]+ ){0,4}(?i:\b(ceo|cto|cio|cfo|coo|co-?founder|founder)\b)`)
	// asksMoneyRE asks what something costs or pays, in money: "how much
	// does a senior developer in Manila cost?" is not answered by a
	// share or a count.
	asksMoneyRE = regexp.MustCompile(`(?i)\bhow much (money\b|(does|do|did|is|would|will|should|could)\b.*\b(cost|costs|pay|paid|earn|earns|make|makes|charge|charges|raise|raised|spend|spent|invest|invested|sell|sold)\b)`)
	moneyRE     = regexp.MustCompile(`(?i)\$\d|\b\d+(\.\d+)?[km]\b|\d+(\.\d+)?x\b|\bdollars?\b|\bsalar(y|ies)\b`)
	// asksPortionRE asks how much of a whole something takes: "how much
	// of my week is selling?" is answered by "most of it" as well as by
	// a figure (portionRE).
	asksPortionRE = regexp.MustCompile(`(?i)\bhow much of\b`)
	portionRE     = regexp.MustCompile(`(?i)\d\s*%|\b(most|mostly|majority|bulk|half|third|thirds|quarter|fraction|share|percent|minority|little of|much of|all of|none of)\b`)
	yearRE        = regexp.MustCompile(`\b(19|20)\d\d\b`)
	numberRE      = regexp.MustCompile(`\d|\b(two|three|four|five|six|seven|eight|nine|ten|dozen|hundred|thousand|million|half|third|quarter)\b`)
)

// holdings is what an entry's answer holds, for questions that ask for a
// kind of thing (see typeUnmet); computed once, when the index is built.
type holdings struct {
	year, number bool
	portion      bool     // a figure, or a share in words ("most of it")
	money        bool     // an amount of money, or a multiple of one
	names        []string // capitalized mid-sentence, lowercased
}

// holdingsOf reads what entry e's answer holds.
func holdingsOf(e *Entry) holdings {
	text := answerOf(e)
	h := holdings{year: yearRE.MatchString(text), number: numberRE.MatchString(strings.ToLower(text)), money: moneyRE.MatchString(text), portion: portionRE.MatchString(text)}
	for _, m := range nameRE.FindAllStringSubmatch(text, -1) {
		h.names = append(h.names, strings.ToLower(m[1]))
	}
	return h
}

// answerOf is the text of entry e's answer.
func answerOf(e *Entry) string { return e.Short + "\n" + e.Long }

// seatsNamed returns the seats an answer names a person for ("cio",
// "founder").
func seatsNamed(text string) []string {
	var seats []string
	for _, m := range personNearRE.FindAllStringSubmatch(text, -1) {
		seats = append(seats, seatOfName(m[1]+m[2]))
	}
	return seats
}

// typeUnmet reports whether the question's own sentences ask for a year,
// a number, an amount, a name or the person in a seat that entry e, whose
// answer holds h, does not hold. What only rare questions ask (the seats
// it names a person for) is read from e's answer then, so that building
// the index stays cheap.
func (s *scratch) typeUnmet(h holdings, e *Entry) bool {
	for _, sg := range s.segs {
		if !sg.ask || !mayAskForKind(sg.text) {
			continue
		}
		switch {
		case !h.year && asksYearRE.MatchString(sg.text):
			return true
		case !h.number && asksNumberRE.MatchString(sg.text):
			return true
		case !h.portion && asksPortionRE.MatchString(sg.text):
			return true
		case !h.money && containsFold(sg.text, "how much") && asksMoneyRE.MatchString(sg.text):
			return true
		case asksNameRE.MatchString(sg.text) && !namesOther(h.names, sg.text):
			return true
		case !namesSeat(e, sg.text):
			// "who was Matt's co-founder?": the answer must name the
			// person in that seat, not merely some company or book.
			return true
		}
	}
	return false
}

// mayAskForKind is a cheap test before the regular expressions: each of
// them needs one of these words.
func mayAskForKind(text string) bool {
	for _, w := range [...]string{"when", "year", "how", "what", "who", "name", "which"} {
		if containsFold(text, w) {
			return true
		}
	}
	return false
}

// containsFold reports whether text holds the lowercase ASCII word w in
// any case.
func containsFold(text, w string) bool {
	for i := 0; i+len(w) <= len(text); i++ {
		j := 0
		for j < len(w) && text[i+j]|0x20 == w[j] {
			j++
		}
		if j == len(w) {
			return true
		}
	}
	return false
}

// asksSeatName asks who holds a seat: "who was Matt's co-founder?", "who
// is AMC's CIO?". It is one of the ways asksNameRE asks for a name.
const asksSeatName = `\bwho(?:'s| is| was)\s+(?:the\s+)?(?:(?:[A-Za-z]+\s+){0,2}\w+(?:'s|s')\s+(ceo|cto|cio|cfo|coo|founder|cofounder|co-founder)\b|(?:current\s+|new\s+|former\s+|first\s+)?(ceo|cto|cio|cfo|coo|founder|cofounder|co-founder)\s+(?:of|at)\s+[A-Za-z])`

var asksSeatNameRE = regexp.MustCompile(`(?i)` + asksSeatName)

// namesSeat reports whether entry e's answer names a person in the seat
// the question asks who holds, or the question asks no such thing.
func namesSeat(e *Entry, question string) bool {
	if !containsFold(question, "who") {
		return true // a cheap test first: the expression needs "who"
	}
	m := asksSeatNameRE.FindStringSubmatch(question)
	return m == nil || slices.Contains(seatsNamed(answerOf(e)), seatOfName(m[1]+m[2]))
}

// seatOfName folds the ways to write a seat: "co-founder" is "founder".
func seatOfName(seat string) string {
	seat = strings.ToLower(seat)
	if strings.HasSuffix(seat, "founder") {
		return "founder"
	}
	return seat
}

// namesOther reports whether names holds one the question does not
// already name.
func namesOther(names []string, question string) bool {
	for _, n := range names {
		if !containsFold(question, n) {
			return true
		}
	}
	return false
}
