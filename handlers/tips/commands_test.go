package tips

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/internal/redistest"
	"github.com/advisor-bot/advisor/knowledge"
	"github.com/advisor-bot/advisor/scheduler"
	"github.com/rs/zerolog"
	"github.com/slack-go/slack"
)

type fakeSlack struct {
	mu      sync.Mutex
	users   map[string]*slack.User
	members map[string]bool
	posts   []bot.Message
	errs    map[string][]error // returned, in order, before posts to a channel succeed
	views   []slack.ModalViewRequest
}

func (f *fakeSlack) OpenView(_ context.Context, _ string, v slack.ModalViewRequest) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.views = append(f.views, v)
	return "V1", nil
}

func (f *fakeSlack) PushView(ctx context.Context, trigger string, v slack.ModalViewRequest) (string, error) {
	return f.OpenView(ctx, trigger, v)
}

func (f *fakeSlack) UpdateView(context.Context, string, string, slack.ModalViewRequest) error {
	return nil
}

func (f *fakeSlack) UserInfo(_ context.Context, id string) (*slack.User, error) {
	if u, ok := f.users[id]; ok {
		return u, nil
	}
	return &slack.User{ID: id}, nil
}

func (f *fakeSlack) IsMember(_ context.Context, ch string) (bool, error) { return f.members[ch], nil }
func (f *fakeSlack) OpenDM(_ context.Context, user string) (string, error) {
	return "D-" + user, nil
}

func (f *fakeSlack) Post(_ context.Context, m bot.Message) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if q := f.errs[m.Channel]; len(q) > 0 {
		f.errs[m.Channel] = q[1:]
		return "", q[0]
	}
	f.posts = append(f.posts, m)
	return "1.0", nil
}

func (f *fakeSlack) sent() []bot.Message {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]bot.Message(nil), f.posts...)
}

type env struct {
	c  *Commands
	s  *scheduler.Scheduler
	sl *fakeSlack
}

func newEnv(t *testing.T) env {
	t.Helper()
	rdb, prefix := redistest.New(t)
	sl := &fakeSlack{
		users: map[string]*slack.User{
			"UADMIN": {ID: "UADMIN", IsAdmin: true}, "UOWNER": {ID: "UOWNER", IsOwner: true},
			"UTOKYO": {ID: "UTOKYO", TZ: "Asia/Tokyo"},
		},
		members: map[string]bool{"C1": true},
	}
	kb := &knowledge.Base{Tips: []*knowledge.Tip{
		{ID: "t1", Text: "Sell first", Topic: "selling", Audience: []string{"ceo"}, Related: "f1"},
		{ID: "t2", Text: "Hire slowly", Topic: "hiring", Audience: []string{"cto"}, Related: "f2"},
		{ID: "t3", Text: "Measure cost", Topic: "cost", Audience: []string{"cto", "ceo"}, Related: "f3"},
	}}
	s := scheduler.New(rdb, prefix, kb, NewPoster(sl), zerolog.New(zerolog.NewTestWriter(t)))
	return env{c: NewCommands(s, sl, []string{"UBOSS"}, "Europe/Berlin"), s: s, sl: sl}
}

func channelReq(user string) *bot.Request {
	return &bot.Request{Kind: bot.KindCommand, UserID: user, ChannelID: "C1", ChannelType: "channel"}
}

func run(t *testing.T, e env, req *bot.Request, line string) bot.Reply {
	t.Helper()
	r, err := e.c.Handle(context.Background(), req, strings.Fields(line))
	if err != nil {
		t.Fatalf("tips %s: %v", line, err)
	}
	return r
}

