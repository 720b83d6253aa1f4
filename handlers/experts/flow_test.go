package experts

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/handlers/blockkit"
)

// offerFor runs Offer for question asked by req and returns the button's
// question id.
func (f *fixture) offerFor(t *testing.T, req *bot.Request, question string) string {
	t.Helper()
	qid := offerButton(f.s.Offer(context.Background(), req, question, ""))
	if qid == "" {
		t.Fatalf("no Ask a person button for %q", question)
	}
	return qid
}

// press is user pressing Ask a person (value qid) on the message req was
// answered with.
func (f *fixture) press(t *testing.T, user, qid string, at *bot.Request) bot.Reply {
	t.Helper()
	click := *at
	click.Kind, click.UserID, click.ActionID, click.ActionValue = bot.KindAction, user, ActionAsk, qid
	click.Ephemeral = at.Kind == bot.KindCommand
	reply, err := f.s.HandleAction(context.Background(), &click)
	if err != nil {
		t.Fatal(err)
	}
	return reply
}

// submit is expert submitting the Answer modal of rid.
func (f *fixture) submit(t *testing.T, id, expert, rid, answer string, draft bool) bot.Reply {
	t.Helper()
	vals := bot.Form{fieldAnswer: {Type: "plain_text_input", Value: answer}}
	if draft {
		vals[fieldDraft] = bot.Field{Type: "checkboxes", Values: []string{draftOption}}
	}
	reply, err := f.s.HandleCallback(context.Background(), &bot.Request{Kind: bot.KindViewSubmission, ID: id, UserID: expert,
		CallbackID: CallbackAnswer, PrivateMetadata: rid, Values: vals})
	if err != nil {
		t.Fatal(err)
	}
	return reply
}

func fieldError(r bot.Reply) string {
	if r.View == nil || r.View.ResponseAction != slack.RAErrors {
		return ""
	}
	return r.View.Errors[fieldAnswer]
}

var (
	mention = &bot.Request{Kind: bot.KindMention, UserID: "UASK", ChannelID: "CGENERAL", MessageTS: "1.1"}
	command = &bot.Request{Kind: bot.KindCommand, UserID: "UCMD", ChannelID: "CGENERAL", ResponseURL: "https://hooks/x"}
	dm      = &bot.Request{Kind: bot.KindDM, UserID: "UDM", ChannelID: "DUDM", ChannelType: "im", MessageTS: "2.2"}
)

func TestOfferWithoutExpertsChannelSaysHowToTurnItOn(t *testing.T) {
	f := newFixture(t, WithChannel(""))
	blocks := f.s.Offer(context.Background(), mention, "what is our dog policy?", "")
	if offerButton(blocks) != "" || !strings.Contains(text(blocks), "experts here") {
		t.Errorf("got %q, want no button and how an admin turns it on", text(blocks))
	}
}

