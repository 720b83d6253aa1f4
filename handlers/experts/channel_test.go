package experts

import (
	"context"
	"strings"
	"testing"

	"github.com/advisor-bot/advisor/bot"
)

func TestExpertsCommands(t *testing.T) {
	f := newFixture(t, WithChannel(""))
	f.sl.notIn["CNOTIN"] = true
	steps := []struct {
		name, user, channel string
		args                []string
		want                string
		channelAfter        string
	}{
		{"status with none", "UANY", "CGENERAL", nil, "experts here", ""},
		{"not an admin", "UANY", "CTEAM", []string{"here"}, "Only the advisor's admins", ""},
		{"in a DM", "UADMIN", "DADMIN", []string{"here"}, "not in a DM", ""},
		{"bot not invited", "UADMIN", "CNOTIN", []string{"here"}, "/invite @advisor", ""},
		{"set here", "UADMIN", "CTEAM", []string{"here"}, "<#CTEAM>", "CTEAM"},
		{"status", "UANY", "CGENERAL", []string{"status"}, "<#CTEAM> (set with", "CTEAM"},
		{"off by a non-admin", "UANY", "CTEAM", []string{"off"}, "Only the advisor's admins", "CTEAM"},
		{"off", "UADMIN", "CTEAM", []string{"OFF"}, "is off", ""},
		{"unknown", "UADMIN", "CTEAM", []string{"elsewhere"}, "Try", ""},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			req := &bot.Request{Kind: bot.KindCommand, UserID: st.user, ChannelID: st.channel}
			reply, err := f.s.Handle(context.Background(), req, st.args)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(reply.Text, st.want) || reply.Visibility != bot.VisibilityEphemeral {
				t.Errorf("got %q (%v), want %q privately", reply.Text, reply.Visibility, st.want)
			}
			if ch, _ := f.s.Channel(context.Background()); ch != st.channelAfter {
				t.Errorf("got channel %q, want %q", ch, st.channelAfter)
			}
		})
	}
}

func TestOffStopsEXPERTS_CHANNEL(t *testing.T) {
	f := newFixture(t) // EXPERTS_CHANNEL set
	if _, err := f.s.Handle(context.Background(), &bot.Request{UserID: "UADMIN", ChannelID: "CX"}, []string{"off"}); err != nil {
		t.Fatal(err)
	}
	if offerButton(f.s.Offer(context.Background(), mention, "anything?", "")) != "" {
		t.Error("Ask a person still offered after experts off")
	}
	f.sl.notIn[expertsCh] = true
	if _, err := f.s.Handle(context.Background(), &bot.Request{UserID: "UADMIN", ChannelID: "CNEW"}, []string{"here"}); err != nil {
		t.Fatal(err)
	}
	if ch, _ := f.s.Channel(context.Background()); ch != "CNEW" {
		t.Errorf("got %q, want CNEW", ch)
	}
}

func TestStatusSaysToInviteTheBot(t *testing.T) {
	f := newFixture(t)
	f.sl.notIn[expertsCh] = true
	reply, err := f.s.Handle(context.Background(), &bot.Request{UserID: "UANY", ChannelID: "CX"}, []string{"status"})
	if err != nil || !strings.Contains(reply.Text, "/invite @advisor") {
		t.Errorf("got %q (%v), want how to invite the advisor", reply.Text, err)
	}
}

func TestPersonStatus(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.press(t, "UASK", f.offerFor(t, mention, "Open question?"), mention)
	f.press(t, "UASK", f.offerFor(t, mention, "Answered question?"), mention)
	rid := answerButtonIn(f.sl.postsIn(expertsCh)[1].Blocks)
	f.submit(t, "s1", "UEXP", rid, "Yes.", false)
	got := f.s.PersonStatus(ctx, []string{"open  QUESTION", "Never asked", "answered question"})
	want := []string{"waiting", "", "answered by <@UEXP>"}
	for i := range want {
		if (want[i] == "") != (got[i] == "") || !strings.Contains(got[i], want[i]) {
			t.Errorf("question %d: got %q, want %q", i, got[i], want[i])
		}
	}
}
