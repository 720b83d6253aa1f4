package knowledge

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func readFixture(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("testdata/fixture.yaml")
	if err != nil {
		t.Fatalf("read fixture: %v", err)
	}
	return string(data)
}

// writeKB writes files into a fresh directory and returns it.
func writeKB(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600); err != nil {
			t.Fatalf("write %s: %v", name, err)
		}
	}
	return dir
}

func TestFixtureIsValid(t *testing.T) {
	dir := writeKB(t, map[string]string{"kb.yaml": readFixture(t)})
	b, err := LoadFS(os.DirFS(dir))
	if err != nil {
		t.Fatalf("load fixture: %v", err)
	}
	if got := len(b.FAQ); got != 2 {
		t.Errorf("got %d FAQ entries, want 2", got)
	}
	if e, ok := b.Entry("hire-first"); !ok || e.Source != "kb.yaml" {
		t.Errorf("Entry(hire-first) = %v, %v; want it with Source kb.yaml", e, ok)
	}
}

func TestEmbeddedIsValid(t *testing.T) {
	if err := Lint(""); err != nil {
		t.Fatalf("embedded knowledge does not validate:\n%v", err)
	}
}

func TestValidationProblems(t *testing.T) {
	tests := []struct {
		name    string
		old     string // text in the fixture to replace
		new     string
		wantID  string // id the message must name
		wantMsg string // part of the message
	}{
		{"missing short", `short: "Usually whoever sells."`, `short: ""`, "hire-first", "short is required"},
		{"missing question", `question: "Who should a startup hire first?"`, `question: ""`, "hire-first", "question is required"},
		{"bad id", "id: hire-first\n", "id: Hire_First\n", "Hire_First", "must match"},
		{"related missing", "related: [hire-first]\n    tags", "related: [nope]\n    tags", "what-cto-does", `related id "nope" does not exist`},
		{"short too long", `short: "Usually whoever sells."`, `short: "` + strings.Repeat("x", 301) + `"`, "hire-first", "short is 301 characters"},
		{"long too long", `long: "Hire for the gap."`, `long: "` + strings.Repeat("x", 2901) + `"`, "hire-first", "long is 2901 characters"},
		{"duplicate faq id", "id: hire-first\n", "id: what-cto-does\n", "what-cto-does", "duplicate id"},
		{"tip too long", `text: "Sell before you build."`, `text: "` + strings.Repeat("y", 501) + `"`, "sell-early", "text is 501 characters"},
		{"tip angle bracket", `text: "Sell before you build."`, `text: "Sell <now>"`, "sell-early", "raw < or >"},
		{"tip audience", "audience: [founder, ceo]", "audience: [founder, investor]", "sell-early", `audience "investor"`},
		{"tip topic", "topic: selling\n    audience: [founder", "topic: \"\"\n    audience: [founder", "sell-early", "topic is required"},
		{"tip related", "related: hire-first\n", "related: gone\n", "sell-early", `related id "gone" does not exist`},
		{"too many questions", "      - id: q4\n        text: \"Do you kill features?\"\n", "      - id: q4\n        text: \"Do you kill features?\"\n      - id: q5\n        text: x\n        dimension: product\n        options: [{label: a, score: 0}, {label: b, score: 0}]\n      - id: q6\n        text: x\n        dimension: product\n        options: [{label: a, score: 0}, {label: b, score: 0}]\n      - id: q7\n        text: x\n        dimension: product\n        options: [{label: a, score: 0}, {label: b, score: 0}]\n      - id: q8\n        text: x\n        dimension: product\n        options: [{label: a, score: 0}, {label: b, score: 0}]\n      - id: q9\n        text: x\n", "readiness", "has 9 questions, want 4 to 7"},
		{"option label", `label: "Weekly"`, `label: "` + strings.Repeat("z", 76) + `"`, "readiness", "label is 76 characters"},
		{"negative score", `{label: "Never", score: 0}`, `{label: "Never", score: -1}`, "readiness", "negative"},
		{"unknown dimension", "dimension: selling\n        options: [{label: \"Never\"", "dimension: money\n        options: [{label: \"Never\"", "readiness", `dimension "money" does not exist`},
		{"one option", `options: [{label: "No", score: 0}, {label: "Yes", score: 3}]`, `options: [{label: "No", score: 0}]`, "readiness", "has 1 options"},
		{"band gap", "{min: 5, max: 10,", "{min: 6, max: 10,", "readiness", "gap between 4 and 6"},
		{"band overlap", "{min: 5, max: 10,", "{min: 4, max: 10,", "readiness", "overlap"},
		{"band short", "{min: 5, max: 10,", "{min: 5, max: 9,", "readiness", "bands end at 9"},
		{"band start", "{min: 1, max: 4,", "{min: 0, max: 4,", "readiness", "bands start at 0"},
		{"band read", "read: [hire-first]", "read: [nowhere]", "readiness", `read id "nowhere" does not exist`},
		{"duplicate row", "keywords: [background, career]", "keywords: [background, career]\n      - id: background\n        dimension: d\n        left: l\n        right: r", "ceo-vs-cto", `row "background": duplicate row id`},
		{"comparison related", "related: [what-cto-does]\nfaq", "related: [missing]\nfaq", "ceo-vs-cto", `related id "missing" does not exist`},
		{"unknown field", "tags: [roles]", "tagz: [roles]", "", "field tagz not found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := readFixture(t)
			if !strings.Contains(src, tt.old) {
				t.Fatalf("fixture does not contain %q", tt.old)
			}
			dir := writeKB(t, map[string]string{"bad.yaml": strings.Replace(src, tt.old, tt.new, 1)})
			_, err := LoadFS(os.DirFS(dir))
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("got error %v, want a *ValidationError", err)
			}
			msg := err.Error()
			for _, line := range strings.Split(msg, "\n") {
				if strings.HasPrefix(line, "bad.yaml: ") && strings.Contains(line, tt.wantMsg) &&
					(tt.wantID == "" || strings.Contains(line, `"`+tt.wantID+`"`)) {
					return
				}
			}
			t.Errorf("got problems:\n%s\nwant a line naming bad.yaml, %q and %q", msg, tt.wantID, tt.wantMsg)
		})
	}
}

