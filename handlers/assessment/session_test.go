package assessment

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/handlers/blockkit"
)

// startDM starts founder-fit for U1 in their DM by slash command.
func (e *env) startDM(t *testing.T) {
	t.Helper()
	if _, err := e.svc.Start(context.Background(), &bot.Request{Kind: bot.KindCommand, UserID: "U1", ChannelID: "C1"}, "founder-fit"); err != nil {
		t.Fatalf("start: %v", err)
	}
}

func (e *env) session(t *testing.T, sid string) map[string]string {
	t.Helper()
	h, err := e.rdb.HGetAll(context.Background(), e.svc.keys.session(sid)).Result()
	if err != nil {
		t.Fatalf("read session: %v", err)
	}
	return h
}

func TestConcurrentDoubleAnswer(t *testing.T) {
	e := newEnv(t)
	e.startDM(t)
	q := e.sl.last(t)
	id := ActionAnswer + ":1"
	v := buttonValue(t, q.M.Blocks, id)
	// Several processes: each goroutine gets its own Service.
	svcs := []*Service{e.svc, e.service(t), e.service(t)}
	const n = 20
	replies := make([]bot.Reply, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			r, err := svcs[i%len(svcs)].HandleAction(context.Background(), click("U1", q, id, v))
			if err != nil {
				t.Errorf("answer %d: %v", i, err)
			}
			replies[i] = r
		}()
	}
	close(start)
	wg.Wait()
	won, already := 0, 0
	for _, r := range replies {
		switch {
		case r.Empty():
			won++
		case strings.Contains(r.Text, "already answered"):
			already++
		}
	}
	if won != 1 || already != n-1 {
		t.Fatalf("got %d winners and %d already-answered, want 1 and %d", won, already, n-1)
	}
	h := e.session(t, "DU1:")
	if h["q"] != "1" || h["ans"] != "1" {
		t.Errorf("got q=%s ans=%q, want q=1 ans=\"1\"", h["q"], h["ans"])
	}
	questions := 0
	for _, p := range e.sl.allPosts() {
		if strings.Contains(text(p.M), "2/4") {
			questions++
		}
	}
	if questions != 1 {
		t.Errorf("got question 2 posted %d times, want 1", questions)
	}
}

func TestNewServiceFinishesSession(t *testing.T) {
	e := newEnv(t)
	e.startDM(t)
	e.answerByButton(t, e.svc, "U1", 0)
	e.answerByButton(t, e.svc, "U1", 0)
	restarted := e.service(t) // a new process on the same Redis and prefix
	ctx := context.Background()
	if _, handled, err := restarted.HandleMessage(ctx, reply("U1", "DU1", "", "1")); !handled || err != nil {
		t.Fatalf("typed answer: handled %v err %v", handled, err)
	}
	e.answerByButton(t, restarted, "U1", 0)
	latest, _, err := restarted.Latest(ctx, "U1")
	if err != nil || latest == nil || latest.Total != 0 || len(latest.Answers) != 4 {
		t.Fatalf("got %+v (%v), want a finished outcome with total 0", latest, err)
	}
}