func TestSubscribeChannel(t *testing.T) {
	tests := []struct {
		name, line string
		wantText   string
		wantVis    bot.Visibility
		stored     bool
	}{
		{"default", "subscribe", "<@U1> subscribed this channel to weekly tips, Mondays 09:00 Europe/Berlin", bot.VisibilityInChannel, true},
		{"daily for ctos", "subscribe daily 08:30 America/New_York for ctos", "<@U1> subscribed this channel to daily tips, 08:30 America/New_York for CTOs", bot.VisibilityInChannel, true},
		{"team leads", "subscribe weekdays 10:00 for team-leads", "weekdays tips, Monday to Friday 10:00 Europe/Berlin for team leads", bot.VisibilityInChannel, true},
		{"bad time", "subscribe daily 25:00", "not a time of day", bot.VisibilityEphemeral, false},
		{"bad day", "subscribe weekly mun", "not a day of the week", bot.VisibilityEphemeral, false},
		{"bad tz", "subscribe daily 09:00 Nowhere/Land", "not a timezone", bot.VisibilityEphemeral, false},
		{"bad audience", "subscribe for <!channel>", "&lt;!channel&gt;", bot.VisibilityEphemeral, false},
		{"bad audience as Slack sends it, escaped once", "subscribe for R&amp;D", "`r&amp;d`", bot.VisibilityEphemeral, false},
		{"cron too often", `subscribe cron "*/10 * * * *"`, "more than once an hour", bot.VisibilityEphemeral, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			r := run(t, e, channelReq("U1"), tt.line)
			if !strings.Contains(r.Text, tt.wantText) || r.Visibility != tt.wantVis {
				t.Fatalf("got %q (visibility %d), want %q (visibility %d)", r.Text, r.Visibility, tt.wantText, tt.wantVis)
			}
			_, err := e.s.Get(context.Background(), "C1")
			if stored := err == nil; stored != tt.stored {
				t.Fatalf("stored got %v, want %v (err %v)", stored, tt.stored, err)
			}
		})
	}
}

func TestSubscribeNeedsMembership(t *testing.T) {
	e := newEnv(t)
	req := channelReq("U1")
	req.ChannelID = "C2"
	r := run(t, e, req, "subscribe")
	if !strings.Contains(r.Text, "/invite @advisor") || r.Visibility != bot.VisibilityEphemeral {
		t.Fatalf("got %q, want an ephemeral invite hint", r.Text)
	}
	if _, err := e.s.Get(context.Background(), "C2"); !errors.Is(err, scheduler.ErrNotSubscribed) {
		t.Fatalf("got %v, want no subscription", err)
	}
}

func TestPermissions(t *testing.T) {
	tests := []struct {
		name, user, line string
		allowed          bool
	}{
		{"creator pauses", "U1", "pause", true},
		{"stranger pauses", "U2", "pause", false},
		{"stranger unsubscribes", "U2", "unsubscribe", false},
		{"stranger posts now", "U2", "now", false},
		{"stranger resubscribes", "U2", "subscribe daily 07:00", false},
		{"workspace admin", "UADMIN", "pause", true},
		{"workspace owner", "UOWNER", "unsubscribe", true},
		{"advisor admin", "UBOSS", "subscribe daily 07:00", true},
		{"stranger reads status", "U2", "status", true},
		{"stranger previews", "U2", "preview", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			run(t, e, channelReq("U1"), "subscribe")
			r := run(t, e, channelReq(tt.user), tt.line)
			refused := strings.Contains(r.Text, "Only <@U1>")
			if refused == tt.allowed {
				t.Fatalf("got %q, want allowed=%v", r.Text, tt.allowed)
			}
			if refused && r.Visibility != bot.VisibilityEphemeral {
				t.Fatalf("refusal visibility %d, want ephemeral", r.Visibility)
			}
			if refused {
				sub, err := e.s.Get(context.Background(), "C1")
				if err != nil || sub.Paused || sub.CreatedBy != "U1" {
					t.Fatalf("refused change still changed the subscription: %+v %v", sub, err)
				}
			}
		})
	}
}

func TestLifecycle(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	run(t, e, channelReq("U1"), "subscribe weekly fri 16:00 for ceos")
	st := run(t, e, channelReq("U2"), "status")
	for _, want := range []string{"weekly, Fridays 16:00 Europe/Berlin", "Next tip: Fri", "CEOs", "<@U1>"} {
		if !strings.Contains(st.Text, want) {
			t.Fatalf("status %q lacks %q", st.Text, want)
		}
	}
	pv := run(t, e, channelReq("U2"), "preview")
	run(t, e, channelReq("U1"), "now")
	posts := e.sl.sent()
	if len(posts) != 1 || !strings.Contains(pv.Text, strings.TrimPrefix(posts[0].Text, "Tip: ")) {
		t.Fatalf("preview %q, posted %+v: want the previewed tip posted", pv.Text, posts)
	}
	run(t, e, channelReq("U1"), "pause")
	if sub, _ := e.s.Get(ctx, "C1"); !sub.Paused {
		t.Fatal("pause did not pause")
	}
	if st := run(t, e, channelReq("U1"), "status"); !strings.Contains(st.Text, "Paused") {
		t.Fatalf("status %q does not say paused", st.Text)
	}
	run(t, e, channelReq("U1"), "resume")
	if sub, _ := e.s.Get(ctx, "C1"); sub.Paused {
		t.Fatal("resume did not resume")
	}
	run(t, e, channelReq("U1"), "unsubscribe")
	if _, err := e.s.Get(ctx, "C1"); !errors.Is(err, scheduler.ErrNotSubscribed) {
		t.Fatalf("got %v after unsubscribe, want ErrNotSubscribed", err)
	}
}

