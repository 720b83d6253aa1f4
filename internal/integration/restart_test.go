package integration

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/advisor-bot/advisor/bot/slacktest"
	"github.com/advisor-bot/advisor/internal/redistest"
	"github.com/advisor-bot/advisor/knowledge"
)

// faqQuestion is a question the built-in knowledge answers from its FAQ.
const faqQuestion = "who should I hire first, I'm not technical?"

// apology is how the bot's generic error reply starts.
const apology = "Sorry, something went wrong"

// command sends `/ceo-vs-cto text` as user and returns its reply (the first
// post to its response_url).
func (r *rig) command(user, text string) slacktest.Call {
	r.t.Helper()
	id := r.send(func() string {
		return r.fake.SlashCommand(slacktest.SlashCommand{Command: "/ceo-vs-cto", Text: text, UserID: user, ChannelID: "C1"})
	})
	return r.waitCall(20*time.Second, slacktest.MethodResponseURL, "the reply to "+text, func(c slacktest.Call) bool {
		return responseTo(c) == id
	})
}

// wantReply fails unless the reply contains every want and no apology.
func wantReply(t *testing.T, what string, c slacktest.Call, want ...string) {
	t.Helper()
	got := text(c)
	if strings.Contains(got, apology) {
		t.Errorf("%s: got the generic apology, want a real answer: %.300s", what, got)
		return
	}
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("%s: reply lacks %q: %.300s", what, w, got)
		}
	}
}

// TestRedisRestart stops the only Redis server under a running advisor and
// starts it again: meanwhile the advisor stays connected to Slack, answers
// what needs no Redis, says plainly that assessments are unavailable, and
// /readyz names Redis; afterwards it is ready again and assessments work,
// without a restart of the advisor.
func TestRedisRestart(t *testing.T) {
	skipIfShort(t)
	t.Parallel()
	version := needRedisServer(t)
	srv := startRedis(t, t.TempDir(), freePort(t))
	t.Logf("redis: a single redis-server the test started on %s (%s), stopped and restarted by the test", srv.addr(), version)
	kb, err := knowledge.Load("")
	if err != nil {
		t.Fatal(err)
	}
	faq := kb.Search(faqQuestion)
	if faq.Kind != knowledge.AnswerFAQ {
		t.Fatalf("the knowledge no longer answers %q from its FAQ; pick another question", faqQuestion)
	}

	r := newRig(t)
	p := r.start("advisor", r.env("redis://"+srv.addr()+"/0", redistest.Prefix(t), 2))
	r.waitConnections(2)
	opened := r.fake.ConnectionsOpened()
	r.assessStarts("UBEFORE")

	srv.stop(t)
	stopped := time.Now()
	body := p.waitReadyz(t, 503, 10*time.Second)
	notReady := time.Since(stopped)
	if !strings.Contains(body, "redis") || strings.Contains(body, "socket mode") {
		t.Errorf("got /readyz %q with Redis down, want it to name redis, and only redis", body)
	}
	var took []string
	for _, c := range []struct{ name, text, want string }{
		{"compare", "compare", "Core job"},
		{"FAQ", "ask " + faqQuestion, faq.Entry.Question},
		{"assess", "assess " + assessmentID, "unavailable for the moment"},
	} {
		start := time.Now()
		wantReply(t, c.name+" with Redis down", r.command("UDOWN", c.text), c.want)
		took = append(took, fmt.Sprintf("%s %v", c.name, time.Since(start).Round(time.Millisecond)))
	}
	if n := r.count("chat.postMessage", func(c slacktest.Call) bool { return c.Params["channel"] == "DUDOWN" }); n != 0 {
		t.Errorf("got %d posts in DUDOWN with Redis down, want none (no assessment can start)", n)
	}
	if got := r.fake.ConnectionsOpened(); got != opened || r.fake.Connections() != 2 || p.exited() {
		t.Errorf("with Redis down: %d connections opened (want %d: no reconnect), %d open (want 2), exited %v",
			got, opened, r.fake.Connections(), p.exited())
	}
	down := time.Since(stopped)

	if err := srv.start(); err != nil {
		t.Fatal(err)
	}
	restarted := time.Now()
	p.waitReadyz(t, 200, 20*time.Second)
	ready := time.Since(restarted)
	r.assessStarts("UAFTER")
	t.Logf("Redis down for %v: /readyz 503 %v after the stop; answered while down (send to reply): %s; "+
		"/readyz 200 %v after the restart, and the next assessment started", down.Round(time.Millisecond),
		notReady.Round(time.Millisecond), strings.Join(took, ", "), ready.Round(time.Millisecond))
}

// assessStarts starts an assessment as user and waits for its first
// question in the user's DM.
func (r *rig) assessStarts(user string) {
	r.t.Helper()
	reply := r.command(user, "assess "+assessmentID)
	wantReply(r.t, "assess as "+user, reply, "Started")
	r.waitCall(20*time.Second, "chat.postMessage", "question 1 in D"+user, func(c slacktest.Call) bool {
		_, q, ok := buttonRef(c)
		return ok && q == 0 && c.Params["channel"] == "D"+user
	})
}
