package drafts

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/rs/zerolog"

	"github.com/advisor-bot/advisor/internal/redistest"
	"github.com/advisor-bot/advisor/knowledge"
)

var (
	baseOnce sync.Once
	baseKB   *knowledge.Base
	baseErr  error
)

// builtIn is the embedded knowledge, loaded once for the package's tests.
func builtIn(t *testing.T) *knowledge.Base {
	t.Helper()
	baseOnce.Do(func() { baseKB, baseErr = knowledge.Load("") })
	if baseErr != nil {
		t.Fatal(baseErr)
	}
	return baseKB
}

// replica is one process's drafts over a shared Redis and prefix.
func replica(t *testing.T, rdb redis.UniversalClient, prefix string, opts ...Option) *Service {
	t.Helper()
	admin := func(_ context.Context, u string) bool { return u == "UADMIN" }
	return NewService(rdb, prefix, knowledge.NewLive(builtIn(t)), "", nil, admin, zerolog.New(zerolog.NewTestWriter(t)), opts...)
}

const onCall = "How do we run on-call rotations for the data platform team?"

func draftFor(req string) Draft {
	return Draft{Question: onCall, Short: "Weekly rotations of two, with a handover on Mondays.", ExpertID: "UEXP", AskerID: "UASK",
		At: time.Date(2026, 5, 4, 10, 0, 0, 0, time.UTC), RequestID: req}
}

func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return c
}

func TestAddDraftEscapesAndKeepsOnePerRequest(t *testing.T) {
	rdb, prefix := redistest.New(t)
	s := replica(t, rdb, prefix)
	d := draftFor("r1")
	d.Short = "Ask <!channel> & <@U123> first."
	for range 2 {
		if err := s.AddDraft(ctx(t), d); err != nil {
			t.Fatal(err)
		}
	}
	later := draftFor("r2")
	later.At = later.At.Add(time.Hour)
	later.Question = "Who owns the roadmap?"
	if err := s.AddDraft(ctx(t), later); err != nil {
		t.Fatal(err)
	}
	got, total, err := s.Latest(ctx(t), 10)
	if err != nil || total != 2 || len(got) != 2 {
		t.Fatalf("got %d of %d drafts (%v), want 2", len(got), total, err)
	}
	if got[0].Question != "Who owns the roadmap?" {
		t.Errorf("got %q first, want the newest", got[0].Question)
	}
	if want := "Ask &lt;!channel&gt; &amp; &lt;@U123&gt; first."; got[1].Short != want || got[1].Long != want {
		t.Errorf("got %q / %q, want %q as both", got[1].Short, got[1].Long, want)
	}
	if err := s.AddDraft(ctx(t), Draft{Question: " ", Short: "x"}); !errors.Is(err, ErrEmpty) {
		t.Errorf("got %v, want ErrEmpty", err)
	}
}