func TestPersonalTips(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	dm := &bot.Request{Kind: bot.KindDM, UserID: "UTOKYO", ChannelID: "D-UTOKYO", ChannelType: "im"}
	r := run(t, e, dm, "subscribe")
	if !strings.Contains(r.Text, "personal tips") {
		t.Fatalf("got %q, want a personal confirmation", r.Text)
	}
	sub, err := e.s.Get(ctx, "D-UTOKYO")
	if err != nil || !sub.Personal || sub.User != "UTOKYO" || sub.Schedule.TZ != "Asia/Tokyo" {
		t.Fatalf("got %+v %v, want a personal subscription in Asia/Tokyo", sub, err)
	}
	other := &bot.Request{Kind: bot.KindAction, UserID: "U2", ActionID: ActionStop, ActionValue: "D-UTOKYO"}
	if r, _ := e.c.HandleAction(ctx, other); !strings.Contains(r.Text, "someone else's") {
		t.Fatalf("got %q, want a refusal", r.Text)
	}
	stop := &bot.Request{Kind: bot.KindAction, UserID: "UTOKYO", ActionID: ActionStop, ActionValue: "D-UTOKYO"}
	if _, err := e.c.HandleAction(ctx, stop); err != nil {
		t.Fatal(err)
	}
	if _, err := e.s.Get(ctx, "D-UTOKYO"); !errors.Is(err, scheduler.ErrNotSubscribed) {
		t.Fatalf("got %v after Stop these, want ErrNotSubscribed", err)
	}
}

func TestActions(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	me := &bot.Request{Kind: bot.KindAction, UserID: "UTOKYO", ActionID: ActionSubscribeMe}
	r, err := e.c.HandleAction(ctx, me)
	if err != nil || !r.Empty() {
		t.Fatalf("subscribe-me got %+v %v, want an empty reply", r, err)
	}
	if sub, err := e.s.Get(ctx, "D-UTOKYO"); err != nil || sub.Schedule.TZ != "Asia/Tokyo" || !sub.Personal {
		t.Fatalf("got %+v %v, want personal tips in the DM", sub, err)
	}
	if posts := e.sl.sent(); len(posts) != 1 || posts[0].Channel != "D-UTOKYO" {
		t.Fatalf("got %+v, want a confirmation in the DM", posts)
	}
	run(t, e, channelReq("U1"), "subscribe")
	pause := &bot.Request{Kind: bot.KindAction, UserID: "U2", ActionID: ActionPause, ActionValue: "C1"}
	if r, _ := e.c.HandleAction(ctx, pause); !strings.Contains(r.Text, "Only <@U1>") {
		t.Fatalf("got %q, want a refusal", r.Text)
	}
	pause.UserID = "U1"
	if _, err := e.c.HandleAction(ctx, pause); err != nil {
		t.Fatal(err)
	}
	if sub, _ := e.s.Get(ctx, "C1"); !sub.Paused || sub.PausedBy != "U1" {
		t.Fatalf("got %+v, want paused by U1", sub)
	}
}

// A click in a DM carries no channel type: the welcome's "Get tips in my
// DM" button (which runs `tips subscribe`) must still subscribe the user
// personally, not try the DM as a channel.
func TestSubscribeFromAClickInADM(t *testing.T) {
	e := newEnv(t)
	click := &bot.Request{Kind: bot.KindAction, UserID: "UTOKYO", ChannelID: "D-UTOKYO", MessageTS: "1.0", ResponseURL: "https://hooks/z"}
	r := run(t, e, click, "subscribe")
	if !strings.Contains(r.Text, "personal tips") {
		t.Fatalf("got %q, want a personal confirmation", r.Text)
	}
	sub, err := e.s.Get(context.Background(), "D-UTOKYO")
	if err != nil || !sub.Personal || sub.User != "UTOKYO" || sub.Schedule.TZ != "Asia/Tokyo" {
		t.Fatalf("got %+v %v, want a personal subscription in Asia/Tokyo", sub, err)
	}
}
