package knowledge

import (
	"os"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// evalSet is testdata/eval.yaml.
type evalSet struct {
	Questions []struct {
		Q    string `yaml:"q"`
		Want string `yaml:"want"`
	} `yaml:"questions"`
	Offtopic []string `yaml:"offtopic"`
}

func loadEval(t testing.TB) evalSet {
	t.Helper()
	data, err := os.ReadFile("testdata/eval.yaml")
	if err != nil {
		t.Fatalf("read eval set: %v", err)
	}
	var set evalSet
	if err := yaml.Unmarshal(data, &set); err != nil {
		t.Fatalf("parse eval set: %v", err)
	}
	if len(set.Questions) == 0 {
		t.Fatal("eval set has no questions")
	}
	return set
}

func loadReal(t testing.TB) *Base {
	t.Helper()
	b, err := Load("")
	if err != nil {
		t.Fatalf("load embedded knowledge: %v", err)
	}
	return b
}

// answerID names what an answer points at, in eval.yaml's terms.
func answerID(a Answer) string {
	switch a.Kind {
	case AnswerFAQ:
		return a.Entry.ID
	case AnswerRow:
		return "row:" + a.Comparison.ID + "/" + a.Row.ID
	case AnswerComparison:
		return "comparison:" + a.Comparison.ID
	case AnswerGreeting:
		return "greeting"
	case AnswerGap:
		return "gap:" + a.Entry.ID
	}
	return ""
}

// TestEval measures retrieval on the real content: top-1 accuracy on
// on-topic questions and the false-answer rate (a confident answer that is
// wrong, or any answer to an off-topic message) over all messages.
func TestEval(t *testing.T) {
	b := loadReal(t)
	set := loadEval(t)
	verbose := os.Getenv("KB_EVAL_VERBOSE") != ""
	for _, q := range set.Questions {
		for _, w := range strings.Split(q.Want, "|") {
			if !strings.HasPrefix(w, "row:") && !strings.HasPrefix(w, "comparison:") {
				if _, ok := b.Entry(w); !ok {
					t.Errorf("eval question %q wants unknown entry %q", q.Q, w)
				}
			}
		}
	}
	correct, wrong, declined := 0, 0, 0
	for _, q := range set.Questions {
		a := b.Search(q.Q)
		got := answerID(a)
		switch {
		case slices.Contains(strings.Split(q.Want, "|"), got):
			correct++
		case a.Kind == AnswerNone || a.Kind == AnswerGap:
			declined++
			t.Logf("declined %q (want %s, score %.2f)", q.Q, q.Want, a.Score)
		default:
			wrong++
			t.Logf("WRONG    %q: got %s, want %s (score %.2f)", q.Q, got, q.Want, a.Score)
		}
		if verbose {
			t.Logf("  %-60q -> %-30s %.2f", q.Q, got, a.Score)
		}
	}
	answeredOff := 0
	for _, q := range set.Offtopic {
		a := b.Search(q)
		if a.Kind != AnswerNone && a.Kind != AnswerGap {
			answeredOff++
			t.Logf("OFFTOPIC %q answered with %s (score %.2f)", q, answerID(a), a.Score)
		} else if verbose {
			t.Logf("  offtopic %-50q declined %.2f", q, a.Score)
		}
	}
	n := len(set.Questions)
	accuracy := float64(correct) / float64(n)
	falseRate := float64(wrong+answeredOff) / float64(n+len(set.Offtopic))
	t.Logf("top-1 accuracy %.1f%% (%d/%d, %d declined, %d wrong); false-answer rate %.1f%% (%d wrong + %d off-topic answered, over %d messages)",
		100*accuracy, correct, n, declined, wrong, 100*falseRate, wrong, answeredOff, n+len(set.Offtopic))
	if accuracy < 0.90 {
		t.Errorf("top-1 accuracy %.1f%%, want at least 90%%", 100*accuracy)
	}
	if falseRate > 0.05 {
		t.Errorf("false-answer rate %.1f%%, want at most 5%%", 100*falseRate)
	}
}

// BenchmarkSearch runs every eval message through Search.
func BenchmarkSearch(b *testing.B) {
	kb := loadReal(b)
	set := loadEval(b)
	var msgs []string
	for _, q := range set.Questions {
		msgs = append(msgs, q.Q)
	}
	msgs = append(msgs, set.Offtopic...)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		kb.Search(msgs[i%len(msgs)])
	}
}
