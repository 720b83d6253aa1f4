package knowledge

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// teamEntry is an entry as a published draft makes it.
func teamEntry() *Entry {
	q := "How do we run on-call rotations for the data platform team?"
	return &Entry{ID: "team-on-call-rotations", Question: q, Alternates: []string{q},
		Short: "Weekly rotations of two, a primary and a secondary, with a handover on Mondays.",
		Long:  "Keep the pager with the people who own the pipelines; pay for nights.", Answered: "2026-05-04"}
}

func TestExtendAddsAndOverrides(t *testing.T) {
	real := loadReal(t)
	builtIn, ok := real.Entry("hire-first-nontechnical")
	if !ok {
		t.Fatal("no built-in entry hire-first-nontechnical")
	}
	override := *builtIn
	override.Short = "Our own answer: a technical co-founder before anyone else."
	extra := []*Entry{teamEntry(), &override}
	b, err := Extend("", extra)
	if err != nil {
		t.Fatalf("Extend: %v", err)
	}
	if got, want := len(b.FAQ), len(real.FAQ)+1; got != want {
		t.Errorf("got %d entries, want %d (one added, one replaced)", got, want)
	}
	if e, _ := b.Entry("hire-first-nontechnical"); e.Short != override.Short || e.Source != SourcePublished {
		t.Errorf("got %q from %s, want the override", e.Short, e.Source)
	}
	if a := b.Search("how do we run on-call rotations for the data platform team"); a.Kind != AnswerFAQ || a.Entry.ID != "team-on-call-rotations" {
		t.Errorf("got %s, want the published entry", answerID(a))
	}
	if on, ok := extra[0].AnsweredOn(); !ok || on.Day() != 4 {
		t.Errorf("got %v %v, want May 4", on, ok)
	}
	if extra[0].Source != "" || builtIn.Short == override.Short {
		t.Error("Extend modified what it was given, or the built-in base")
	}
}

func TestExtendRefusesWhatLintRefuses(t *testing.T) {
	long := strings.Repeat("word ", 61)
	tests := []struct {
		name string
		edit func(e *Entry)
		want string
	}{
		{"short too long", func(e *Entry) { e.Short = long }, "short is 305 characters"},
		{"no question", func(e *Entry) { e.Question = " " }, "question is required"},
		{"no long answer", func(e *Entry) { e.Long = "" }, "long is required"},
		{"unknown related", func(e *Entry) { e.Related = []string{"nope"} }, `related id "nope" does not exist`},
		{"bad id", func(e *Entry) { e.ID = "Team X" }, "must match"},
		{"bad date", func(e *Entry) { e.Answered = "May 4" }, `answered "May 4"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := teamEntry()
			tt.edit(e)
			_, err := Extend("", []*Entry{e})
			var ve *ValidationError
			if !errors.As(err, &ve) || !strings.Contains(err.Error(), tt.want) || ve.Problems[0].File != SourcePublished {
				t.Fatalf("got %v, want a validation error from %s saying %q", err, SourcePublished, tt.want)
			}
			if err2 := CheckExtended("", []*Entry{e}); err2 == nil || err2.Error() != err.Error() {
				t.Errorf("CheckExtended said %v, Extend %v", err2, err)
			}
		})
	}
}

// TestExportLintLoad: what EncodeEntries writes, lint accepts and
// KNOWLEDGE_DIR loads, and the entry is found by search as before.
func TestExportLintLoad(t *testing.T) {
	real := loadReal(t)
	builtIn, _ := real.Entry("hire-first-nontechnical")
	override := *builtIn
	override.Short = "Our own: a technical co-founder first & then sales."
	e := teamEntry()
	e.Long = "Line one.\n\nLine two: with *bold* and &lt;angle&gt; escaped."
	e.Related = []string{"hire-first-nontechnical"}
	data, err := EncodeEntries([]*Entry{e, &override})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "published.yaml"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Lint(dir); err != nil {
		t.Fatalf("lint of the export: %v\n%s", err, data)
	}
	b, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	got, ok := b.Entry(e.ID)
	if !ok || got.Long != e.Long || got.Answered != e.Answered || len(got.Related) != 1 {
		t.Fatalf("got %+v, want %+v", got, e)
	}
	if o, _ := b.Entry(override.ID); o.Short != override.Short || len(o.Situations) != len(builtIn.Situations) {
		t.Errorf("got %+v, want the override with the built-in's situations", o)
	}
	if a := b.Search(e.Question); a.Kind != AnswerFAQ || a.Entry.ID != e.ID {
		t.Errorf("got %s, want %s", answerID(a), e.ID)
	}
	if strings.Contains(string(data), "gap:") || strings.Contains(string(data), "figures:") {
		t.Errorf("export holds empty fields:\n%s", data)
	}
}

// TestLiveSwapsWhole: searches running while bases are swapped always see
// a whole one (run with -race).
func TestLiveSwapsWhole(t *testing.T) {
	real := loadReal(t)
	ext, err := Extend("", []*Entry{teamEntry()})
	if err != nil {
		t.Fatal(err)
	}
	live := NewLive(real)
	var wg sync.WaitGroup
	stop := make(chan struct{})
	errs := make(chan error, 4)
	for range 4 {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				b := live.Base()
				a := b.Search("on-call rotations for the data platform team")
				_, has := b.Entry("team-on-call-rotations")
				if (a.Kind == AnswerFAQ && a.Entry.ID == "team-on-call-rotations") != has {
					errs <- fmt.Errorf("search and lookup disagree on one base")
					return
				}
			}
		})
	}
	for i := range 20 {
		if i%2 == 0 {
			live.Store(ext)
		} else {
			live.Store(real)
		}
	}
	close(stop)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
