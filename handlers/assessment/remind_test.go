package assessment

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/advisor-bot/advisor/bot"
	"github.com/redis/go-redis/v9"
	"github.com/rs/zerolog"
)

func TestExactlyOneReminder(t *testing.T) {
	e := newEnv(t, WithReminderDelay(4*time.Hour))
	e.startDM(t)
	e.answerByButton(t, e.svc, "U1", 0)
	ctx := context.Background()
	posts := len(e.sl.allPosts())
	e.clock.Add(3 * time.Hour)
	if n, err := e.svc.SendDueReminders(ctx); err != nil || n != 0 {
		t.Fatalf("at 3h got %d reminders (%v), want 0", n, err)
	}
	e.clock.Add(2 * time.Hour)
	// Several replicas sweep at once: one reminder in all.
	svcs := []*Service{e.svc, e.service(t), e.service(t), e.service(t)}
	var mu sync.Mutex
	total := 0
	var wg sync.WaitGroup
	for _, s := range svcs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n, err := s.SendDueReminders(ctx)
			if err != nil {
				t.Errorf("sweep: %v", err)
			}
			mu.Lock()
			total += n
			mu.Unlock()
		}()
	}
	wg.Wait()
	if total != 1 {
		t.Fatalf("got %d reminders, want 1", total)
	}
	all := e.sl.allPosts()
	if len(all) != posts+1 {
		t.Fatalf("got %d new posts, want 1", len(all)-posts)
	}
	rem := all[len(all)-1]
	if rem.M.Channel != "DU1" || !strings.Contains(rem.M.Text, "1 of 4") {
		t.Errorf("got reminder %q in %s, want it in the DM", rem.M.Text, rem.M.Channel)
	}
	for _, d := range []time.Duration{time.Hour, 10 * time.Hour, 30 * time.Hour} {
		e.clock.Add(d)
		if n, err := e.svc.SendDueReminders(ctx); err != nil || n != 0 {
			t.Fatalf("later sweep got %d (%v), want 0", n, err)
		}
	}
	// Resume posts the current question again.
	r, err := e.svc.HandleAction(ctx, click("U1", rem, ActionResume, buttonValue(t, rem.M.Blocks, ActionResume)))
	if err != nil || !strings.Contains(r.Text, "2/4") {
		t.Fatalf("resume: %q %v", r.Text, err)
	}
	if p := e.sl.last(t); !strings.Contains(text(p.M), "2/4") || p.M.Channel != "DU1" {
		t.Errorf("got %q after resume, want question 2", text(p.M))
	}
	e.answerByButton(t, e.svc, "U1", 0) // the reposted question works
	if h := e.session(t, "DU1:"); h["q"] != "2" {
		t.Errorf("got q=%s after answering the resumed question, want 2", h["q"])
	}
}

func TestReminderWaitsForActivity(t *testing.T) {
	e := newEnv(t, WithReminderDelay(4*time.Hour))
	e.startDM(t)
	ctx := context.Background()
	e.clock.Add(3 * time.Hour)
	e.answerByButton(t, e.svc, "U1", 0) // active again at 3h
	e.clock.Add(2 * time.Hour)
	if n, _ := e.svc.SendDueReminders(ctx); n != 0 {
		t.Fatalf("got %d reminders 2h after the last answer, want 0", n)
	}
	e.clock.Add(3 * time.Hour)
	if n, _ := e.svc.SendDueReminders(ctx); n != 1 {
		t.Fatalf("got %d reminders 5h after the last answer, want 1", n)
	}
}

func TestNoReminderAfterFinishAndExpiryCounted(t *testing.T) {
	e := newEnv(t, WithReminderDelay(time.Hour))
	ctx := context.Background()
	e.startDM(t)
	for range 4 {
		e.answerByButton(t, e.svc, "U1", 0)
	}
	e.clock.Add(2 * time.Hour)
	if n, _ := e.svc.SendDueReminders(ctx); n != 0 {
		t.Fatalf("got %d reminders for a finished session, want 0", n)
	}
	// An abandoned session that expires unnoticed is counted by the sweep.
	mention := &bot.Request{Kind: bot.KindMention, UserID: "U2", ChannelID: "C1", MessageTS: "1700000000.000001"}
	if _, err := e.svc.Start(ctx, mention, "founder-fit"); err != nil {
		t.Fatalf("start: %v", err)
	}
	e.rdb.Del(ctx, e.svc.keys.session("C1:1700000000.000001"))
	e.clock.Add(2 * time.Hour)
	if _, err := e.svc.SendDueReminders(ctx); err != nil {
		t.Fatalf("sweep: %v", err)
	}
	if got := e.obs.abandoned.Load(); got != 1 {
		t.Errorf("got %d abandoned, want 1", got)
	}
}

// RemindDue is the scheduled job: it sends what is due, and a Redis
// failure comes back as its error, for the scheduler to log.
func TestRemindDueIsTheScheduledJob(t *testing.T) {
	e := newEnv(t, WithReminderDelay(time.Hour))
	e.startDM(t)
	ctx := context.Background()
	posts := len(e.sl.allPosts())
	e.clock.Add(2 * time.Hour)
	if err := e.svc.RemindDue(ctx); err != nil {
		t.Fatal(err)
	}
	if got := len(e.sl.allPosts()) - posts; got != 1 {
		t.Fatalf("got %d reminders, want 1", got)
	}
	down := NewService(redis.NewClient(&redis.Options{Addr: "127.0.0.1:1", MaxRetries: -1}), e.prefix, e.kb, e.sl, zerolog.Nop())
	if err := down.RemindDue(ctx); err == nil || !strings.Contains(err.Error(), "assessment reminders") {
		t.Fatalf("got %v, want the Redis error named as the reminders'", err)
	}
}
