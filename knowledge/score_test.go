package knowledge

import (
	"os"
	"testing"
)

func fixtureAssessment(t *testing.T) *Assessment {
	t.Helper()
	dir := writeKB(t, map[string]string{"kb.yaml": readFixture(t)})
	b, err := LoadFS(os.DirFS(dir))
	if err != nil {
		t.Fatalf("load fixture: %v", err)
	}
	a, ok := b.AssessmentByID("readiness")
	if !ok {
		t.Fatal("fixture assessment readiness not found")
	}
	return a
}

func TestScoreRange(t *testing.T) {
	a := fixtureAssessment(t)
	if got := a.MinScore(); got != 1 {
		t.Errorf("MinScore = %d, want 1", got)
	}
	if got := a.MaxScore(); got != 10 {
		t.Errorf("MaxScore = %d, want 10", got)
	}
}

func TestScore(t *testing.T) {
	a := fixtureAssessment(t)
	tests := []struct {
		name      string
		answers   []int
		wantTotal int
		wantBand  string
		wantWeak  string // id of the weakest dimension
	}{
		{"lowest", []int{0, 0, 0, 0}, 1, "Not yet", "selling"},
		{"top of first band", []int{1, 1, 0, 0}, 4, "Not yet", "product"},
		{"bottom of second band", []int{1, 1, 0, 1}, 6, "Ready", "product"},
		{"highest", []int{1, 2, 1, 1}, 10, "Ready", "selling"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := a.Score(tt.answers)
			if err != nil {
				t.Fatalf("Score: %v", err)
			}
			if res.Total != tt.wantTotal || res.Max != 10 {
				t.Errorf("got total %d/%d, want %d/10", res.Total, res.Max, tt.wantTotal)
			}
			if res.Band == nil || res.Band.Title != tt.wantBand {
				t.Errorf("got band %+v, want %q", res.Band, tt.wantBand)
			}
			weak := res.Weakest()
			if len(weak) != 2 || weak[0].Dimension.ID != tt.wantWeak {
				t.Errorf("got weakest %+v, want %s first", weak, tt.wantWeak)
			}
		})
	}
}

func TestScoreDimensions(t *testing.T) {
	a := fixtureAssessment(t)
	res, err := a.Score([]int{1, 1, 0, 1})
	if err != nil {
		t.Fatalf("Score: %v", err)
	}
	sell, prod := res.Dimensions[0], res.Dimensions[1]
	if sell.Score != 3 || sell.Max != 4 || sell.Percent() != 75 {
		t.Errorf("selling = %+v (%d%%), want 3/4 75%%", sell, sell.Percent())
	}
	if prod.Score != 3 || prod.Max != 6 || prod.Percent() != 50 {
		t.Errorf("product = %+v (%d%%), want 3/6 50%%", prod, prod.Percent())
	}
	if (DimensionScore{}).Percent() != 0 {
		t.Error("Percent of an empty dimension is not 0")
	}
}

func TestScoreErrors(t *testing.T) {
	a := fixtureAssessment(t)
	tests := []struct {
		name    string
		answers []int
	}{
		{"too few", []int{0, 0, 0}},
		{"too many", []int{0, 0, 0, 0, 0}},
		{"out of range", []int{0, 0, 0, 2}},
		{"negative", []int{-1, 0, 0, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := a.Score(tt.answers); err == nil {
				t.Errorf("Score(%v) succeeded, want an error", tt.answers)
			}
		})
	}
}

func TestEmbeddedAssessmentsScoreEveryExtreme(t *testing.T) {
	b := loadReal(t)
	for _, a := range b.Assessments {
		lo, hi := make([]int, len(a.Questions)), make([]int, len(a.Questions))
		for i, q := range a.Questions {
			for j, o := range q.Options {
				if o.Score < q.Options[lo[i]].Score {
					lo[i] = j
				}
				if o.Score > q.Options[hi[i]].Score {
					hi[i] = j
				}
			}
		}
		for _, ans := range [][]int{lo, hi} {
			if _, err := a.Score(ans); err != nil {
				t.Errorf("assessment %s: %v", a.ID, err)
			}
		}
	}
}

func TestWeakestHonoursHighIsWeak(t *testing.T) {
	r := Result{Dimensions: []DimensionScore{
		{Dimension: Dimension{ID: "a"}, Score: 1, Max: 4},
		{Dimension: Dimension{ID: "b"}, Score: 3, Max: 4},
	}}
	if got := r.Weakest()[0].Dimension.ID; got != "a" {
		t.Errorf("got weakest %q, want the lowest share a", got)
	}
	r.HighIsWeak = true
	if got := r.Weakest()[0].Dimension.ID; got != "b" {
		t.Errorf("got weakest %q, want the highest share b when a high score is the problem", got)
	}
}
