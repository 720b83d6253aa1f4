package evalset

import (
	"fmt"
	"io"
	"strings"
)

// Result is one case with the reply it got and its verdict.
type Result struct {
	Case    Case
	Reply   string
	Verdict Verdict
}

// Report sums Results per kind.
type Report struct {
	Results []Result
}

// Tally is the pass count of one kind.
type Tally struct{ Pass, Total int }

// Rate is Pass/Total, 0 for no cases.
func (t Tally) Rate() float64 {
	if t.Total == 0 {
		return 0
	}
	return float64(t.Pass) / float64(t.Total)
}

// Kind tallies the cases of one kind.
func (r *Report) Kind(kind string) Tally {
	var t Tally
	for _, res := range r.Results {
		if res.Case.Kind == kind {
			t.Total++
			if res.Verdict.Pass {
				t.Pass++
			}
		}
	}
	return t
}

// ConfidentWrong counts decline cases answered as if known.
func (r *Report) ConfidentWrong() Tally {
	var t Tally
	for _, res := range r.Results {
		if res.Case.Kind == KindDecline {
			t.Total++
			if res.Verdict.ConfidentWrong {
				t.Pass++
			}
		}
	}
	return t
}

// Write prints the rates per kind, the confident wrong answers and every
// failure with its reply, so a person can read why.
func (r *Report) Write(w io.Writer, failures bool) {
	for _, k := range []string{KindAnswer, KindCompare, KindDecline} {
		t := r.Kind(k)
		fmt.Fprintf(w, "%-9s %5.1f%%  (%d/%d)\n", k, 100*t.Rate(), t.Pass, t.Total)
	}
	cw := r.ConfidentWrong()
	fmt.Fprintf(w, "confident wrong %5.1f%% of decline cases (%d/%d)\n", 100*cw.Rate(), cw.Pass, cw.Total)
	if !failures {
		return
	}
	for _, res := range r.Results {
		if res.Verdict.Pass {
			continue
		}
		label := "FAIL"
		if res.Verdict.ConfidentWrong {
			label = "CONFIDENT WRONG"
		}
		fmt.Fprintf(w, "\n%s %s [%s]: %q\n", label, res.Case.ID, res.Case.Kind, res.Case.Q)
		for _, g := range res.Verdict.Missing {
			fmt.Fprintf(w, "  missing one of: %s\n", strings.Join(g, " | "))
		}
		if len(res.Verdict.Forbidden) > 0 {
			fmt.Fprintf(w, "  must not say: %s\n", strings.Join(res.Verdict.Forbidden, " | "))
		}
		fmt.Fprintf(w, "  reply: %s\n", strings.ReplaceAll(strings.TrimSpace(res.Reply), "\n", "\n         "))
	}
}
