package pairs

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/advisor-bot/advisor/bot"
)

// finishBoth answers every question but the last for both seats.
func finishAllButLast(t *testing.T, e *env, a, b []int) {
	for i := 0; i < len(a)-1; i++ {
		e.answer(t, e.svc, "U1", a[i])
		e.answer(t, e.svc, "U2", b[i])
	}
}

func TestBothAnswerTheLastQuestionAtTheSameInstant(t *testing.T) {
	e := newEnv(t)
	e.inviteAndAccept(t)
	finishAllButLast(t, e, answersA, answersB)
	reqs := map[string]*bot.Request{}
	for u, opt := range map[string]int{"U1": answersA[8], "U2": answersB[8]} {
		q, ts := e.last(t, "D"+u)
		b := button(t, q.Blocks, ActionAnswer+":"+string(rune('0'+opt)))
		reqs[u] = e.click(u, "D"+u, ts, b.ActionID, b.Value)
	}
	// Two replicas, each also running its delivery twice (a takeover): one
	// share prompt each, however the scripts interleave.
	svcs := []*Service{e.svc, e.service(t)}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var codes []string
	for i, u := range []string{"U1", "U2", "U1", "U2"} {
		wg.Go(func() {
			t, err := svcs[i%2].step(context.Background(), "U1:U2:who-owns-what", stepArgs{op: "answer", user: u,
				run: "", seatRun: "", question: 8, arg: strings.TrimPrefix(reqs[u].ActionID, ActionAnswer+":"), delivery: reqs[u].ID})
			if err != nil {
				panic(err)
			}
			mu.Lock()
			codes = append(codes, u+":"+t.Code)
			mu.Unlock()
		})
	}
	wg.Wait()
	both, done := 0, 0
	for _, c := range codes {
		switch {
		case strings.HasSuffix(c, "bothdone"):
			both++
		case strings.HasSuffix(c, "done"):
			done++
		}
	}
	// Each delivery's re-run gets its first answer back: one seat finished
	// first (done twice), the other last (bothdone twice).
	if both != 2 || done != 2 {
		t.Fatalf("got %v, want one seat done and the other bothdone, each twice", codes)
	}
	cur, err := e.svc.load(context.Background(), "U1:U2:who-owns-what")
	if err != nil || cur.get("st") != "sharing" || len(cur.answers("a")) != 9 || len(cur.answers("b")) != 9 {
		t.Fatalf("got %v (%v), want both seats' nine answers and sharing", cur.f, err)
	}
}