func TestExpiredSession(t *testing.T) {
	e := newEnv(t, WithTTL(time.Minute))
	e.startDM(t)
	e.answerByButton(t, e.svc, "U1", 0)
	ctx := context.Background()
	key := e.svc.keys.session("DU1:")
	if ttl := e.rdb.PTTL(ctx, key).Val(); ttl <= 0 || ttl > time.Minute {
		t.Fatalf("got ttl %v after an answer, want (0, 1m]", ttl)
	}
	// Let Redis expire it for real: a tiny TTL, then wait until it is gone.
	e.rdb.PExpire(ctx, key, time.Millisecond)
	deadline := time.Now().Add(5 * time.Second)
	for e.rdb.Exists(ctx, key).Val() == 1 {
		if time.Now().After(deadline) {
			t.Fatal("session did not expire")
		}
		time.Sleep(5 * time.Millisecond)
	}
	q := e.sl.last(t)
	r, err := e.svc.HandleAction(ctx, click("U1", q, ActionAnswer+":0", buttonValue(t, q.M.Blocks, ActionAnswer+":0")))
	if err != nil || !strings.Contains(r.Text, "expired") || buttonValue(t, r.Blocks, blockkit.ActionAssessStart) != "founder-fit" {
		t.Fatalf("got %q (%v), want an expiry note with a start button", r.Text, err)
	}
	if got := e.obs.abandoned.Load(); got != 1 {
		t.Errorf("got %d abandoned, want 1", got)
	}
	if _, handled, _ := e.svc.HandleMessage(ctx, reply("U1", "DU1", "", "1")); handled {
		t.Error("got handled after the expiry was reported, want the router to answer")
	}
	if got := e.obs.abandoned.Load(); got != 1 {
		t.Errorf("got %d abandoned after a second message, want 1", got)
	}
}

func TestSecondUserCannotAnswer(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	mention := &bot.Request{Kind: bot.KindMention, UserID: "U1", ChannelID: "C1", MessageTS: "1700000000.000001"}
	if _, err := e.svc.Start(ctx, mention, "founder-fit"); err != nil {
		t.Fatalf("start: %v", err)
	}
	q := e.sl.last(t)
	r, err := e.svc.HandleAction(ctx, click("U2", q, ActionAnswer+":0", buttonValue(t, q.M.Blocks, ActionAnswer+":0")))
	if err != nil || r.Visibility != bot.VisibilityEphemeral || !strings.Contains(r.Text, "someone else") {
		t.Fatalf("got %q (%v), want an ephemeral invitation", r.Text, err)
	}
	if buttonValue(t, r.Blocks, blockkit.ActionAssessStart) != "founder-fit" {
		t.Error("want a button to start their own")
	}
	r, handled, err := e.svc.HandleMessage(ctx, reply("U2", "C1", mention.MessageTS, "1"))
	if err != nil || !handled || r.Visibility != bot.VisibilityEphemeral {
		t.Fatalf("typed by U2: %q handled %v err %v", r.Text, handled, err)
	}
	if _, err := e.svc.Start(ctx, &bot.Request{Kind: bot.KindMention, UserID: "U2", ChannelID: "C1", ThreadTS: mention.MessageTS, MessageTS: "1700000000.000009"}, "founder-fit"); err != nil {
		t.Fatalf("start in a busy thread: %v", err)
	}
	if h := e.session(t, "C1:"+mention.MessageTS); h["q"] != "0" || h["u"] != "U1" {
		t.Errorf("got q=%s u=%s, want U1's session untouched", h["q"], h["u"])
	}
}

// In the assessment's thread every reply that is no answer gets the hint
// (in a DM only numbers do: see TestDMDuringAnAssessment).
func TestBadAnswers(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	th := "1700000000.000001"
	if _, err := e.svc.Start(ctx, &bot.Request{Kind: bot.KindMention, UserID: "U1", ChannelID: "C1", MessageTS: th}, "founder-fit"); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		text string
		echo string // must appear in the hint, "" if nothing is echoed
	}{
		{"zero", "0", "0"},
		{"too big", "99", "99"},
		{"empty", "", ""},
		{"gibberish", "flurble", "flurble"},
		{"huge", strings.Repeat("x", 10<<10), ""},
		{"channel ping", "<!channel>", "&lt;!channel&gt;"},
		{"user ping", "<@U999> <#C1|general>", "&lt;@U999&gt;"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, handled, err := e.svc.HandleMessage(ctx, reply("U1", "C1", th, tt.text))
			if err != nil || !handled {
				t.Fatalf("handled %v err %v", handled, err)
			}
			got := replyText(r)
			if !strings.Contains(got, "1 to 3") || !strings.Contains(got, "How often do you talk to customers?") {
				t.Errorf("got %q, want the hint and the question again", got)
			}
			if tt.echo != "" && !strings.Contains(got, tt.echo) {
				t.Errorf("got %q, want it to echo %q", got, tt.echo)
			}
			if strings.Contains(got, "<!") || strings.Contains(got, "<@") || len(got) > 2000 {
				t.Errorf("got unsafe or huge hint %.200q", got)
			}
			h := e.session(t, "C1:"+th)
			if h["q"] != "0" || h["ans"] != "" {
				t.Errorf("got q=%s ans=%q, want no progress", h["q"], h["ans"])
			}
			for k, v := range h {
				if len(v) > 100 || strings.Contains(v, "flurble") || strings.Contains(k, "flurble") {
					t.Errorf("got %s=%.40q stored, want no user text stored", k, v)
				}
			}
		})
	}
}

