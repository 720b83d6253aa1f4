package knowledge

import (
	"fmt"
	"sort"
)

// Pair is a paired assessment: two co-founders answer the same questions
// privately, then see side by side where they agree and where they differ,
// with what the knowledge says about each difference. Nothing is scored:
// a pair's result is its gaps.
type Pair struct {
	ID        string         `yaml:"id"`
	Title     string         `yaml:"title"`
	Summary   string         `yaml:"summary"`
	Questions []PairQuestion `yaml:"questions"` // 4 to 10
	Source    string         `yaml:"-"`
}

// Kinds of pair question.
const (
	// PairScale options are ordered from Low to High: a difference has a
	// size (how many steps apart the two answers are), and the chart shows it.
	PairScale = "scale"
	// PairChoice options are not ordered: two answers are the same or not,
	// and an option's own advice applies whenever someone picks it.
	PairChoice = "choice"
)

// PairQuestion is one question both founders answer.
type PairQuestion struct {
	ID    string `yaml:"id"`
	Topic string `yaml:"topic"` // short name in the comparison and the chart, e.g. "Product vision"
	Text  string `yaml:"text"`
	Kind  string `yaml:"kind"` // PairScale (the default) or PairChoice
	// Low and High name the two ends of a scale ("CEO", "CTO"): the chart's
	// labels for its first and last option.
	Low     string       `yaml:"low"`
	High    string       `yaml:"high"`
	Options []PairOption `yaml:"options"` // 2 to 5
	Advice  string       `yaml:"advice"`  // what to do when the two answers differ
	Read    []string     `yaml:"read"`    // FAQ entry ids about a difference
}

// PairOption is one answer to a pair question.
type PairOption struct {
	Label string `yaml:"label"` // button text, at most 75 characters
	// Advice and Read apply whenever someone picks this option (choice
	// questions only), agreeing or not.
	Advice string   `yaml:"advice"`
	Read   []string `yaml:"read"`
}

// IsScale reports whether q's options are ordered.
func (q *PairQuestion) IsScale() bool { return q.Kind == "" || q.Kind == PairScale }

// PairGap is how two founders answered one question.
type PairGap struct {
	Question *PairQuestion
	A, B     int // the two answers, option indices
	// Size is how far apart the answers are, from 0 (the same) to 1 (the
	// two ends of a scale, or two different choices).
	Size float64
	// Steps is, for a scale, how many options apart the answers are.
	Steps  int
	Advice []string // what applies, the question's first when they differ
	Read   []string // FAQ entry ids that apply, without repeats
}

// Same reports whether both founders gave the same answer.
func (g PairGap) Same() bool { return g.A == g.B }

// Position is where option i lies on q's scale, from 0 (Low) to 1 (High).
func (q *PairQuestion) Position(i int) float64 {
	if len(q.Options) < 2 {
		return 0
	}
	return float64(i) / float64(len(q.Options)-1)
}

// Compare sets the two founders' answers (one option index per question,
// in order) side by side.
func (p *Pair) Compare(a, b []int) ([]PairGap, error) {
	if len(a) != len(p.Questions) || len(b) != len(p.Questions) {
		return nil, fmt.Errorf("compare pair %s: %d and %d answers for %d questions", p.ID, len(a), len(b), len(p.Questions))
	}
	gaps := make([]PairGap, len(p.Questions))
	for i := range p.Questions {
		q := &p.Questions[i]
		if a[i] < 0 || a[i] >= len(q.Options) || b[i] < 0 || b[i] >= len(q.Options) {
			return nil, fmt.Errorf("compare pair %s: question %s: answers %d and %d out of range", p.ID, q.ID, a[i], b[i])
		}
		gaps[i] = gapOf(q, a[i], b[i])
	}
	return gaps, nil
}

func gapOf(q *PairQuestion, a, b int) PairGap {
	g := PairGap{Question: q, A: a, B: b}
	seen := map[string]bool{}
	add := func(advice string, read []string) {
		if advice != "" && !seen["\x00"+advice] {
			seen["\x00"+advice] = true
			g.Advice = append(g.Advice, advice)
		}
		for _, r := range read {
			if !seen[r] {
				seen[r] = true
				g.Read = append(g.Read, r)
			}
		}
	}
	if a != b {
		g.Size = 1
		if q.IsScale() {
			g.Steps = max(a-b, b-a)
			g.Size = float64(g.Steps) / float64(len(q.Options)-1)
		}
		add(q.Advice, q.Read)
	}
	if !q.IsScale() {
		add(q.Options[a].Advice, q.Options[a].Read)
		add(q.Options[b].Advice, q.Options[b].Read)
	}
	return g
}

// BiggestGaps returns up to n of the differences in gaps, the largest
// first (ties in question order).
func BiggestGaps(gaps []PairGap, n int) []PairGap {
	var out []PairGap
	for _, g := range gaps {
		if !g.Same() {
			out = append(out, g)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Size > out[j].Size })
	if len(out) > n {
		out = out[:n]
	}
	return out
}
