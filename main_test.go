package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCommandLine is long for its table: every command, its flags and
// its exit codes in one place.
func TestCommandLine(t *testing.T) {
	bad := t.TempDir()
	if err := os.WriteFile(filepath.Join(bad, "faq.yaml"), []byte("faq:\n  - id: Bad Id\n    question: ''\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := filepath.Join(bad, "cases.yaml")
	if err := os.WriteFile(cases, []byte(`cases:
  - {id: diff, q: "<@U0ADVISOR> ceo vs cto?", kind: compare, must_any: [["sell"]], must_not: ["I don't know"]}
  - {id: weather, q: "weather in austin tmrw?", kind: decline, must_any: [["don't know"]], must_not: ["250"]}
  - {id: wrong, q: "what does a cto cost", kind: decline, must_any: [["don't know"]], must_not: ["250"]}
`), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		args     []string
		env      map[string]string
		stdin    string
		wantCode int
		wantOut  []string
		wantErr  []string
	}{
		{name: "version", args: []string{"version"}, wantOut: []string{"advisor dev"}},
		{name: "help", args: []string{"--help"}, wantOut: []string{"advisor console", "advisor kb lint"}},
		{name: "run --help", args: []string{"run", "--help"}, wantOut: []string{"SLACK_APP_TOKEN"}},
		{name: "console --help", args: []string{"console", "-h"}, wantOut: []string{"standard input"}},
		{name: "unknown command", args: []string{"serve"}, wantCode: 2, wantErr: []string{`unknown command "serve"`}},
		{name: "run without tokens is a clear config error", args: []string{"run"},
			env:      map[string]string{"SLACK_APP_TOKEN": "", "SLACK_BOT_TOKEN": "xapp-oops-secret", "DEFAULT_TIMEZONE": "Nowhere/Land"},
			wantCode: 2, wantErr: []string{"SLACK_APP_TOKEN is not set", "SLACK_BOT_TOKEN must start with xoxb-", "Nowhere/Land"}},
		{name: "kb lint embedded", args: []string{"kb", "lint"}, wantOut: []string{"knowledge ok"}},
		{name: "kb lint bad dir", args: []string{"kb", "lint", bad}, wantCode: 1, wantErr: []string{"faq.yaml", "Bad Id"}},
		{name: "kb eval scores a question set through the DM path", args: []string{"kb", "eval", cases},
			env:     map[string]string{"REDIS_URL": ""},
			wantOut: []string{"compare   100.0%  (1/1)", "decline    50.0%  (1/2)", "confident wrong  50.0% of decline cases (1/2)", "CONFIDENT WRONG wrong [decline]", "reply: "}},
		{name: "kb eval -q prints rates only", args: []string{"kb", "eval", "-q", cases},
			env: map[string]string{"REDIS_URL": ""}, wantOut: []string{"answer"}},
		{name: "kb eval without a file", args: []string{"kb", "eval"}, wantCode: 2, wantErr: []string{"Usage: advisor kb eval"}},
		{name: "kb eval missing file", args: []string{"kb", "eval", filepath.Join(bad, "nope.yaml")}, wantCode: 1, wantErr: []string{"read question set"}},
		{name: "console pipe", args: []string{"console"}, stdin: "/ceo-vs-cto help\ncompare\n",
			env:     map[string]string{"REDIS_URL": ""},
			wantOut: []string{"CEO vs CTO advisor", "Where the seats meet", "Typical background"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			var out, errb bytes.Buffer
			code := run(tt.args, strings.NewReader(tt.stdin), &out, &errb)
			if code != tt.wantCode {
				t.Fatalf("got exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.wantCode, out.String(), errb.String())
			}
			for _, w := range tt.wantOut {
				if !strings.Contains(out.String(), w) {
					t.Errorf("stdout lacks %q:\n%s", w, out.String())
				}
			}
			for _, w := range tt.wantErr {
				if !strings.Contains(errb.String(), w) {
					t.Errorf("stderr lacks %q:\n%s", w, errb.String())
				}
			}
			if strings.Contains(errb.String(), "goroutine ") || strings.Contains(errb.String(), "secret") {
				t.Errorf("stderr has a stack trace or a secret:\n%s", errb.String())
			}
		})
	}
}

func TestConsoleRunsAWholeAssessmentByTypedNumbers(t *testing.T) {
	t.Setenv("REDIS_URL", "")
	var out, errb bytes.Buffer
	in := "assess first-seat\n1\n2\n3\n1\n2\n"
	if code := run([]string{"console"}, strings.NewReader(in), &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	for _, w := range []string{"1/5", "5/5", "your result", "Why:"} {
		if !strings.Contains(out.String(), w) {
			t.Errorf("console output lacks %q:\n%s", w, out.String())
		}
	}
}

// TestConsoleAsksAPerson: the console user is the expert too, so the whole
// loop shows in one terminal: an unknown question, Ask a person, the
// experts' post, the Answer modal as a form, the answer back in the DM.
func TestConsoleAsksAPerson(t *testing.T) {
	t.Setenv("REDIS_URL", "")
	t.Setenv("EXPERTS_CHANNEL", "")
	var out, errb bytes.Buffer
	// The welcome takes [1]-[4], so the decline's Ask a person is [5]; the
	// experts' post has one button; the modal asks for the answer, then
	// keeps the draft box as shown.
	in := "what is the airspeed velocity of an unladen swallow\n5\n1\nAbout 11 m/s, <!channel>.\n-\n"
	if code := run([]string{"console"}, strings.NewReader(in), &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	for _, w := range []string{"[5] Ask a person", "in the experts channel", "asked something I couldn't answer",
		"modal: Answer a question", "Also add this to the knowledge base", "Answered by @ULOCAL", "A person answered your question"} {
		if !strings.Contains(out.String(), w) {
			t.Errorf("console output lacks %q:\n%s", w, out.String())
		}
	}
}
