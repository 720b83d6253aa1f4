package pairs

import (
	"bytes"
	"context"
	"image/png"
	"strings"
	"testing"
	"time"

	"github.com/advisor-bot/advisor/bot"
)

// The two answer sets the tests use: U1 (the inviter) and U2 differ on
// vision (0 vs 2), tech-direction (4 vs 2) and stop-doing (0 vs 4).
var (
	answersA = []int{0, 0, 4, 3, 0, 0, 1, 2, 0}
	answersB = []int{2, 0, 2, 3, 0, 0, 1, 2, 4}
)

// TestPairFlowDaysApartRevealsOnlyWhenBothShare is one story on purpose:
// what each founder may see depends on everything before it.
func TestPairFlowDaysApartRevealsOnlyWhenBothShare(t *testing.T) {
	e := newEnv(t)
	e.inviteAndAccept(t)
	for _, u := range []string{"U1", "U2"} {
		q, _ := e.last(t, "D"+u)
		if !strings.Contains(q.Text, "1/9") {
			t.Fatalf("%s got %q, want question 1/9", u, q.Text)
		}
	}
	for _, o := range answersA {
		e.answer(t, e.svc, "U1", o)
	}
	wait, _ := e.last(t, "DU1")
	if !strings.Contains(wait.Text, "Waiting for <@U2>") {
		t.Fatalf("got %q, want U1 told to wait for U2", wait.Text)
	}
	if ms, _ := e.sl.in("DU2"); len(ms) != 2 { // the invitation and question 1
		t.Errorf("U2 got %d posts, want nothing of U1's progress: %q", len(ms), ms[len(ms)-1].Text)
	}
	e.clock.Add(3 * 24 * time.Hour) // U2 answers three days later, on another replica
	other := e.service(t)
	for _, o := range answersB {
		e.answer(t, other, "U2", o)
	}
	prompts := map[string]bot.Message{}
	tss := map[string]string{}
	for _, u := range []string{"U1", "U2"} {
		prompts[u], tss[u] = e.last(t, "D"+u)
		if !strings.Contains(prompts[u].Text, "Share your answers") {
			t.Fatalf("%s got %q, want the share prompt", u, prompts[u].Text)
		}
	}
	// Before both say yes, nobody has seen the other's answers.
	yes := func(u string) bot.Reply {
		for _, b := range allButtons(prompts[u].Blocks) {
			if b.ActionID == ActionShare && strings.HasSuffix(b.Value, "|1") {
				return e.act(t, e.svc, e.click(u, "D"+u, tss[u], b.ActionID, b.Value))
			}
		}
		t.Fatal("no yes button")
		return bot.Reply{}
	}
	if r := yes("U1"); !strings.Contains(r.Text, "once <@U2> says yes") {
		t.Errorf("got %q, want U1 waiting for U2's yes", r.Text)
	}
	for _, u := range []string{"U1", "U2"} {
		for _, m := range func() []bot.Message { ms, _ := e.sl.in("D" + u); return ms }() {
			if strings.Contains(render(m.Blocks), "side by side") {
				t.Fatalf("%s saw a comparison before both agreed", u)
			}
		}
	}
	yes("U2")
	for _, u := range []string{"U1", "U2"} {
		c, _ := e.last(t, "D"+u)
		got := render(c.Blocks)
		for _, want := range []string{"You agree on *6 of 9*", "Biggest gaps", "*Product vision* — <@U1>: _The CEO decides_ · <@U2>: _We decide it together_ (2 steps apart)",
			"Settle this one before any other", "you agree: _The CEO_", "Post to a channel", "Hiding in the code"} {
			if !strings.Contains(got, want) {
				t.Errorf("%s's comparison lacks %q:\n%s", u, want, got)
			}
		}
	}
	files := e.sl.allFiles()
	if len(files) != 2 || files[0].Channel != "DU1" || files[1].Channel != "DU2" {
		t.Fatalf("got files %+v, want the chart in both DMs", files)
	}
	if _, err := png.Decode(bytes.NewReader(files[0].Content)); err != nil || !strings.Contains(files[0].AltText, "Product vision") {
		t.Errorf("chart: %v, alt %q", err, files[0].AltText)
	}
}

