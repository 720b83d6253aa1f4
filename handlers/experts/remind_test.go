package experts

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/rs/zerolog"
)

func TestOneReminderThenExpiryAcrossReplicas(t *testing.T) {
	f := newFixture(t, WithReminder(24*time.Hour))
	// A second replica: same Redis and prefix, its own Slack.
	other := &fakeSlack{notIn: map[string]bool{}, members: map[string]map[string]bool{}}
	s2 := NewService(f.s.rdb, f.prefix, other, f.s.isAdmin, zerolog.New(zerolog.NewTestWriter(t)),
		WithChannel(expertsCh), WithClock(f.clock.now), WithObserver(f.obs), WithReminder(24*time.Hour))
	ctx := context.Background()
	f.press(t, "UASK", f.offerFor(t, mention, "is there a parking budget?"), mention)
	f.press(t, "UCMD", f.offerFor(t, command, "Is there a parking budget"), command)
	sweep := func() {
		t.Helper()
		for _, s := range []*Service{f.s, s2, f.s} {
			if err := s.RemindDue(ctx); err != nil {
				t.Fatal(err)
			}
		}
	}
	reminders := func() int {
		n := 0
		for _, sl := range []*fakeSlack{f.sl, other} {
			for _, p := range sl.postsIn(expertsCh) {
				if strings.Contains(text(p.Blocks), "Still waiting") {
					n++
				}
			}
		}
		return n
	}
	steps := []struct {
		name      string
		advance   time.Duration
		reminders int
		expired   int
	}{
		{"before the reminder", 23 * time.Hour, 0, 0},
		{"reminder due", 2 * time.Hour, 1, 0},
		{"a day later still one", 24 * time.Hour, 1, 0},
		{"expired after 14 days", 14 * 24 * time.Hour, 1, 1},
		{"and only once", time.Hour, 1, 1},
	}
	for _, st := range steps {
		f.clock.add(st.advance)
		sweep()
		if got := reminders(); got != st.reminders {
			t.Errorf("%s: got %d reminders, want %d", st.name, got, st.reminders)
		}
		if f.obs.expired != st.expired {
			t.Errorf("%s: got %d expired, want %d", st.name, f.obs.expired, st.expired)
		}
	}
	told := 0
	for _, sl := range []*fakeSlack{f.sl, other} {
		for _, p := range sl.posts {
			if strings.Contains(text(p.Blocks), "Nobody answered your question") {
				told++
			}
		}
	}
	if told != 2 {
		t.Errorf("got %d askers told of the expiry, want 2", told)
	}
	rid := answerButtonIn(f.sl.postsIn(expertsCh)[0].Blocks)
	if e := fieldError(f.submit(t, "late", "UEXP", rid, "Yes, 50 a month.", false)); !strings.Contains(e, "expired") {
		t.Errorf("got %q, want a late answer refused", e)
	}
}