func TestAskAPersonPostsOnceAndEveryAskerGetsTheAnswer(t *testing.T) {
	f := newFixture(t)
	question := "What's our <!channel> policy on dogs & cats?"
	reply := f.press(t, "UASK", f.offerFor(t, mention, question), mention)
	if !strings.Contains(reply.Text, "passed your question") || reply.Visibility != bot.VisibilityEphemeral {
		t.Errorf("got %+v, want the asker told privately", reply)
	}
	posts := f.sl.postsIn(expertsCh)
	if len(posts) != 1 {
		t.Fatalf("got %d posts in the experts channel, want 1", len(posts))
	}
	body := text(posts[0].Blocks)
	for _, want := range []string{"<@UASK>", "&lt;!channel&gt;", "dogs &amp; cats", "<#CGENERAL>", "/archives/CGENERAL/p11|"} {
		if !strings.Contains(body, want) {
			t.Errorf("experts' post %q lacks %q", body, want)
		}
	}
	if strings.Contains(body, "<!channel>") {
		t.Errorf("experts' post %q pings the channel", body)
	}
	rid := answerButtonIn(posts[0].Blocks)
	if rid == "" {
		t.Fatal("no Answer button in the experts' post")
	}

	// The same question, typed differently, privately: joins.
	reply = f.press(t, "UCMD", f.offerFor(t, command, "WHAT'S our  <!channel> policy on Dogs &amp; cats??"), command)
	if !strings.Contains(reply.Text, "same answer") {
		t.Errorf("got %q, want the second asker told they joined", reply.Text)
	}
	// The first asker again: told so, not added twice.
	if reply = f.press(t, "UASK", f.offerFor(t, mention, question), mention); !strings.Contains(reply.Text, "already") {
		t.Errorf("got %q, want a repeat ask noticed", reply.Text)
	}
	if n := len(f.sl.postsIn(expertsCh)); n != 1 {
		t.Fatalf("got %d posts in the experts channel, want still 1", n)
	}

	// Answer: opens the modal with the question, escaped.
	open := &bot.Request{Kind: bot.KindAction, UserID: "UEXP", ActionID: ActionAnswer, ActionValue: rid, TriggerID: "T1"}
	if _, err := f.s.HandleAction(context.Background(), open); err != nil {
		t.Fatal(err)
	}
	if len(f.sl.views) != 1 || !strings.Contains(text(f.sl.views[0].Blocks.BlockSet), "&lt;!channel&gt;") || f.sl.views[0].PrivateMetadata != rid {
		t.Fatalf("got views %+v, want the Answer modal for %s", f.sl.views, rid)
	}

	sub := f.submit(t, "sub1", "UEXP", rid, "Dogs on Fridays. <@UALL> & co.", true)
	if sub.View == nil || sub.View.ResponseAction != slack.RAUpdate || sub.After == nil {
		t.Fatalf("got %+v, want the modal updated and the delivery after the ack", sub)
	}
	if got := f.sl.postsIn("CGENERAL"); len(got) != 0 {
		t.Fatalf("posted before the ack: %+v", got)
	}
	f.drafts.probe = func() int { return len(f.sl.postsIn("CGENERAL")) + len(f.sl.postsIn("DUCMD")) }
	if err := sub.After(context.Background()); err != nil {
		t.Fatal(err)
	}
	if len(f.drafts.probed) != 1 || f.drafts.probed[0] != 0 {
		// An admin opening the Home once the asker has the answer must
		// find the draft there.
		t.Errorf("answers posted before the draft was kept: %v, want [0]", f.drafts.probed)
	}
	thread := f.sl.postsIn("CGENERAL")
	if len(thread) != 1 || thread[0].ThreadTS != "1.1" {
		t.Fatalf("got %+v, want the answer in the mention's thread", thread)
	}
	tb := text(thread[0].Blocks)
	for _, want := range []string{"<@UASK>", "Answered by <@UEXP>", "&lt;@UALL&gt; &amp; co."} {
		if !strings.Contains(tb, want) {
			t.Errorf("answer %q lacks %q", tb, want)
		}
	}
	if got := f.sl.postsIn("DUCMD"); len(got) != 1 {
		t.Errorf("got %d answers in the command asker's DM, want 1", len(got))
	}
	if len(f.sl.updates) != 1 || answerButtonIn(f.sl.updates[0].Blocks) != "" || !strings.Contains(text(f.sl.updates[0].Blocks), "Answered by <@UEXP>") {
		t.Errorf("got updates %+v, want the experts' post answered without its button", f.sl.updates)
	}
	if len(f.drafts.list) != 1 || f.drafts.list[0].RequestID != rid || f.drafts.list[0].AskerID != "UASK" || f.drafts.list[0].ExpertID != "UEXP" {
		t.Errorf("got drafts %+v, want one from the request", f.drafts.list)
	}
	if f.obs.opened != 1 || f.obs.answered != 1 {
		t.Errorf("got opened %d answered %d, want 1 and 1", f.obs.opened, f.obs.answered)
	}

	// A later expert: field error, nothing posted.
	before := len(f.sl.posts)
	if e := fieldError(f.submit(t, "sub2", "UEXP2", rid, "Cats only.", false)); !strings.Contains(e, "already") && !strings.Contains(e, "answered") {
		t.Errorf("got field error %q, want already answered", e)
	}
	if len(f.sl.posts) != before {
		t.Error("a second answer was posted")
	}
	// The same submission run again (a takeover): delivers again, which
	// the bot's journal makes a no-op in Slack; the request stays the first's.
	if again := f.submit(t, "sub1", "UEXP", rid, "Dogs on Fridays. <@UALL> & co.", true); again.After == nil {
		t.Errorf("got %+v, want a re-run to deliver again", again)
	}
	if f.obs.answered != 1 {
		t.Errorf("a re-run counted the answer twice")
	}
	// The same question now opens a new request.
	f.press(t, "UDM", f.offerFor(t, dm, question), dm)
	if n := len(f.sl.postsIn(expertsCh)); n != 2 {
		t.Errorf("got %d experts' posts, want a new request after the answer", n)
	}
}