func TestBackRestartCancel(t *testing.T) {
	e := newEnv(t)
	e.startDM(t)
	ctx := context.Background()
	say := func(text string) bot.Reply {
		t.Helper()
		r, handled, err := e.svc.HandleMessage(ctx, reply("U1", "DU1", "", text))
		if err != nil || !handled {
			t.Fatalf("%q: handled %v err %v", text, handled, err)
		}
		return r
	}
	if r := say("back"); !strings.Contains(r.Text, "first question") {
		t.Errorf("got %q for back at the start, want a note", r.Text)
	}
	say("3")
	q2 := e.sl.last(t)
	say("back")
	if h := e.session(t, "DU1:"); h["q"] != "0" || h["ans"] != "" {
		t.Errorf("after back got q=%s ans=%q, want 0 and none", h["q"], h["ans"])
	}
	ups := e.sl.allUpdates()
	if up := ups[len(ups)-1]; up.TS != q2.TS || !strings.Contains(text(up.M), "Went back") {
		t.Errorf("got update %s %q, want question 2 closed", up.TS, text(up.M))
	}
	if p := e.sl.last(t); !strings.Contains(text(p.M), "1/4") {
		t.Errorf("got %q after back, want question 1 again", text(p.M))
	}
	// A click on the closed question 2 is stale.
	if r, _ := e.svc.HandleAction(ctx, click("U1", q2, ActionAnswer+":0", buttonValue(t, q2.M.Blocks, ActionAnswer+":0"))); !strings.Contains(r.Text, "earlier question") {
		t.Errorf("got %q for a stale click, want a note", r.Text)
	}
	say("1")
	old := e.sl.last(t)
	rr, err := e.svc.HandleAction(ctx, click("U1", old, blockkit.ActionAssessRestart, buttonValue(t, old.M.Blocks, blockkit.ActionAssessRestart)))
	if err != nil || !rr.Empty() {
		t.Fatalf("restart: %q %v", rr.Text, err)
	}
	if h := e.session(t, "DU1:"); h["q"] != "0" || h["ans"] != "" {
		t.Errorf("after restart got q=%s ans=%q, want 0 and none", h["q"], h["ans"])
	}
	// Buttons of the earlier run no longer work.
	if r, _ := e.svc.HandleAction(ctx, click("U1", old, ActionAnswer+":0", buttonValue(t, old.M.Blocks, ActionAnswer+":0"))); !strings.Contains(r.Text, "earlier question") {
		t.Errorf("got %q for a click from before the restart, want a note", r.Text)
	}
	if r := say("cancel"); !strings.Contains(r.Text, "Cancelled") || buttonValue(t, r.Blocks, blockkit.ActionAssessStart) != "founder-fit" {
		t.Errorf("got %q for cancel, want a note with a start button", r.Text)
	}
	if _, handled, _ := e.svc.HandleMessage(ctx, reply("U1", "DU1", "", "1")); handled {
		t.Error("got handled after cancel, want not handled")
	}
	if got := e.obs.abandoned.Load(); got != 1 {
		t.Errorf("got %d abandoned, want 1", got)
	}
}
