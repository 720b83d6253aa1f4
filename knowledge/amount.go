package knowledge

import "slices"

// amountUnmet reports whether the question asks how much money something
// cost or paid, and no sentence of document d's answer gives an amount
// together with one of the question's own words: "how much did Matt
// Watson pay to buy out his co-founder?" is not answered by the price
// VinSolutions sold for, though both are sums and the buyout is named.
// Words every question of the kind holds (the seats, names, pay and cost)
// do not count, nor those of the entry's own phrasings of its question
// ("a US CTO"): its amount is of what it is asked. A question of only
// those is left to typeUnmet. An entry
// that works its figures out on the asker's own numbers is left alone.
func (ix *index) amountUnmet(s *scratch, d int) bool {
	e := ix.docs[d].entry
	if s.worksOut(e) {
		return false
	}
	if !slices.ContainsFunc(s.segs, func(sg segment) bool {
		return sg.ask && containsFold(sg.text, "how much") && asksMoneyRE.MatchString(sg.text)
	}) {
		return false
	}
	var of []int32
	for _, t := range s.out {
		if t.w == 1 && !t.ctx && t.term >= 0 && ix.idf[t.term] >= minAskIDF && !ix.isRole(t.term) && !ix.isName(t.term) &&
			t.term != ix.payTerm && t.term != ix.costTerm && !ix.askedIn(d, t.term) && !slices.Contains(of, t.term) {
			of = append(of, t.term)
		}
	}
	return len(of) > 0 && !ix.givesWith(answerOf(e), moneyRE, of)
}

// askedIn reports whether one of FAQ document d's phrasings of its
// question, not its situations, holds term.
func (ix *index) askedIn(d int, term int32) bool {
	for e := ix.exStart[d]; e < ix.exStart[d+1]; e++ {
		if _, ok := slices.BinarySearch(ix.exPost[term], e); ok && !ix.exSituation[e] {
			return true
		}
	}
	return false
}
