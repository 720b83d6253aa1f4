package knowledge

import (
	"sort"
	"strings"
	"unicode/utf8"
)

func validateAssessment(c checker, a *Assessment, faqIDs map[string]bool) {
	c.id2("id", a.ID)
	c.required("title", a.Title)
	validateAudience(c, a.Audience)
	dims := map[string]bool{}
	for i, d := range a.Dimensions {
		switch {
		case d.ID == "":
			c.addf("dimension %d: id is required", i+1)
		case !idPattern.MatchString(d.ID):
			c.addf("dimension %q: id must match %s", d.ID, idPattern)
		case dims[d.ID]:
			c.addf("dimension %q: duplicate dimension id", d.ID)
		}
		if d.ID != "" && strings.TrimSpace(d.Name) == "" {
			c.addf("dimension %q: name is required", d.ID)
		}
		dims[d.ID] = true
	}
	if n := len(a.Questions); n < minQuestions || n > maxQuestions {
		c.addf("has %d questions, want %d to %d", n, minQuestions, maxQuestions)
	}
	qids := map[string]bool{}
	for i, q := range a.Questions {
		name := q.ID
		if name == "" {
			c.addf("question %d: id is required", i+1)
			name = strings.TrimSpace(q.Text)
		} else if qids[q.ID] {
			c.addf("question %q: duplicate question id", q.ID)
		}
		qids[q.ID] = true
		if strings.TrimSpace(q.Text) == "" {
			c.addf("question %q: text is required", name)
		}
		if q.Dimension == "" {
			c.addf("question %q: dimension is required", name)
		} else if !dims[q.Dimension] {
			c.addf("question %q: dimension %q does not exist", name, q.Dimension)
		}
		if n := len(q.Options); n < minOptions || n > maxOptions {
			c.addf("question %q: has %d options, want %d to %d", name, n, minOptions, maxOptions)
		}
		for j, o := range q.Options {
			if strings.TrimSpace(o.Label) == "" {
				c.addf("question %q: option %d: label is required", name, j+1)
			}
			if n := utf8.RuneCountInString(o.Label); n > maxOptionLabel {
				c.addf("question %q: option %d: label is %d characters, at most %d allowed", name, j+1, n, maxOptionLabel)
			}
			if o.Score < 0 {
				c.addf("question %q: option %d: score %d is negative", name, j+1, o.Score)
			}
		}
	}
	validateBands(c, a, faqIDs)
}

// validateBands checks that the bands tile [MinScore, MaxScore] exactly, so
// every possible total lands in exactly one band.
func validateBands(c checker, a *Assessment, faqIDs map[string]bool) {
	if len(a.Bands) == 0 {
		c.addf("bands: at least one band is required")
		return
	}
	for i, b := range a.Bands {
		if strings.TrimSpace(b.Title) == "" {
			c.addf("band %d: title is required", i+1)
		}
		if strings.TrimSpace(b.Recommendation) == "" {
			c.addf("band %d: recommendation is required", i+1)
		}
		if b.Min > b.Max {
			c.addf("band %d: min %d is greater than max %d", i+1, b.Min, b.Max)
		}
		for _, r := range b.Read {
			if !faqIDs[r] {
				c.addf("band %d: read id %q does not exist", i+1, r)
			}
		}
	}
	bands := make([]Band, len(a.Bands))
	copy(bands, a.Bands)
	sort.SliceStable(bands, func(i, j int) bool { return bands[i].Min < bands[j].Min })
	lo, hi := a.MinScore(), a.MaxScore()
	if bands[0].Min != lo {
		c.addf("bands start at %d, want the lowest possible total %d", bands[0].Min, lo)
	}
	for i := 1; i < len(bands); i++ {
		prev, cur := bands[i-1], bands[i]
		switch {
		case cur.Min <= prev.Max:
			c.addf("bands %d-%d and %d-%d overlap", prev.Min, prev.Max, cur.Min, cur.Max)
		case cur.Min > prev.Max+1:
			c.addf("bands leave a gap between %d and %d", prev.Max, cur.Min)
		}
	}
	if last := bands[len(bands)-1]; last.Max != hi {
		c.addf("bands end at %d, want the highest possible total %d", last.Max, hi)
	}
}