func TestBothClickTheLastAnswerAtOnceThroughHandlers(t *testing.T) {
	e := newEnv(t)
	e.inviteAndAccept(t)
	finishAllButLast(t, e, answersA, answersB)
	var reqs []*bot.Request
	for _, u := range []string{"U1", "U2"} {
		q, ts := e.last(t, "D"+u)
		b := button(t, q.Blocks, ActionAnswer+":0")
		reqs = append(reqs, e.click(u, "D"+u, ts, b.ActionID, b.Value))
	}
	other := e.service(t)
	var wg sync.WaitGroup
	for i, r := range reqs {
		svc := []*Service{e.svc, other}[i]
		wg.Go(func() { e.act(t, svc, r) })
	}
	wg.Wait()
	for _, u := range []string{"U1", "U2"} {
		ms, _ := e.sl.in("D" + u)
		n := 0
		for _, m := range ms {
			if strings.Contains(m.Text, "Share your answers") {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%s got %d share prompts, want 1", u, n)
		}
	}
}

// reveal runs a whole take to the comparison and returns U1's copy.
func reveal(t *testing.T, e *env, a, b []int) bot.Message {
	t.Helper()
	for i := range a {
		e.answer(t, e.svc, "U1", a[i])
		e.answer(t, e.svc, "U2", b[i])
	}
	for _, u := range []string{"U1", "U2"} {
		p, ts := e.last(t, "D"+u)
		for _, btn := range allButtons(p.Blocks) {
			if strings.HasSuffix(btn.Value, "|1") {
				e.act(t, e.svc, e.click(u, "D"+u, ts, btn.ActionID, btn.Value))
			}
		}
	}
	ms, _ := e.sl.in("DU1")
	for i := len(ms) - 1; i >= 0; i-- {
		if strings.Contains(ms[i].Text, "you agree on") {
			return ms[i]
		}
	}
	t.Fatal("no comparison")
	return bot.Message{}
}

func TestPostToAChannelBothChose(t *testing.T) {
	e := newEnv(t)
	e.inviteAndAccept(t)
	c := reveal(t, e, answersA, answersB)
	post := button(t, c.Blocks, ActionPost)
	e.act(t, e.svc, e.click("U1", "DU1", "", ActionPost, post.Value))
	if len(e.sl.views) != 1 || e.sl.views[0].CallbackID != CallbackPost {
		t.Fatalf("got views %+v, want the channel picker", e.sl.views)
	}
	ctx := context.Background()
	submit := func(user, channel, id string) bot.Reply {
		r, err := e.svc.HandleCallback(ctx, &bot.Request{Kind: bot.KindViewSubmission, ID: id, UserID: user, CallbackID: CallbackPost,
			PrivateMetadata: e.sl.views[0].PrivateMetadata, Values: bot.Form{"channel": {Value: channel}}})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	if r := submit("U1", "DU1", "V0"); r.View == nil || r.View.Errors["channel"] == "" {
		t.Errorf("a DM got %+v, want a field error", r.View)
	}
	r := submit("U1", "C9", "V1")
	if r.Channel != "DU2" || !strings.Contains(r.Text, "<@U1> would like to post") {
		t.Fatalf("got %+v, want U2 asked in their DM", r)
	}
	if ms, _ := e.sl.in("C9"); len(ms) != 0 {
		t.Fatal("posted before U2 agreed")
	}
	refuse, agree := button(t, r.Blocks, ActionRefuse), button(t, r.Blocks, ActionAgree)
	if got := e.act(t, e.svc, e.click("U2", "DU2", "1.1", ActionRefuse, refuse.Value)); !strings.Contains(got.Text, "not posted") {
		t.Errorf("refuse got %q", got.Text)
	}
	if got := e.act(t, e.svc, e.click("U2", "DU2", "1.1", ActionAgree, agree.Value)); !strings.Contains(got.Text, "no longer proposes") {
		t.Errorf("agree after refusing got %q, want nothing posted", got.Text)
	}
	r = submit("U1", "C9", "V2")
	e.sl.failIn["C9"] = true
	if got := e.act(t, e.svc, e.click("U2", "DU2", "1.1", ActionAgree, button(t, r.Blocks, ActionAgree).Value)); !strings.Contains(got.Text, "couldn't post") {
		t.Errorf("got %q, want told the advisor could not post there", got.Text)
	}
	delete(e.sl.failIn, "C9")
	submit("U1", "C9", "V3")
	r = submit("U2", "C9", "V4") // U2 proposes C9 too: U1 had, so it matches
	if !strings.Contains(r.Text, "picked <#C9> too") || r.Channel != "" {
		t.Fatalf("got %q in %q, want the match in U2's own DM", r.Text, r.Channel)
	}
	if got := e.act(t, e.svc, e.click("U2", "DU2", "1.2", ActionAgree, button(t, r.Blocks, ActionAgree).Value)); got.Text != "Posted in <#C9>." {
		t.Fatalf("got %q, want posted", got.Text)
	}
	ms, _ := e.sl.in("C9")
	if len(ms) != 1 || !strings.Contains(render(ms[0].Blocks), "both founders agreed") || strings.Contains(render(ms[0].Blocks), ActionPost) {
		t.Fatalf("got %d posts in C9, want the comparison once without the private buttons", len(ms))
	}
	if f := e.sl.allFiles(); f[len(f)-1].Channel != "C9" {
		t.Errorf("got the last chart in %s, want C9", f[len(f)-1].Channel)
	}
	if got := e.act(t, e.svc, e.click("U2", "DU2", "1.2", ActionAgree, button(t, r.Blocks, ActionAgree).Value)); !strings.Contains(got.Text, "already posted") {
		t.Errorf("a second agree got %q", got.Text)
	}
}

func TestHomeShowsHowTheGapsMoved(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	e.inviteAndAccept(t)
	home, err := e.svc.HomeBlocks(ctx, "U2")
	if err != nil || !strings.Contains(render(home), "0 of 9 questions into *Who owns what?* with <@U1>") {
		t.Fatalf("got %s (%v), want U2's progress", render(home), err)
	}
	reveal(t, e, answersA, answersB)
	e.clock.Add(30 * 24 * 60 * 60 * 1e9)
	c, _ := e.last(t, "DU1")
	_ = c
	// The second take: vision now agreed, the CEO's week apart.
	again := []int{2, 0, 4, 3, 0, 0, 4, 2, 0}
	ms, _ := e.sl.in("DU1")
	var cmp bot.Message
	for _, m := range ms {
		if strings.Contains(m.Text, "you agree on") {
			cmp = m
		}
	}
	e.act(t, e.svc, e.click("U1", "DU1", "", "pair:again", button(t, cmp.Blocks, "pair:again").Value))
	inv, ts := e.last(t, "DU2")
	e.act(t, e.svc, e.click("U2", "DU2", ts, ActionAccept, button(t, inv.Blocks, ActionAccept).Value))
	reveal(t, e, again, answersB)
	home, err = e.svc.HomeBlocks(ctx, "U1")
	got := render(home)
	for _, want := range []string{"*Who owns what?* with <@U2> (Apr 1): you agree on 6 of 9.", "Since Mar 2:", "closed: Product vision", "opened: The CEO's week"} {
		if err != nil || !strings.Contains(got, want) {
			t.Errorf("home lacks %q (%v):\n%s", want, err, got)
		}
	}
}
