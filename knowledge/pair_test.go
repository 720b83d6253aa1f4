package knowledge

import (
	"errors"
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

const pairFixture = `
faq:
  - id: own-it
    question: "Who owns it?"
    short: "One person."
    long: "One person owns it."
pairs:
  - id: duo
    title: "Duo"
    summary: "Four questions."
    questions:
      - id: vision
        topic: "Vision"
        text: "Who owns the vision?"
        low: CEO
        high: CTO
        options: [{label: "CEO"}, {label: "Both"}, {label: "CTO"}]
        advice: "Name one owner."
        read: [own-it]
      - id: selling
        topic: "Selling"
        text: "Who sells?"
        low: CEO
        high: CTO
        options: [{label: "CEO"}, {label: "Mostly CEO"}, {label: "Both"}, {label: "Mostly CTO"}, {label: "CTO"}]
        advice: "Name the seller."
      - id: board
        topic: "Board"
        text: "Who faces the board?"
        low: CEO
        high: CTO
        options: [{label: "CEO"}, {label: "CTO"}]
        advice: "Decide who runs the meetings."
      - id: stop
        topic: "Stop"
        text: "What should the other stop?"
        kind: choice
        options:
          - {label: "Coding", advice: "Sell first.", read: [own-it]}
          - {label: "Nothing"}
        advice: "Talk it through."
`

func loadPairs(t *testing.T, src string) (*Base, error) {
	t.Helper()
	return LoadFS(fstest.MapFS{"kb.yaml": {Data: []byte(src)}})
}

func TestPairCompare(t *testing.T) {
	b, err := loadPairs(t, pairFixture)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	p, ok := b.PairByID("duo")
	if !ok {
		t.Fatal("no pair duo")
	}
	gaps, err := p.Compare([]int{0, 0, 1, 0}, []int{2, 1, 1, 1})
	if err != nil {
		t.Fatalf("compare: %v", err)
	}
	tests := []struct {
		name   string
		g      PairGap
		same   bool
		size   float64
		steps  int
		advice string
		reads  int
	}{
		{"opposite ends", gaps[0], false, 1, 2, "Name one owner.", 1},
		{"one step of four", gaps[1], false, 0.25, 1, "Name the seller.", 0},
		{"the same", gaps[2], true, 0, 0, "", 0},
		{"choice differs: the question's advice, then each pick's", gaps[3], false, 1, 0, "Talk it through.|Sell first.", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := tt.g
			if g.Same() != tt.same || g.Size != tt.size || g.Steps != tt.steps {
				t.Errorf("got same %v size %v steps %d, want %v %v %d", g.Same(), g.Size, g.Steps, tt.same, tt.size, tt.steps)
			}
			if got := strings.Join(g.Advice, "|"); got != tt.advice {
				t.Errorf("got advice %q, want %q", got, tt.advice)
			}
			if len(g.Read) != tt.reads {
				t.Errorf("got reads %v, want %d", g.Read, tt.reads)
			}
		})
	}
	big := BiggestGaps(gaps, 2)
	if len(big) != 2 || big[0].Question.ID != "vision" || big[1].Question.ID != "stop" {
		t.Errorf("got biggest %v, want vision then stop (ties in question order)", big)
	}
	// Both picking an option with advice: it applies though they agree.
	same, _ := p.Compare([]int{0, 0, 0, 0}, []int{0, 0, 0, 0})
	if !same[3].Same() || len(same[3].Advice) != 1 || same[3].Advice[0] != "Sell first." {
		t.Errorf("got %+v, want the pick's advice once", same[3])
	}
	if _, err := p.Compare([]int{0}, []int{0, 0, 0, 0}); err == nil {
		t.Error("got no error for too few answers")
	}
	if _, err := p.Compare([]int{0, 0, 0, 9}, []int{0, 0, 0, 0}); err == nil {
		t.Error("got no error for an answer out of range")
	}
}

func TestPairValidation(t *testing.T) {
	tests := []struct{ name, old, new, want string }{
		{"no advice", `advice: "Name the seller."`, `advice: ""`, `question "selling": advice is required`},
		{"scale without ends", "low: CEO\n        high: CTO\n        options: [{label: \"CEO\"}, {label: \"CTO\"}]", "options: [{label: \"CEO\"}, {label: \"CTO\"}]", `question "board": a scale needs low and high`},
		{"unknown kind", "kind: choice", "kind: ranking", `kind "ranking"`},
		{"unknown read", "read: [own-it]\n      - id: selling", "read: [gone]\n      - id: selling", `read id "gone" does not exist`},
		{"advice per option on a scale", `{label: "Both"}, {label: "CTO"}]`, `{label: "Both", advice: "x"}, {label: "CTO"}]`, "only choice questions"},
		{"markup", `text: "Who sells?"`, `text: "Who sells <@U1>?"`, "contains <, > or &"},
		{"too few questions", "      - id: stop\n", "      - id: vision\n", "duplicate question id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(pairFixture, tt.old) {
				t.Fatalf("fixture lacks %q", tt.old)
			}
			_, err := loadPairs(t, strings.Replace(pairFixture, tt.old, tt.new, 1))
			var ve *ValidationError
			if !errors.As(err, &ve) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want a problem %q", err, tt.want)
			}
		})
	}
}

func TestEmbeddedPairs(t *testing.T) {
	b, err := Load("")
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	p, ok := b.PairByID("who-owns-what")
	if !ok {
		t.Fatal("no who-owns-what pair")
	}
	topics := map[string]bool{}
	for _, q := range p.Questions {
		topics[q.ID] = true
	}
	for _, want := range []string{"vision", "selling", "tech-direction", "build-buy", "exec-hiring", "board", "ceo-week", "split-seats", "stop-doing"} {
		if !topics[want] {
			t.Errorf("who-owns-what lacks question %s", want)
		}
	}
}

// article is the seed article the pair content was written from.
const article = "../../shared/seed/ceo-vs-cto.txt"

// TestPairsInOwnWords checks the paired assessments share no run of seven
// words with the article they were written from: the project's own words.
func TestPairsInOwnWords(t *testing.T) {
	raw, err := os.ReadFile(article)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("the seed article is missing under CI: %v", err)
		}
		t.Skipf("no seed article at %s (it sits beside the project): %v", article, err)
	}
	seen := map[string]bool{}
	for _, run := range wordRuns(string(raw), 7) {
		seen[run] = true
	}
	b, err := Load("")
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	for _, p := range b.Pairs {
		texts := []string{p.Title, p.Summary}
		for _, q := range p.Questions {
			texts = append(texts, q.Text, q.Advice)
			for _, o := range q.Options {
				texts = append(texts, o.Label, o.Advice)
			}
		}
		for _, text := range texts {
			for _, run := range wordRuns(text, 7) {
				if seen[run] {
					t.Errorf("pair %s shares %q with the article", p.ID, run)
				}
			}
		}
	}
}

// wordRuns lists every run of n consecutive words of s, lower case, with
// punctuation and curly quotes dropped.
func wordRuns(s string, n int) []string {
	s = strings.NewReplacer("’", "'", "“", " ", "”", " ").Replace(strings.ToLower(s))
	words := strings.FieldsFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '\'')
	})
	var out []string
	for i := 0; i+n <= len(words); i++ {
		out = append(out, strings.Join(words[i:i+n], " "))
	}
	return out
}
