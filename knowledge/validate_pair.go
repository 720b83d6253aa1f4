package knowledge

import (
	"strings"
	"unicode/utf8"
)

// Limits of a paired assessment, so the comparison fits one message.
const (
	minPairQuestions = 4
	maxPairQuestions = 10
	maxPairTopic     = 40 // a topic is a chart label and a line head
	maxPairAdvice    = 500
)

func validatePair(c checker, p *Pair, faqIDs map[string]bool, solo []*Assessment) {
	c.id2("id", p.ID)
	c.required("title", p.Title)
	c.required("summary", p.Summary)
	for _, a := range solo {
		if a.ID == p.ID {
			c.addf("id %q is also an assessment's: pick another", p.ID)
		}
	}
	if n := len(p.Questions); n < minPairQuestions || n > maxPairQuestions {
		c.addf("has %d questions, want %d to %d", n, minPairQuestions, maxPairQuestions)
	}
	ids := map[string]bool{}
	for i := range p.Questions {
		q := &p.Questions[i]
		name := q.ID
		switch {
		case q.ID == "":
			c.addf("question %d: id is required", i+1)
			name = q.Topic
		case ids[q.ID]:
			c.addf("question %q: duplicate question id", q.ID)
		}
		ids[q.ID] = true
		validatePairQuestion(c, name, q, faqIDs)
	}
}

func validatePairQuestion(c checker, name string, q *PairQuestion, faqIDs map[string]bool) {
	for _, f := range [...]struct{ field, v string }{{"topic", q.Topic}, {"text", q.Text}, {"advice", q.Advice}} {
		if strings.TrimSpace(f.v) == "" {
			c.addf("question %q: %s is required", name, f.field)
		}
	}
	if n := utf8.RuneCountInString(q.Topic); n > maxPairTopic {
		c.addf("question %q: topic is %d characters, at most %d allowed", name, n, maxPairTopic)
	}
	switch q.Kind {
	case "", PairScale:
		if strings.TrimSpace(q.Low) == "" || strings.TrimSpace(q.High) == "" {
			c.addf("question %q: a scale needs low and high", name)
		}
	case PairChoice:
	default:
		c.addf("question %q: kind %q: want %s or %s", name, q.Kind, PairScale, PairChoice)
	}
	if n := len(q.Options); n < minOptions || n > maxOptions {
		c.addf("question %q: has %d options, want %d to %d", name, n, minOptions, maxOptions)
	}
	texts := []string{q.Topic, q.Text, q.Advice, q.Low, q.High}
	pairReads(c, name, q.Read, faqIDs)
	for j, o := range q.Options {
		if strings.TrimSpace(o.Label) == "" {
			c.addf("question %q: option %d: label is required", name, j+1)
		}
		if n := utf8.RuneCountInString(o.Label); n > maxOptionLabel {
			c.addf("question %q: option %d: label is %d characters, at most %d allowed", name, j+1, n, maxOptionLabel)
		}
		if q.IsScale() && (o.Advice != "" || len(o.Read) > 0) {
			c.addf("question %q: option %d: only choice questions have advice per option", name, j+1)
		}
		pairReads(c, name, o.Read, faqIDs)
		texts = append(texts, o.Label, o.Advice)
	}
	for _, t := range texts {
		if utf8.RuneCountInString(t) > maxPairAdvice {
			c.addf("question %q: a text is %d characters, at most %d allowed", name, utf8.RuneCountInString(t), maxPairAdvice)
		}
		if strings.ContainsAny(t, "<>&") {
			c.addf("question %q: text %q contains <, > or &, which Slack reads as markup", name, t)
		}
	}
}

func pairReads(c checker, name string, ids []string, faqIDs map[string]bool) {
	for _, r := range ids {
		if !faqIDs[r] {
			c.addf("question %q: read id %q does not exist", name, r)
		}
	}
}
