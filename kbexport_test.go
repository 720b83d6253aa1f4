package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/rs/zerolog"

	"github.com/advisor-bot/advisor/handlers/drafts"
	"github.com/advisor-bot/advisor/internal/redistest"
	"github.com/advisor-bot/advisor/knowledge"
)

// TestKBExportLintLoad: what was published from Slack, exported, passes
// `advisor kb lint`, and KNOWLEDGE_DIR loaded from it answers the question.
func TestKBExportLintLoad(t *testing.T) {
	rdb, prefix := redistest.New(t)
	kb, err := knowledge.Load("")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	admin := func(context.Context, string) bool { return true }
	svc := drafts.NewService(rdb, prefix, knowledge.NewLive(kb), "", nil, admin, zerolog.Nop(), drafts.WithSyncApply())
	q := "Who should own the on-call pager rotation?"
	if err := svc.AddDraft(ctx, drafts.Draft{Question: q, Short: "The team that owns the service, R&D included.\n\nRotate weekly.", ExpertID: "UEXP", RequestID: "r1"}); err != nil {
		t.Fatal(err)
	}
	ds, _, _ := svc.Latest(ctx, 1)
	p, err := svc.PublishDraft(ctx, ds[0].ID, "UADMIN", nil)
	if err != nil {
		t.Fatal(err)
	}
	cur, _ := kb.Entry("hire-first-nontechnical")
	edit := *cur
	edit.Short = "Our own answer: a technical co-founder."
	if _, err := svc.PublishEdit(ctx, edit.ID, "UADMIN", edit); err != nil {
		t.Fatal(err)
	}

	dir := t.TempDir()
	t.Setenv("REDIS_URL", redistest.URL(t))
	t.Setenv("KEY_PREFIX", prefix)
	var out, errb bytes.Buffer
	if code := run([]string{"kb", "export", dir}, nil, &out, &errb); code != 0 || !strings.Contains(out.String(), "wrote 1 published entries") {
		t.Fatalf("export: exit %d: %s%s", code, out.String(), errb.String())
	}
	out.Reset()
	if code := run([]string{"kb", "lint", dir}, nil, &out, &errb); code != 0 {
		t.Fatalf("lint of the export: exit %d: %s", code, errb.String())
	}
	loaded, err := knowledge.Load(dir) // as KNOWLEDGE_DIR loads it
	if err != nil {
		t.Fatal(err)
	}
	if a := loaded.Search("who should own the on-call pager rotation"); a.Kind != knowledge.AnswerFAQ || a.Entry.ID != p.Entry.ID || a.Entry.Answered == "" {
		t.Errorf("got %v, want %s answered by the team", a.Kind, p.Entry.ID)
	}
	if e, _ := loaded.Entry(edit.ID); e.Short != edit.Short {
		t.Errorf("got %q, want the override", e.Short)
	}

	t.Setenv("REDIS_URL", "")
	if code := run([]string{"kb", "export", dir}, nil, &out, &errb); code != 2 || !strings.Contains(errb.String(), "REDIS_URL is not set") {
		t.Errorf("got exit %d %q without REDIS_URL", code, errb.String())
	}
}

// TestConsoleLearnsTheAnswer: in the console (its user is the admin and
// the expert) the whole loop runs: an unknown question, Ask a person, the
// answer as a draft, `drafts`, Publish, and the question answered.
func TestConsoleLearnsTheAnswer(t *testing.T) {
	t.Setenv("REDIS_URL", "")
	t.Setenv("EXPERTS_CHANNEL", "")
	q := "what is the airspeed velocity of an unladen swallow"
	in := q + "\n5\n1\nAbout 11 m/s, <!channel>.\n-\n/ceo-vs-cto drafts\n1\n" + q + "?\n"
	var out, errb bytes.Buffer
	if code := run([]string{"console"}, strings.NewReader(in), &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	got := out.String()
	_, after, _ := strings.Cut(got, "Published *")
	for _, w := range []string{"*Drafts to review* (1, newest first)", "[1] Publish", "Published *" + q + "*"} {
		if !strings.Contains(got, w) {
			t.Errorf("console output lacks %q:\n%s", w, got)
		}
	}
	if !strings.Contains(after, "About 11 m/s") || !strings.Contains(after, "Answered by your team") {
		t.Errorf("the question asked again was not answered from the knowledge base:\n%s", after)
	}
}
