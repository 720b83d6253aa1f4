package knowledge

import (
	"fmt"
	"sort"
)

// MinScore is the lowest total an assessment can produce.
func (a *Assessment) MinScore() int {
	total := 0
	for _, q := range a.Questions {
		if len(q.Options) == 0 {
			continue
		}
		lo := q.Options[0].Score
		for _, o := range q.Options[1:] {
			lo = min(lo, o.Score)
		}
		total += lo
	}
	return total
}

// MaxScore is the highest total an assessment can produce.
func (a *Assessment) MaxScore() int {
	total := 0
	for _, q := range a.Questions {
		total += maxOption(q)
	}
	return total
}

func maxOption(q Question) int {
	hi := 0
	for i, o := range q.Options {
		if i == 0 || o.Score > hi {
			hi = o.Score
		}
	}
	return hi
}

// DimensionScore is the points scored on one dimension out of its maximum.
type DimensionScore struct {
	Dimension Dimension
	Score     int
	Max       int
}

// Percent is Score as a percentage of Max (0 when Max is 0).
func (d DimensionScore) Percent() int {
	if d.Max <= 0 {
		return 0
	}
	return d.Score * 100 / d.Max
}

// Result is a scored assessment.
type Result struct {
	Total      int
	Max        int
	Dimensions []DimensionScore // in the assessment's dimension order
	Band       *Band            // the band Total falls in
	HighIsWeak bool             // from the assessment: a high score is the problem
}

// Score totals the chosen options; answers[i] is the index of the option
// chosen for question i. Every question must be answered.
func (a *Assessment) Score(answers []int) (Result, error) {
	if len(answers) != len(a.Questions) {
		return Result{}, fmt.Errorf("score assessment %s: got %d answers, want %d", a.ID, len(answers), len(a.Questions))
	}
	res := Result{Dimensions: make([]DimensionScore, len(a.Dimensions)), HighIsWeak: a.HighIsWeak}
	dimIndex := make(map[string]int, len(a.Dimensions))
	for i, d := range a.Dimensions {
		res.Dimensions[i].Dimension = d
		dimIndex[d.ID] = i
	}
	for i, q := range a.Questions {
		choice := answers[i]
		if choice < 0 || choice >= len(q.Options) {
			return Result{}, fmt.Errorf("score assessment %s: question %d: option %d out of range", a.ID, i+1, choice)
		}
		s, hi := q.Options[choice].Score, maxOption(q)
		res.Total += s
		res.Max += hi
		if d, ok := dimIndex[q.Dimension]; ok {
			res.Dimensions[d].Score += s
			res.Dimensions[d].Max += hi
		}
	}
	for i := range a.Bands {
		if b := &a.Bands[i]; res.Total >= b.Min && res.Total <= b.Max {
			res.Band = b
			break
		}
	}
	if res.Band == nil {
		return Result{}, fmt.Errorf("score assessment %s: no band covers total %d", a.ID, res.Total)
	}
	return res, nil
}

// Weakest returns the dimensions that have questions, weakest first (the
// lowest percentage, or the highest where a high score is the problem),
// so advice can start where it helps most.
func (r Result) Weakest() []DimensionScore {
	out := make([]DimensionScore, 0, len(r.Dimensions))
	for _, d := range r.Dimensions {
		if d.Max > 0 {
			out = append(out, d)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if r.HighIsWeak {
			return out[i].Score*out[j].Max > out[j].Score*out[i].Max
		}
		return out[i].Score*out[j].Max < out[j].Score*out[i].Max
	})
	return out
}
