package knowledge

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Kinds of item named in a Problem.
const (
	kindComparison = "comparison"
	kindFAQ        = "faq entry"
	kindTip        = "tip"
	kindAssessment = "assessment"
	kindPair       = "pair"
)

// Limits the content must respect so every answer fits Slack's blocks.
const (
	maxShort       = 300  // FAQ short answer, characters
	maxLong        = 2900 // FAQ long answer; a section block holds 3000
	maxTipText     = 500
	maxOptionLabel = 75 // button text limit
	minQuestions   = 4
	maxQuestions   = 7
	minOptions     = 2
	maxOptions     = 5
)

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// knownAudiences are the audience values tips and assessments may use.
var knownAudiences = map[string]bool{
	AudienceFounder: true, AudienceCEO: true, AudienceCTO: true, AudienceTeamLead: true,
}

// Problem is one thing wrong with the knowledge files.
type Problem struct {
	File    string // the file the item came from
	Kind    string // "faq entry", "tip", "assessment", "pair", "comparison" or "file"
	ID      string // the item's id, if it has one
	Message string
}

// String renders the problem as `file: kind "id": message`.
func (p Problem) String() string {
	if p.ID == "" {
		if p.Kind == "" || p.Kind == "file" {
			return fmt.Sprintf("%s: %s", p.File, p.Message)
		}
		return fmt.Sprintf("%s: %s: %s", p.File, p.Kind, p.Message)
	}
	return fmt.Sprintf("%s: %s %q: %s", p.File, p.Kind, p.ID, p.Message)
}

// ValidationError lists every problem found, so an author fixes them all in
// one pass rather than one per run.
type ValidationError struct {
	Problems []Problem
}

// Error lists the problems one per line.
func (e *ValidationError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// checker accumulates problems for one item.
type checker struct {
	problems *[]Problem
	file     string
	kind     string
	id       string
}

func (c checker) addf(format string, args ...any) {
	*c.problems = append(*c.problems, Problem{File: c.file, Kind: c.kind, ID: c.id, Message: fmt.Sprintf(format, args...)})
}

func (c checker) required(field, value string) {
	if strings.TrimSpace(value) == "" {
		c.addf("%s is required", field)
	}
}

func (c checker) maxLen(field, value string, limit int) {
	if n := utf8.RuneCountInString(value); n > limit {
		c.addf("%s is %d characters, at most %d allowed", field, n, limit)
	}
}

func (c checker) id2(field, value string) {
	if value == "" {
		c.addf("%s is required", field)
	} else if !idPattern.MatchString(value) {
		c.addf("%s %q must match %s", field, value, idPattern)
	}
}

// validate checks the merged base and returns every problem.
func validate(b *Base) []Problem {
	var ps []Problem
	faqIDs := map[string]bool{}
	for _, e := range b.FAQ {
		faqIDs[e.ID] = true
	}
	for _, e := range b.FAQ {
		validateEntry(checker{&ps, e.Source, kindFAQ, e.ID}, e, faqIDs)
	}
	for _, c := range b.Comparisons {
		validateComparison(checker{&ps, c.Source, kindComparison, c.ID}, c, faqIDs)
	}
	for _, t := range b.Tips {
		validateTip(checker{&ps, t.Source, kindTip, t.ID}, t, faqIDs)
	}
	for _, a := range b.Assessments {
		validateAssessment(checker{&ps, a.Source, kindAssessment, a.ID}, a, faqIDs)
	}
	for _, p := range b.Pairs {
		validatePair(checker{&ps, p.Source, kindPair, p.ID}, p, faqIDs, b.Assessments)
	}
	return ps
}

func validateEntry(c checker, e *Entry, faqIDs map[string]bool) {
	c.id2("id", e.ID)
	c.required("question", e.Question)
	c.required("short", e.Short)
	if !e.Gap {
		c.required("long", e.Long)
	}
	for _, f := range e.Figures {
		switch f.Kind {
		case FigureMultiplier, FigureRange:
			if f.Low <= 0 || f.High < f.Low {
				c.addf("figure %s: want 0 < low <= high, got %v and %v", f.Kind, f.Low, f.High)
			}
		case FigureRevenueMultiple:
			if f.Low <= 0 {
				c.addf("figure %s: want low > 0, got %v", f.Kind, f.Low)
			}
		case FigurePercent:
			if f.Low <= 0 || f.Low > 1 {
				c.addf("figure %s: want 0 < low <= 1, got %v", f.Kind, f.Low)
			}
		default:
			c.addf("figure kind %q: want %s, %s, %s or %s", f.Kind, FigureMultiplier, FigureRange, FigurePercent, FigureRevenueMultiple)
		}
		c.required("figure label", f.Label)
	}
	c.maxLen("short", e.Short, maxShort)
	c.maxLen("long", e.Long, maxLong)
	validateAnswered(c, e)
	for _, r := range e.Related {
		if !faqIDs[r] {
			c.addf("related id %q does not exist", r)
		} else if r == e.ID {
			c.addf("related id %q is the entry itself", r)
		}
	}
}

func validateComparison(c checker, cmp *Comparison, faqIDs map[string]bool) {
	c.id2("id", cmp.ID)
	c.required("title", cmp.Title)
	c.required("left.key", cmp.Left.Key)
	c.required("left.name", cmp.Left.Name)
	c.required("right.key", cmp.Right.Key)
	c.required("right.name", cmp.Right.Name)
	if cmp.Left.Key != "" && strings.EqualFold(cmp.Left.Key, cmp.Right.Key) {
		c.addf("left and right roles have the same key %q", cmp.Left.Key)
	}
	if len(cmp.Rows) == 0 {
		c.addf("rows: at least one row is required")
	}
	rowIDs := map[string]bool{}
	for i, r := range cmp.Rows {
		if r.ID == "" {
			c.addf("row %d: id is required", i+1)
		} else if !idPattern.MatchString(r.ID) {
			c.addf("row %q: id must match %s", r.ID, idPattern)
		} else if rowIDs[r.ID] {
			c.addf("row %q: duplicate row id", r.ID)
		}
		rowIDs[r.ID] = true
		name := r.ID
		if name == "" {
			name = fmt.Sprint(i + 1)
		}
		for _, f := range [...]struct{ field, v string }{{"dimension", r.Dimension}, {"left", r.Left}, {"right", r.Right}} {
			if strings.TrimSpace(f.v) == "" {
				c.addf("row %q: %s is required", name, f.field)
			}
		}
	}
	for _, r := range cmp.Related {
		if !faqIDs[r] {
			c.addf("related id %q does not exist", r)
		}
	}
}

func validateTip(c checker, t *Tip, faqIDs map[string]bool) {
	c.id2("id", t.ID)
	c.required("text", t.Text)
	c.required("topic", t.Topic)
	c.maxLen("text", t.Text, maxTipText)
	if strings.ContainsAny(t.Text, "<>") {
		c.addf("text contains a raw < or >; write &lt; / &gt; or rephrase")
	}
	validateAudience(c, t.Audience)
	if t.Related != "" && !faqIDs[t.Related] {
		c.addf("related id %q does not exist", t.Related)
	}
}

func validateAudience(c checker, aud []string) {
	if len(aud) == 0 {
		c.addf("audience is required")
	}
	for _, a := range aud {
		if !knownAudiences[a] {
			c.addf("audience %q is not one of founder, ceo, cto, team-lead", a)
		}
	}
}