func TestOneDeclinesToShare(t *testing.T) {
	e := newEnv(t)
	e.inviteAndAccept(t)
	for i := range answersA {
		e.answer(t, e.svc, "U1", answersA[i])
		e.answer(t, e.svc, "U2", answersB[i])
	}
	p1, ts1 := e.last(t, "DU1")
	p2, ts2 := e.last(t, "DU2")
	var no, yes2 string
	for _, b := range allButtons(p1.Blocks) {
		if strings.HasSuffix(b.Value, "|0") {
			no = b.Value
		}
	}
	for _, b := range allButtons(p2.Blocks) {
		if strings.HasSuffix(b.Value, "|1") {
			yes2 = b.Value
		}
	}
	e.act(t, e.svc, e.click("U2", "DU2", ts2, ActionShare, yes2))
	if r := e.act(t, e.svc, e.click("U1", "DU1", ts1, ActionShare, no)); !strings.Contains(r.Text, "stay private") {
		t.Errorf("got %q, want U1's answers kept private", r.Text)
	}
	// U2 is told only that: their prompt is replaced, nothing else posted.
	e.sl.mu.Lock()
	up := e.sl.updates[len(e.sl.updates)-1]
	e.sl.mu.Unlock()
	if up.Channel != "DU2" || up.ThreadTS != ts2 || up.Text != "<@U1> chose not to share this time, so nothing was shared." {
		t.Errorf("got update %+v, want U2's prompt replaced with the decline", up)
	}
	for _, u := range []string{"U1", "U2"} {
		ms, _ := e.sl.in("D" + u)
		for _, m := range ms {
			if strings.Contains(render(m.Blocks), "side by side") || strings.Contains(render(m.Blocks), "_We decide it together_") {
				t.Errorf("%s saw answers after a decline: %s", u, m.Text)
			}
		}
	}
	if len(e.sl.allFiles()) != 0 {
		t.Error("a chart was uploaded after a decline")
	}
	if r := e.act(t, e.svc, e.click("U2", "DU2", ts2, ActionShare, yes2)); !strings.Contains(r.Text, "chose not to share") {
		t.Errorf("a late yes got %q, want the decline", r.Text)
	}
}

func TestBackRestartCancel(t *testing.T) {
	e := newEnv(t)
	e.inviteAndAccept(t)
	ctx := context.Background()
	e.answer(t, e.svc, "U1", 1)
	q, ts := e.last(t, "DU1")
	e.act(t, e.svc, e.click("U1", "DU1", ts, ActionBack, button(t, q.Blocks, ActionBack).Value))
	if q, _ := e.last(t, "DU1"); !strings.Contains(q.Text, "1/9") {
		t.Fatalf("after back got %q, want question 1 again", q.Text)
	}
	e.answer(t, e.svc, "U1", 2)
	q, ts = e.last(t, "DU1")
	restart := button(t, q.Blocks, ActionRestart).Value
	e.act(t, e.svc, e.click("U1", "DU1", ts, ActionRestart, restart))
	q, ts = e.last(t, "DU1")
	if !strings.Contains(q.Text, "1/9") {
		t.Fatalf("after restart got %q, want question 1", q.Text)
	}
	// A button of the run before the restart is stale.
	if r := e.act(t, e.svc, e.click("U1", "DU1", ts, ActionRestart, restart)); !strings.Contains(r.Text, "earlier question") {
		t.Errorf("got %q, want the old button refused", r.Text)
	}
	r := e.act(t, e.svc, e.click("U1", "DU1", ts, ActionCancel, button(t, q.Blocks, ActionCancel).Value))
	if !strings.Contains(r.Text, "Nothing was shared") {
		t.Errorf("got %q, want the cancel confirmed", r.Text)
	}
	if m, _ := e.last(t, "DU2"); m.Text != "<@U1> stopped *Who owns what?*. Nothing was shared." {
		t.Errorf("U2 got %q, want told U1 stopped", m.Text)
	}
	q2, ts2 := e.sl.in("DU2")
	_ = ctx
	last := q2[len(q2)-2]
	if r := e.act(t, e.svc, e.click("U2", "DU2", ts2[len(ts2)-2], ActionAnswer+":0", button(t, last.Blocks, ActionAnswer+":0").Value)); !strings.Contains(r.Text, "over") {
		t.Errorf("an answer after the cancel got %q, want it refused", r.Text)
	}
}
