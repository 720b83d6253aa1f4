package assessment

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/handlers/blockkit"
)

func TestFlowByButtonsFromSlashCommand(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	r, err := e.svc.Start(ctx, &bot.Request{Kind: bot.KindCommand, UserID: "U1", ChannelID: "C1"}, "founder-fit")
	if err != nil {
		t.Fatalf("start: %v", err)
	}
	if !strings.Contains(r.Text, "Started *Founder fit* in our DM") || r.Visibility != bot.VisibilityEphemeral {
		t.Fatalf("got reply %q (visibility %d), want an ephemeral DM note", r.Text, r.Visibility)
	}
	first := e.sl.last(t)
	if first.M.Channel != "DU1" || first.M.ThreadTS != "" || !strings.Contains(text(first.M), "1/4") {
		t.Fatalf("got first question %+v, want 1/4 in the DM", first.M)
	}
	for i, opt := range []int{2, 2, 1, 0} {
		q := e.sl.last(t)
		if r := e.answerByButton(t, e.svc, "U1", opt); !r.Empty() {
			t.Fatalf("answer %d: got reply %q, want none", i+1, r.Text)
		}
		ups := e.sl.allUpdates()
		up := ups[len(ups)-1]
		if up.TS != q.TS || hasButtons(up.M.Blocks) {
			t.Fatalf("answer %d: got update of %s (buttons %v), want %s without buttons", i+1, up.TS, hasButtons(up.M.Blocks), q.TS)
		}
	}
	res := e.sl.last(t)
	if got := text(res.M); !strings.Contains(got, "5/8") || !strings.Contains(got, "Getting there") {
		t.Fatalf("got result %q, want 5/8 Getting there", got)
	}
	// The result's chart comes under it, a PNG of the dimensions.
	e.sl.mu.Lock()
	files := append([]bot.File(nil), e.sl.files...)
	e.sl.mu.Unlock()
	if len(files) != 1 || files[0].Channel != "DU1" || !strings.Contains(files[0].AltText, "Selling") {
		t.Fatalf("got files %+v, want the result's chart in the DM", files)
	}
	if _, err := png.Decode(bytes.NewReader(files[0].Content)); err != nil {
		t.Errorf("the chart is no PNG: %v", err)
	}
	faq := buttonValue(t, res.M.Blocks, blockkit.ActionFAQ)
	if faq != "learn-selling" {
		t.Errorf("got faq button %q, want learn-selling", faq)
	}
	latest, prev, err := e.svc.Latest(ctx, "U1")
	if err != nil || latest == nil || prev != nil {
		t.Fatalf("got latest %v, previous %v, err %v; want one outcome", latest, prev, err)
	}
	if latest.Total != 5 || latest.Channel != "C1" {
		t.Errorf("got total %d channel %q, want 5 C1", latest.Total, latest.Channel)
	}
	// Share posts the result visibly in the channel the command came from.
	share := buttonValue(t, res.M.Blocks, ActionShare)
	sr, err := e.svc.HandleAction(ctx, click("U1", res, ActionShare, share))
	if err != nil {
		t.Fatalf("share: %v", err)
	}
	shared := e.sl.last(t)
	if shared.M.Channel != "C1" || shared.M.ThreadTS != "" || !strings.Contains(text(shared.M), "<@U1> shared") {
		t.Errorf("got shared post %+v (reply %q), want a top-level post in C1", shared.M, sr.Text)
	}
	if sr, _ := e.svc.HandleAction(ctx, click("U2", res, ActionShare, share)); !strings.Contains(sr.Text, "can't find") {
		t.Errorf("got %q for someone else's share, want a refusal", sr.Text)
	}
	if e.obs.started.Load() != 1 || e.obs.completed.Load() != 1 || e.obs.abandoned.Load() != 0 {
		t.Errorf("got observer %d/%d/%d, want 1/1/0", e.obs.started.Load(), e.obs.completed.Load(), e.obs.abandoned.Load())
	}
}