func TestAnswerFieldErrors(t *testing.T) {
	f := newFixture(t)
	f.press(t, "UASK", f.offerFor(t, mention, "how do we expense lunches?"), mention)
	rid := answerButtonIn(f.sl.postsIn(expertsCh)[0].Blocks)
	f.sl.members[expertsCh] = map[string]bool{"UEXP": true}
	tests := []struct {
		name, user, answer, want string
	}{
		{"empty", "UEXP", "  \n ", "Write an answer"},
		{"too long", "UEXP", strings.Repeat("é", MaxAnswer+1), "2500"},
		{"not an expert", "UOUT", "Receipts to finance.", "Only members"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := fieldError(f.submit(t, "s-"+tt.name, tt.user, rid, tt.answer, false)); !strings.Contains(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	if len(f.sl.updates) != 0 || len(f.sl.posts) != 1 {
		t.Errorf("got %d updates and %d posts, want nothing after field errors", len(f.sl.updates), len(f.sl.posts))
	}
	if got := fieldError(f.submit(t, "s-ok", "UEXP", rid, strings.Repeat("é", MaxAnswer), false)); got != "" {
		t.Errorf("got %q, want the longest answer accepted", got)
	}
}

func TestTwoExpertsAtOnceFirstWins(t *testing.T) {
	f := newFixture(t)
	f.press(t, "UASK", f.offerFor(t, mention, "who signs contracts?"), mention)
	rid := answerButtonIn(f.sl.postsIn(expertsCh)[0].Blocks)
	var wg sync.WaitGroup
	replies := make([]bot.Reply, 8)
	for i := range replies {
		wg.Go(func() {
			replies[i] = f.submit(t, "sub"+string(rune('a'+i)), "UEXP"+string(rune('A'+i)), rid, "The CEO.", false)
		})
	}
	wg.Wait()
	won, lost := 0, 0
	for _, r := range replies {
		switch {
		case r.After != nil:
			won++
		case fieldError(r) != "":
			lost++
		}
	}
	if won != 1 || lost != len(replies)-1 {
		t.Errorf("got %d winners and %d told, want 1 and %d", won, lost, len(replies)-1)
	}
}

func TestAskFailsCleanlyWhenTheExpertsChannelRefuses(t *testing.T) {
	f := newFixture(t)
	f.sl.failPost = true
	q := "where is the office wifi password?"
	if r := f.press(t, "UASK", f.offerFor(t, mention, q), mention); !strings.Contains(r.Text, "nothing was sent") {
		t.Errorf("got %q, want the asker told nothing was sent", r.Text)
	}
	f.sl.failPost = false
	f.press(t, "UASK", f.offerFor(t, mention, q), mention)
	if n := len(f.sl.postsIn(expertsCh)); n != 1 {
		t.Errorf("got %d experts' posts, want the next ask to post anew", n)
	}
	if f.obs.opened != 1 {
		t.Errorf("got %d opened, want 1", f.obs.opened)
	}
}

// TestAskAPersonSaysSoInThePane: in the assistant pane the status line
// says a person is being asked while the question goes to the experts.
func TestAskAPersonSaysSoInThePane(t *testing.T) {
	f := newFixture(t)
	qid := f.offerFor(t, mention, "Who should own pricing?")
	var shown []string
	ctx := blockkit.WithBusy(context.Background(), func(_ context.Context, status string) { shown = append(shown, status) })
	click := *mention
	click.Kind, click.UserID, click.ActionID, click.ActionValue = bot.KindAction, "UASK", ActionAsk, qid
	if _, err := f.s.HandleAction(ctx, &click); err != nil {
		t.Fatal(err)
	}
	if len(shown) != 1 || !strings.Contains(shown[0], "asking a person") {
		t.Errorf("status shown %q, want one saying a person is being asked", shown)
	}
}
