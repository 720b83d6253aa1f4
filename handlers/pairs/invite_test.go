package pairs

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/bot"
)

func TestParseMention(t *testing.T) {
	for in, want := range map[string]string{
		"<@U2|bob>": "U2", "<@W123ABC>": "W123ABC", "U77": "U77", " <@U2|b ob> ": "U2",
		"@bob": "", "<#C1|general>": "", "<@U2": "", "<!channel>": "", "": "", "<@u2>": "", "x<@U2>": "",
	} {
		if got := parseMention(in); got != want {
			t.Errorf("parseMention(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestParseInviteArgs: the router splits the command on spaces, so a
// mention whose name holds one arrives in two pieces.
func TestParseInviteArgs(t *testing.T) {
	tests := []struct {
		name         string
		args         []string
		users, words string
	}{
		{"one mention", []string{"<@U2|bob>"}, "U2", ""},
		{"a name with a space", []string{"<@U2|bob", "smith>"}, "U2", ""},
		{"and the pair's id", []string{"<@U2|bob", "smith>", "who-owns-what"}, "U2", "who-owns-what"},
		{"glued to the id", []string{"<@U2>who-owns-what"}, "U2", "who-owns-what"},
		{"two people", []string{"<@U2|bob>", "<@U3|carol>"}, "U2 U3", ""},
		{"the same one twice", []string{"<@U2|bob>", "<@U2>"}, "U2", ""},
		{"a bare id", []string{"U77"}, "U77", ""},
		{"a channel", []string{"<#C9|general>"}, "", "<#C9|general>"},
		{"nothing", nil, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := parseInviteArgs(tt.args)
			if u, w := strings.Join(a.users, " "), strings.Join(a.words, " "); u != tt.users || w != tt.words {
				t.Errorf("got users %q words %q, want %q and %q", u, w, tt.users, tt.words)
			}
		})
	}
}

func TestInviteRefusals(t *testing.T) {
	tests := []struct {
		name string
		args []string
		user *slack.User // what users.info says of U2; nil entry: not found
		set  bool
		err  string // users.info's error for U2
		want string
	}{
		{name: "nobody named", args: nil, want: "Mention your co-founder"},
		{name: "not a mention", args: []string{"bob"}, want: "I couldn't tell who `bob` is"},
		{name: "@channel", args: []string{"<!channel>"}, want: "That's a group, not a person"},
		{name: "yourself", args: []string{"<@U1|me>"}, want: "That's you"},
		{name: "slackbot", args: []string{"<@USLACKBOT|slackbot>"}, want: "Slackbot is a bot"},
		{name: "a bot", args: []string{"<@U2|helper>"}, user: &slack.User{ID: "U2", TeamID: "T1", IsBot: true}, set: true, want: "is a bot"},
		{name: "not found", args: []string{"<@U2|ghost>"}, set: true, want: "can't find that person in this workspace"},
		{name: "another workspace", args: []string{"<@U2|far>"}, user: &slack.User{ID: "U2", TeamID: "T9"}, set: true, want: "outside this workspace"},
		{name: "a stranger", args: []string{"<@U2|far>"}, user: &slack.User{ID: "U2", IsStranger: true}, set: true, want: "outside this workspace"},
		{name: "deactivated", args: []string{"<@U2|gone>"}, user: &slack.User{ID: "U2", TeamID: "T1", Deleted: true}, set: true, want: "no longer in this workspace"},
		{name: "a guest", args: []string{"<@U2|guest>"}, user: &slack.User{ID: "U2", TeamID: "T1", IsRestricted: true}, set: true, want: "is a guest in this workspace"},
		{name: "a single-channel guest", args: []string{"<@U2|guest>"}, user: &slack.User{ID: "U2", TeamID: "T1", IsUltraRestricted: true}, set: true, want: "is a guest"},
		{name: "not visible", args: []string{"<@U2|hidden>"}, err: "user_not_visible", want: "can't find that person"},
		{name: "unknown pair", args: []string{"<@U2|bob>", "nope"}, want: "I don't know a paired assessment called `nope`"},
		{name: "unknown pair echoed once", args: []string{"<@U2|bob>", "r&amp;d"}, want: "called `r&amp;d`. There is"},
		{name: "three people", args: []string{"<@U2|bob>", "<@U3|carol>"}, want: "A pair is two people"},
		{name: "a channel", args: []string{"<#C9|general>"}, want: "That's a channel"},
		{name: "here", args: []string{"<!here>"}, want: "That's a group, not a person"},
		{name: "a user group", args: []string{"<!subteam^S1|@founders>"}, want: "That's a group"},
		{name: "a link", args: []string{"<https://example.com|example.com>"}, want: "`&lt;https://example.com|example.com&gt;`"},
		{name: "two words, no mention", args: []string{"bob", "smith"}, want: "I couldn't tell who `bob smith` is"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			if tt.set {
				e.sl.users["U2"] = tt.user
			}
			if tt.err != "" {
				e.sl.userErr["U2"] = tt.err
			}
			r, err := e.svc.Handle(context.Background(), &bot.Request{Kind: bot.KindCommand, ID: "C1", TeamID: "T1", UserID: "U1"}, tt.args)
			if err != nil || !strings.Contains(r.Text, tt.want) || r.Visibility != bot.VisibilityEphemeral {
				t.Errorf("got %q (%v), want an ephemeral %q", r.Text, err, tt.want)
			}
			if ms, _ := e.sl.in("DU2"); len(ms) != 0 {
				t.Errorf("an invitation went out: %q", ms[0].Text)
			}
		})
	}
}

func TestInviteTwiceAndCrossInvite(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	inv := func(from, to, id string) string {
		r, err := e.svc.Handle(ctx, &bot.Request{Kind: bot.KindCommand, ID: id, TeamID: "T1", UserID: from}, []string{"<@" + to + ">"})
		if err != nil {
			t.Fatal(err)
		}
		return r.Text
	}
	inv("U1", "U2", "E1")
	if got := inv("U1", "U2", "E1"); !strings.Contains(got, "Invited <@U2>") {
		t.Errorf("the same delivery again got %q, want the same answer", got)
	}
	if got := inv("U1", "U2", "E2"); !strings.Contains(got, "already invited <@U2>") {
		t.Errorf("got %q, want told the invitation is out", got)
	}
	if got := inv("U2", "U1", "E3"); !strings.Contains(got, "<@U1> already invited you") {
		t.Errorf("got %q, want told to accept the other's", got)
	}
	// The re-run of E1 (a takeover) found its own take: the same invitation,
	// which the bot's journal posts once; the other two made none.
	if ms, _ := e.sl.in("DU2"); len(ms) != 2 || button(t, ms[0].Blocks, ActionAccept).Value != button(t, ms[1].Blocks, ActionAccept).Value {
		t.Errorf("got %d invitations, want E1's twice with the same take", len(ms))
	}
	// The picker's submission: a bad pick shows under the field.
	e.sl.users["U3"] = &slack.User{ID: "U3", IsBot: true}
	sub := &bot.Request{Kind: bot.KindViewSubmission, ID: "V1", TeamID: "T1", UserID: "U1", CallbackID: CallbackInvite,
		PrivateMetadata: "who-owns-what", Values: bot.Form{"cofounder": {Value: "U3"}}}
	r, err := e.svc.HandleCallback(ctx, sub)
	if err != nil || r.View == nil || r.View.Errors["cofounder"] == "" || strings.Contains(r.View.Errors["cofounder"], "<@") {
		t.Errorf("got %+v (%v), want a plain field error", r.View, err)
	}
	sub.Values = bot.Form{"cofounder": {Value: "U4"}}
	r, err = e.svc.HandleCallback(ctx, sub)
	if err != nil || r.Channel != "DU4" || !strings.Contains(r.Text, "invited you") || r.View == nil {
		t.Errorf("got %+v (%v), want the invitation for U4's DM in the reply", r, err)
	}
}

func TestInvitationExpiresAfterAWeek(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	if _, err := e.svc.Handle(ctx, &bot.Request{Kind: bot.KindCommand, ID: "E1", TeamID: "T1", UserID: "U1"}, []string{"<@U2>"}); err != nil {
		t.Fatal(err)
	}
	inv, ts := e.last(t, "DU2")
	e.clock.Add(6 * 24 * time.Hour)
	if n, err := e.svc.SendDueReminders(ctx); err != nil || n != 0 {
		t.Fatalf("at 6 days: %d sent, %v", n, err)
	}
	e.clock.Add(25 * time.Hour)
	if n, err := e.svc.SendDueReminders(ctx); err != nil || n != 1 {
		t.Fatalf("at 7 days: %d sent, %v; want the inviter told", n, err)
	}
	if m, _ := e.last(t, "DU1"); !strings.Contains(m.Text, "expired") {
		t.Errorf("U1 got %q, want the expiry", m.Text)
	}
	r := e.act(t, e.svc, e.click("U2", "DU2", ts, ActionAccept, button(t, inv.Blocks, ActionAccept).Value))
	if !strings.Contains(r.Text, "expired") {
		t.Errorf("a late accept got %q, want the expiry", r.Text)
	}
	if ms, _ := e.sl.in("DU1"); len(ms) != 1 {
		t.Errorf("U1 got %d messages, want the expiry once", len(ms))
	}
	// A new invitation is possible now.
	if r, _ := e.svc.Handle(ctx, &bot.Request{Kind: bot.KindCommand, ID: "E2", TeamID: "T1", UserID: "U2"}, []string{"<@U1>"}); !strings.Contains(r.Text, "Invited") {
		t.Errorf("got %q, want a fresh invitation", r.Text)
	}
}

func TestOneReminderPerSeatAcrossReplicas(t *testing.T) {
	e := newEnv(t)
	e.inviteAndAccept(t)
	e.answer(t, e.svc, "U1", 0)
	ctx := context.Background()
	e.clock.Add(5 * time.Hour)
	svcs := []*Service{e.svc, e.service(t), e.service(t)}
	var mu sync.Mutex
	total := 0
	var wg sync.WaitGroup
	for _, s := range svcs {
		wg.Go(func() {
			n, err := s.SendDueReminders(ctx)
			if err != nil {
				t.Errorf("sweep: %v", err)
			}
			mu.Lock()
			total += n
			mu.Unlock()
		})
	}
	wg.Wait()
	if total != 2 {
		t.Fatalf("got %d reminders, want one per seat", total)
	}
	m, _ := e.last(t, "DU1")
	if !strings.Contains(m.Text, "You're 1 of 9 questions into") {
		t.Errorf("got %q, want U1's reminder", m.Text)
	}
	r := e.act(t, e.svc, e.click("U1", "DU1", "", ActionResume, button(t, m.Blocks, ActionResume).Value))
	if q, _ := e.last(t, "DU1"); !strings.Contains(r.Text, "question 2/9") || !strings.Contains(q.Text, "2/9") {
		t.Errorf("resume got %q and %q, want question 2 again", r.Text, q.Text)
	}
	for _, d := range []time.Duration{time.Hour, 6 * time.Hour, 48 * time.Hour} {
		e.clock.Add(d)
		if n, err := e.svc.SendDueReminders(ctx); err != nil || n != 0 {
			t.Fatalf("later sweep sent %d (%v), want 0", n, err)
		}
	}
}