func TestPublishReachesTheOtherReplicaAndARestart(t *testing.T) {
	rdb, prefix := redistest.New(t)
	a := replica(t, rdb, prefix, WithReconcileEvery(time.Hour)) // notices only
	b := replica(t, rdb, prefix, WithReconcileEvery(time.Hour))
	applied := make(chan int64, 4)
	b.onApply = func(v int64) { applied <- v }
	runCtx, stop := context.WithCancel(ctx(t))
	var wg sync.WaitGroup
	defer func() { stop(); wg.Wait() }()
	wg.Go(func() { _ = b.Run(runCtx) })
	if err := a.AddDraft(ctx(t), draftFor("r1")); err != nil {
		t.Fatal(err)
	}
	ds, _, _ := a.Latest(ctx(t), 1)
	// b subscribes in Run: publish until it has (a notice before that is lost, which the reconcile covers).
	waitSubscribed(t, rdb, b.st.changesChannel())
	p, err := a.PublishDraft(ctx(t), ds[0].ID, "UADMIN", nil)
	if err != nil {
		t.Fatal(err)
	}
	if p.Entry.ID != "team-how-do-we-run-on-call" || p.Entry.Answered != "2026-05-04" || p.Entry.Alternates[0] != onCall {
		t.Errorf("got %+v", p.Entry)
	}
	select {
	case v := <-applied:
		if v != 1 {
			t.Errorf("got version %d, want 1", v)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the other replica did not rebuild within 5 s")
	}
	if ans := b.live.Base().Search("how do we run on-call rotations for the data platform team"); ans.Kind != knowledge.AnswerFAQ || ans.Entry.ID != p.Entry.ID {
		t.Errorf("got %v, want the published entry on the other replica", ans.Kind)
	}
	if _, err := a.PublishDraft(ctx(t), ds[0].ID, "UADMIN", nil); !errors.Is(err, ErrDraftGone) {
		t.Errorf("got %v, want ErrDraftGone for a second publish", err)
	}
	restarted := replica(t, rdb, prefix)
	if err := restarted.Reconcile(ctx(t)); err != nil {
		t.Fatal(err)
	}
	if _, ok := restarted.live.Base().Entry(p.Entry.ID); !ok || restarted.Applied() != 1 {
		t.Error("a restarted replica lacks the published entry")
	}
}

// waitSubscribed waits until channel has a subscriber.
func waitSubscribed(t *testing.T, rdb redis.UniversalClient, channel string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if n, _ := rdb.PubSubNumSub(ctx(t), channel).Result(); n[channel] > 0 {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatal("nobody subscribed to " + channel)
}

func TestPublishRefusesWhatLintRefusesAndWritesNothing(t *testing.T) {
	rdb, prefix := redistest.New(t)
	s := replica(t, rdb, prefix)
	d := draftFor("r1")
	d.Short = strings.Repeat("All of this is one very long sentence without a stop ", 60)
	if err := s.AddDraft(ctx(t), d); err != nil {
		t.Fatal(err)
	}
	ds, _, _ := s.Latest(ctx(t), 1)
	_, err := s.PublishDraft(ctx(t), ds[0].ID, "UADMIN", nil)
	var ve *knowledge.ValidationError
	if !errors.As(err, &ve) || !strings.Contains(err.Error(), "long is") {
		t.Fatalf("got %v, want the lint's reason", err)
	}
	if v, _ := s.st.version(ctx(t)); v != 0 {
		t.Errorf("got version %d, want nothing published", v)
	}
	if _, total, _ := s.Latest(ctx(t), 1); total != 1 {
		t.Errorf("got %d drafts, want the draft kept", total)
	}
	edited := entryOf(ds[0])
	edited.Short, edited.Long = "Two on call a week.", "Primary and secondary."
	if _, err := s.PublishDraft(ctx(t), ds[0].ID, "UADMIN", &edited); err != nil {
		t.Fatalf("the edited draft: %v", err)
	}
}

func TestOnePublishWinsARace(t *testing.T) {
	rdb, prefix := redistest.New(t)
	a, b := replica(t, rdb, prefix), replica(t, rdb, prefix)
	if err := a.AddDraft(ctx(t), draftFor("r1")); err != nil {
		t.Fatal(err)
	}
	ds, _, _ := a.Latest(ctx(t), 1)
	errs := make(chan error, 2)
	var wg sync.WaitGroup
	for _, s := range []*Service{a, b} {
		wg.Go(func() { _, err := s.PublishDraft(ctx(t), ds[0].ID, "UADMIN", nil); errs <- err })
	}
	wg.Wait()
	close(errs)
	var ok, gone int
	for err := range errs {
		switch {
		case err == nil:
			ok++
		case errors.Is(err, ErrDraftGone):
			gone++
		default:
			t.Error(err)
		}
	}
	ps, _ := a.Published(ctx(t))
	if v, _ := a.st.version(ctx(t)); ok != 1 || gone != 1 || len(ps) != 1 || v != 1 {
		t.Errorf("got %d published, %d refused, %d entries, version %d; want one of each", ok, gone, len(ps), v)
	}
}

func TestEditOverridesABuiltInEntry(t *testing.T) {
	rdb, prefix := redistest.New(t)
	s := replica(t, rdb, prefix, WithSyncApply())
	cur, _ := builtIn(t).Entry("hire-first-nontechnical")
	e := *cur
	e.Short = "Our answer: a technical co-founder."
	p, err := s.PublishEdit(ctx(t), e.ID, "UADMIN", e)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := s.live.Base().Entry(e.ID)
	if !p.Override || got.Short != e.Short || len(got.Situations) != len(cur.Situations) || len(s.live.Base().FAQ) != len(builtIn(t).FAQ) {
		t.Errorf("got override %v, %q; want the built-in replaced in place", p.Override, got.Short)
	}
	if _, err := s.PublishEdit(ctx(t), "no-such-entry", "UADMIN", e); !errors.Is(err, ErrNoEntry) {
		t.Errorf("got %v, want ErrNoEntry", err)
	}
}

func TestSplitAnswerAndNewID(t *testing.T) {
	long := strings.Repeat("Word word word. ", 30)
	tests := []struct {
		name, text, short, long string
	}{
		{"one line", "Hire a CTO.", "Hire a CTO.", "Hire a CTO."},
		{"two paragraphs", "Hire a CTO.\n\nThen sales.", "Hire a CTO.", "Then sales."},
		{"long", long, strings.TrimSpace(long[:288]), strings.TrimSpace(long[288:])},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if s, l := splitAnswer(tt.text); s != tt.short || l != tt.long {
				t.Errorf("got %q / %q, want %q / %q", s, l, tt.short, tt.long)
			}
		})
	}
	taken := map[string]bool{"team-who-owns-the-roadmap": true}
	if got := newID("Who owns the roadmap?", func(id string) bool { return taken[id] }); got != "team-who-owns-the-roadmap-2" {
		t.Errorf("got %q", got)
	}
	if got := newID("¿¿??", func(string) bool { return false }); got != "team" {
		t.Errorf("got %q", got)
	}
}