func TestValidationReportsAllProblems(t *testing.T) {
	src := strings.Replace(readFixture(t), `short: "Usually whoever sells."`, `short: ""`, 1)
	src = strings.Replace(src, "related: hire-first\n", "related: gone\n", 1)
	dir := writeKB(t, map[string]string{"bad.yaml": src})
	err := Lint(dir)
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("got %v, want a *ValidationError", err)
	}
	if got := len(ve.Problems); got < 2 {
		t.Errorf("got %d problems, want at least 2:\n%v", got, err)
	}
	want := filepath.Join(dir, "bad.yaml") + `: faq entry "hire-first": short is required`
	if !strings.Contains(err.Error(), want) {
		t.Errorf("got:\n%v\nwant a line %q", err, want)
	}
}

func TestLoadDirReplacesAndAdds(t *testing.T) {
	base, err := Load("")
	if err != nil {
		t.Fatalf("load embedded: %v", err)
	}
	if len(base.FAQ) == 0 {
		t.Fatal("embedded knowledge has no FAQ entries")
	}
	first := base.FAQ[0]
	override := "faq:\n" +
		"  - id: " + first.ID + "\n    question: \"Replaced question about zebras\"\n    short: \"s\"\n    long: \"l\"\n" +
		"  - id: brand-new-entry\n    question: \"Where do zebras sleep?\"\n    short: \"s\"\n    long: \"l\"\n"
	dir := writeKB(t, map[string]string{"local.yml": override, "ignored.txt": "not: yaml: at all"})
	b, err := Load(dir)
	if err != nil {
		t.Fatalf("load with dir: %v", err)
	}
	got, ok := b.Entry(first.ID)
	if !ok || got.Question != "Replaced question about zebras" {
		t.Errorf("Entry(%s) = %+v, want the replacement", first.ID, got)
	}
	if got.Source != filepath.Join(dir, "local.yml") {
		t.Errorf("replaced entry Source = %q, want the local file", got.Source)
	}
	if b.FAQ[0] != got {
		t.Errorf("replacement moved: FAQ[0] = %s, want it in place", b.FAQ[0].ID)
	}
	if _, ok := b.Entry("brand-new-entry"); !ok {
		t.Error("added entry not found")
	}
	if len(b.FAQ) != len(base.FAQ)+1 {
		t.Errorf("got %d entries, want %d", len(b.FAQ), len(base.FAQ)+1)
	}
	if a := b.Search("where do zebras sleep"); a.Kind != AnswerFAQ || a.Entry.ID != "brand-new-entry" {
		t.Errorf("search for the added entry got %v %v", a.Kind, answerID(a))
	}
}

func TestLoadMissingDir(t *testing.T) {
	if _, err := Load(filepath.Join(t.TempDir(), "nope")); err == nil {
		t.Error("Load of a missing dir succeeded, want an error")
	}
}