func TestFlowByTypedRepliesInThread(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	mention := &bot.Request{Kind: bot.KindMention, UserID: "U1", ChannelID: "C1", MessageTS: "1700000000.000001", Text: "assess founder-fit"}
	if r, err := e.svc.Start(ctx, mention, "founder-fit"); err != nil || !r.Empty() {
		t.Fatalf("start: reply %q, err %v", r.Text, err)
	}
	th := mention.MessageTS
	if p := e.sl.last(t); p.M.Channel != "C1" || p.M.ThreadTS != th {
		t.Fatalf("got question at %s/%s, want C1 thread %s", p.M.Channel, p.M.ThreadTS, th)
	}
	for i, answer := range []string{"#3", "i avoid demoss", "option 2", "Impact on Revenue"} {
		q := e.sl.last(t)
		r, handled, err := e.svc.HandleMessage(ctx, reply("U1", "C1", th, answer))
		if err != nil || !handled || !r.Empty() {
			t.Fatalf("answer %d %q: reply %q handled %v err %v", i+1, answer, r.Text, handled, err)
		}
		ups := e.sl.allUpdates()
		if up := ups[len(ups)-1]; up.TS != q.TS || up.M.Channel != "C1" {
			t.Fatalf("answer %d: updated %s in %s, want %s in C1", i+1, up.TS, up.M.Channel, q.TS)
		}
	}
	latest, _, err := e.svc.Latest(ctx, "U1")
	if err != nil || latest == nil {
		t.Fatalf("latest: %v %v", latest, err)
	}
	if want := []int{2, 0, 1, 2}; !slices.Equal(latest.Answers, want) {
		t.Errorf("got answers %v, want %v", latest.Answers, want)
	}
	if p := e.sl.last(t); p.M.ThreadTS != th || !strings.Contains(text(p.M), "5/8") {
		t.Errorf("got result %q in thread %q, want 5/8 in %s", text(p.M), p.M.ThreadTS, th)
	}
	// After the end the thread is the router's again.
	if _, handled, _ := e.svc.HandleMessage(ctx, reply("U1", "C1", th, "thanks!")); handled {
		t.Error("got handled after the end, want not handled")
	}
}

func TestFlowInDM(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	dm := &bot.Request{Kind: bot.KindDM, UserID: "U1", ChannelID: "DU1", ChannelType: "im", MessageTS: "1.1", Text: "assess founder-fit"}
	if _, err := e.svc.Start(ctx, dm, "founder-fit"); err != nil {
		t.Fatalf("start: %v", err)
	}
	if _, handled, err := e.svc.HandleMessage(ctx, reply("U1", "DU1", "", "1")); !handled || err != nil {
		t.Fatalf("answer: handled %v err %v", handled, err)
	}
	if p := e.sl.last(t); !strings.Contains(text(p.M), "2/4") || p.M.Channel != "DU1" {
		t.Errorf("got %q in %s, want question 2/4 in the DM", text(p.M), p.M.Channel)
	}
	if _, handled, _ := e.svc.HandleMessage(ctx, reply("U1", "DU9", "", "1")); handled {
		t.Error("got handled in a DM without a session, want not handled")
	}
}

func TestStartUnknownAndList(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	r, err := e.svc.Start(ctx, &bot.Request{Kind: bot.KindCommand, UserID: "U1"}, "<!here>")
	if err != nil {
		t.Fatalf("start: %v", err)
	}
	if strings.Contains(replyText(r), "<!here>") || buttonValue(t, r.Blocks, blockkit.ActionAssessStart) != "founder-fit" {
		t.Errorf("got %q, want an escaped id and the list", replyText(r))
	}
	l, err := e.svc.List(ctx, &bot.Request{Kind: bot.KindCommand, UserID: "U1"})
	if err != nil || buttonValue(t, l.Blocks, blockkit.ActionAssessStart) != "founder-fit" {
		t.Errorf("list: %v %v", l, err)
	}
}

// A double click on Share result posts it once, from any process.
func TestShareResultOnceOnADoubleClick(t *testing.T) {
	e := newEnv(t)
	e.startDM(t)
	for range 4 {
		e.answerByButton(t, e.svc, "U1", 1)
	}
	res := e.sl.last(t)
	value := buttonValue(t, res.M.Blocks, ActionShare)
	before := len(e.sl.allPosts())
	svcs := []*Service{e.svc, e.service(t)}
	replies := make([]bot.Reply, 2)
	var wg sync.WaitGroup
	for i := range 2 {
		wg.Go(func() {
			req := click("U1", res, ActionShare, value)
			req.ID = fmt.Sprintf("act:%d", i)
			r, err := svcs[i].HandleAction(context.Background(), req)
			if err != nil {
				t.Errorf("click %d: %v", i, err)
			}
			replies[i] = r
		})
	}
	wg.Wait()
	if got := len(e.sl.allPosts()) - before; got != 1 {
		t.Fatalf("got %d posts of the result, want 1", got)
	}
	texts := replyText(replies[0]) + "|" + replyText(replies[1])
	if !strings.Contains(texts, "Shared in <#C1>") || !strings.Contains(texts, "Already shared in <#C1>") {
		t.Errorf("got replies %q, want one shared and one already shared", texts)
	}
}
