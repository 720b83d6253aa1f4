package knowledge

// figureFit is how much more an entry weighs when its figure can work the
// one amount of pay a message gives, in the way the message asks.
const figureFit = 2

// fitFigures favours the entries that can work the asker's own amount of
// pay. Asked what the amount costs ("we'd hire an engineer at 150k, what
// does that cost us?"), the multiplier that loads it answers; asked
// anything else of it ("180k for a CTO, is that competitive?"), the range
// it sits in. The amount tells more than the words: the market range for
// the seat answers neither "what does my 150k cost" nor does the
// multiplier say whether 180k is enough.
func (ix *index) fitFigures(s *scratch, query string) {
	if !mayHoldMoney(query) {
		return // readFigures is regular expressions: most messages skip it
	}
	f := s.figures(query)
	if f.Amount <= 0 {
		return
	}
	asksCost := false
	for _, t := range s.out {
		if t.w == 1 && t.term == ix.costTerm {
			asksCost = true
			break
		}
	}
	for _, d := range s.touched {
		doc := ix.docs[d]
		if doc.kind != docFAQ {
			continue
		}
		if len(doc.entry.Figures) == 0 {
			continue
		}
		// An entry's first figure is the one it is about: the CTO's pay
		// entry also loads a base, but it is about the range.
		fg := doc.entry.Figures[0]
		fits := (fg.Kind == FigureMultiplier && asksCost) || (fg.Kind == FigureRange && !asksCost)
		if fits && fg.Worked(f) != "" {
			s.scores[d] *= figureFit
		}
	}
}

// mayHoldMoney reports whether text may give an amount of money: a "$", a
// figure with a unit ("160k", "2 million"), or one of five digits or more
// ("160,000"), as readFigures reads them.
func mayHoldMoney(text string) bool {
	digits := 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c == '$':
			return true
		case c >= '0' && c <= '9':
			digits++
			if digits >= 5 {
				return true
			}
			continue
		case c == ',' && digits > 0:
			continue // "160,000"
		case digits > 0:
			j := i
			if c == ' ' && j+1 < len(text) {
				j++
			}
			switch text[j] | 0x20 {
			case 'k', 'm', 't':
				return true // "160k", "2m", "2 million", "5 thousand"
			}
		}
		digits = 0
	}
	return false
}

// figures returns the message's own figures, reading them once per search.
func (s *scratch) figures(query string) Figures {
	if !s.figsRead {
		s.figs, s.figsRead = readFigures(query), true
	}
	return s.figs
}
