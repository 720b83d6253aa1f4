package evalset

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestScore(t *testing.T) {
	answer := Case{ID: "a", Kind: KindAnswer,
		MustAny: [][]string{{"sell", "sales"}, {"Investor"}},
		MustNot: []string{"I don't know"}}
	decline := Case{ID: "d", Kind: KindDecline,
		MustAny: [][]string{{"don't know", "sorry"}},
		MustNot: []string{"250", "93%"}}
	tests := []struct {
		name      string
		c         Case
		reply     string
		pass      bool
		missing   int
		forbidden int
		wrong     bool
	}{
		{"every group, any case", answer, "The CEO SELLS to investors.", true, 0, 0, false},
		{"one group missing", answer, "The CEO sells.", false, 1, 0, false},
		{"must_not", answer, "Sales and investors. I don't know more.", false, 0, 1, false},
		{"decline declined", decline, "Sorry, that is outside what I know.", true, 0, 0, false},
		{"decline answered", decline, "A CTO costs a lot.", false, 1, 0, true},
		{"decline quoting numbers", decline, "I don't know, but a CTO costs $250,000.", false, 0, 1, true},
		{"curly apostrophe is a decline", decline, "I don’t know that one.", false, 1, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := tt.c.Score(tt.reply)
			if v.Pass != tt.pass || len(v.Missing) != tt.missing || len(v.Forbidden) != tt.forbidden || v.ConfidentWrong != tt.wrong {
				t.Errorf("Score(%q) = pass %v, missing %v, forbidden %v, wrong %v; want %v, %d, %d, %v",
					tt.reply, v.Pass, v.Missing, v.Forbidden, v.ConfidentWrong, tt.pass, tt.missing, tt.forbidden, tt.wrong)
			}
		})
	}
}

func TestLoadAndReport(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "q.yaml")
	data := `cases:
  - {id: one, q: "what does a ceo do", kind: answer, must_any: [["sell"]], must_not: ["I don't know"]}
  - {id: two, q: "weather?", kind: decline, must_any: [["don't know"]], must_not: ["250"]}
`
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := Load(path)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	rep := &Report{}
	for _, c := range s.Cases {
		reply := "The CEO sells."
		rep.Results = append(rep.Results, Result{Case: c, Reply: reply, Verdict: c.Score(reply)})
	}
	var b bytes.Buffer
	rep.Write(&b, true)
	out := b.String()
	for _, want := range []string{"answer    100.0%  (1/1)", "decline     0.0%  (0/1)", "confident wrong 100.0% of decline cases (1/1)", "CONFIDENT WRONG two [decline]", "reply: The CEO sells."} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}

func TestLoadRejects(t *testing.T) {
	dir := t.TempDir()
	for name, data := range map[string]string{
		"empty":    "cases: []\n",
		"badkind":  "cases:\n  - {id: x, q: y, kind: maybe}\n",
		"notyaml":  "cases: [\n",
		"oldshape": "questions:\n  - {q: y, want: z}\n",
	} {
		path := filepath.Join(dir, name+".yaml")
		if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := Load(path); err == nil {
			t.Errorf("Load(%s) = nil error, want one", name)
		}
	}
	if _, err := Load(filepath.Join(dir, "missing.yaml")); err == nil {
		t.Error("Load(missing) = nil error")
	}
}
