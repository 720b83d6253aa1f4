package handlers

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/handlers/blockkit"
	"github.com/advisor-bot/advisor/internal/redisconn"
	"github.com/advisor-bot/advisor/internal/redistest"
	"github.com/advisor-bot/advisor/knowledge"
)

type fakeSlack struct {
	mu     sync.Mutex
	homes  map[string][]slack.Block
	admins map[string]bool
}

func (f *fakeSlack) PublishHome(_ context.Context, user string, blocks []slack.Block) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.homes[user] = blocks
	return nil
}

func (f *fakeSlack) UserInfo(_ context.Context, id string) (*slack.User, error) {
	return &slack.User{ID: id, IsAdmin: f.admins[id]}, nil
}

func (f *fakeSlack) Permalink(_ context.Context, channel, ts string) (string, error) {
	return "https://example.slack.com/archives/" + channel + "/p" + strings.ReplaceAll(ts, ".", ""), nil
}

var (
	kbOnce sync.Once
	kb     *knowledge.Base
)

func testRouter(t testing.TB, opts ...Option) (*Router, *fakeSlack) {
	t.Helper()
	kbOnce.Do(func() {
		var err error
		if kb, err = knowledge.Load(""); err != nil {
			t.Fatalf("load knowledge: %v", err)
		}
	})
	rdb, prefix := redistest.New(t)
	fs := &fakeSlack{homes: map[string][]slack.Block{}, admins: map[string]bool{"UWSADMIN": true}}
	return NewRouter(kb, fs, NewStore(rdb, prefix), opts...), fs
}

// flat renders a reply as its text plus its blocks' JSON, unescaped, to
// search in.
func flat(t *testing.T, r bot.Reply) string {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r.Blocks); err != nil {
		t.Fatal(err)
	}
	// slack-go's own MarshalJSON escapes <, > and & as \u003c…; undo it so
	// tests see what Slack will render.
	return r.Text + "\n" + strings.NewReplacer(`\u003c`, "<", `\u003e`, ">", `\u0026`, "&").Replace(b.String())
}

// hasAll checks got holds every want and none of notWant.
func hasAll(t *testing.T, got string, want, notWant []string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("reply lacks %q:\n%s", w, got)
		}
	}
	for _, w := range notWant {
		if strings.Contains(got, w) {
			t.Errorf("reply has %q, want not:\n%s", w, got)
		}
	}
}

func cmd(text string) *bot.Request {
	return &bot.Request{Kind: bot.KindCommand, ID: "E1", TeamID: "T1", UserID: "U1", ChannelID: "C1",
		Command: blockkit.SlashCommand, Text: text, ResponseURL: "https://hooks/x"}
}

func TestRouterCommands(t *testing.T) {
	r, _ := testRouter(t)
	tests := []struct {
		name    string
		req     *bot.Request
		want    []string
		notWant []string
		vis     bot.Visibility
	}{
		{name: "empty is help", req: cmd(""), want: []string{"CEO vs CTO advisor", "`compare`", "`assess`"}, vis: bot.VisibilityEphemeral},
		{name: "help", req: cmd("help"), want: []string{"`tips subscribe`"}, vis: bot.VisibilityEphemeral},
		{name: "compare has every row and a share button", req: cmd("compare"),
			want: []string{"Core job", "Who they face", "What they own", "How they win", "Typical background", "What AI changes", "Where the seats meet", "Share in channel"},
			vis:  bot.VisibilityEphemeral},
		{name: "compare one row", req: cmd("compare background"), want: []string{"Typical background", "See the whole comparison"}, notWant: []string{"Core job"}},
		{name: "typo gets did you mean", req: cmd("comapre"), want: []string{"Did you mean `compare`", `"value":"compare"`}},
		{name: "mention help is visible in the thread", req: &bot.Request{Kind: bot.KindMention, UserID: "U1", ChannelID: "C1", Text: "help"},
			want: []string{"CEO vs CTO advisor"}, vis: bot.VisibilityDefault},
		{name: "ask without a question", req: cmd("ask"), want: []string{"Ask me a question after `ask`"}},
		{name: "off-topic question is declined", req: cmd("ask what's the weather in paris tomorrow"),
			want: []string{"I don't know", "help"}, notWant: []string{"feedback"}},
		// A request for work is not a question: no entry poses as the draft.
		{name: "request to write something is declined", req: cmd("ask can you write me a job description for the CTO role?"),
			want: []string{"I can't help with writing", "help"}, notWant: []string{"feedback", "What does a CTO actually do?*"}},
		{name: "faq answer with feedback and share", req: cmd("who should a non technical founder hire first"),
			want: []string{"up:", "down:", "Share in channel", "faq:show"}},
		{name: "admin command refused to others", req: cmd("unanswered"), want: []string{"Only the advisor's admins"}},
		// A command's alias that is also an ordinary word starts questions
		// too: they are answered, not run as the command.
		{name: "cofounder starting a question", req: dm("cofounder conflict about who owns the roadmap, who decides?"),
			want: []string{"faq:show"}, notWant: []string{"pair @name", "couldn't tell who"}},
		{name: "table starting a question", req: dm("table stakes for a first CTO hire: what should they do in month one?"),
			notWant: []string{"Where the seats meet"}},
		{name: "help starting a question", req: dm("help me figure out whether we need a CTO yet"),
			notWant: []string{"`tips subscribe`"}},
		{name: "cofounder before a mention still pairs", req: cmd("cofounder"), want: []string{"Paired assessments"}},
		{name: "table alone still compares", req: cmd("table"), want: []string{"Where the seats meet"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reply, err := r.Handle(context.Background(), tt.req)
			if err != nil {
				t.Fatalf("got error %v", err)
			}
			hasAll(t, flat(t, reply), tt.want, tt.notWant)
			if tt.vis != 0 && reply.Visibility != tt.vis {
				t.Errorf("got visibility %v, want %v", reply.Visibility, tt.vis)
			}
		})
	}
}

func TestEchoedTextIsEscaped(t *testing.T) {
	r, _ := testRouter(t)
	for _, evil := range []string{"<!channel>", "<!here> hello", "<!everyone>", "<@U123> ping", "<https://evil|click>", "<!subteam^S1>"} {
		t.Run(evil, func(t *testing.T) {
			for _, req := range []*bot.Request{cmd(evil), cmd("ask " + evil), {Kind: bot.KindDM, UserID: "U7", ChannelID: "D7", Text: evil}} {
				reply, err := r.Handle(context.Background(), req)
				if err != nil {
					t.Fatal(err)
				}
				if got := flat(t, reply); strings.Contains(got, evil) {
					t.Errorf("reply to %q repeats it unescaped:\n%s", evil, got)
				}
			}
		})
	}
}

func TestShareInChannel(t *testing.T) {
	r, _ := testRouter(t)
	reply, err := r.Handle(context.Background(), &bot.Request{Kind: bot.KindAction, UserID: "U5", ChannelID: "C1",
		ActionID: ActionShare, ActionValue: "faq:hire-first-nontechnical", Ephemeral: true, ResponseURL: "https://hooks/y"})
	if err != nil {
		t.Fatal(err)
	}
	got := flat(t, reply)
	if reply.Visibility != bot.VisibilityInChannel || !reply.DeleteOriginal {
		t.Errorf("got visibility %v delete %v, want in channel and the ephemeral deleted", reply.Visibility, reply.DeleteOriginal)
	}
	if !strings.Contains(got, "Shared by <@U5>") || strings.Contains(got, "Share in channel") {
		t.Errorf("shared answer should name the sharer and have no share button:\n%s", got)
	}
}

func TestFeedbackCountsOncePerUser(t *testing.T) {
	r, _ := testRouter(t)
	click := func(user, v string) string {
		reply, err := r.Handle(context.Background(), &bot.Request{Kind: bot.KindAction, UserID: user, ActionID: ActionFeedback, ActionValue: v})
		if err != nil {
			t.Fatal(err)
		}
		return reply.Text
	}
	if got := click("U1", "up:when-to-split"); !strings.Contains(got, "Thanks") {
		t.Errorf("got %q, want thanks", got)
	}
	if got := click("U1", "down:when-to-split"); !strings.Contains(got, "already rated") {
		t.Errorf("got %q, want already rated", got)
	}
	click("U2", "down:when-to-split")
	if got := click("U3", "up:no-such-entry"); !strings.Contains(got, "no longer active") {
		t.Errorf("got %q for an unknown entry", got)
	}
	st, err := r.store.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(st) != 1 || st[0].Up != 1 || st[0].Down != 1 {
		t.Errorf("got stats %+v, want one up and one down on when-to-split", st)
	}
}

func TestUnansweredKeptForAdmins(t *testing.T) {
	r, _ := testRouter(t, WithAdmins([]string{"UBOSS"}))
	ctx := context.Background()
	if _, err := r.Handle(ctx, cmd("ask how do I bake sourdough <!here>")); err != nil {
		t.Fatal(err)
	}
	for _, admin := range []string{"UBOSS", "UWSADMIN"} {
		req := cmd("unanswered")
		req.UserID = admin
		reply, err := r.Handle(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		got := flat(t, reply)
		if !strings.Contains(got, "sourdough") || strings.Contains(got, "<!here>") {
			t.Errorf("admin %s got:\n%s\nwant the question, escaped", admin, got)
		}
	}
}

func TestOnboardingOnce(t *testing.T) {
	r, _ := testRouter(t)
	ctx := context.Background()
	join := &bot.Request{Kind: bot.KindBotJoined, ChannelID: "C42"}
	first, _ := r.Handle(ctx, join)
	second, _ := r.Handle(ctx, join)
	if first.Empty() || !second.Empty() {
		t.Errorf("got intro %v then %v, want one introduction", !first.Empty(), !second.Empty())
	}
	dm := &bot.Request{Kind: bot.KindDM, UserID: "U9", ChannelID: "D9", Text: "compare"}
	a, _ := r.Handle(ctx, dm)
	b, _ := r.Handle(ctx, dm)
	if !strings.Contains(flat(t, a), "Welcome") || strings.Contains(flat(t, b), "Welcome") {
		t.Error("want a welcome on the first DM only")
	}
	// A first DM answered in text alone keeps its answer visible under the welcome.
	r, _ = testRouter(t, WithTips(&recordTips{})) // answers in text alone, as the tips do
	tips := &bot.Request{Kind: bot.KindDM, UserID: "U10", ChannelID: "D10", ChannelType: "im", Text: "tips status"}
	if c, _ := r.Handle(ctx, tips); !strings.Contains(flat(t, c), "Welcome") || !strings.Contains(flat(t, c), `"text":"tips status"`) {
		t.Errorf("got %s, want the welcome and the answer", flat(t, c))
	}
}

func TestHomePublished(t *testing.T) {
	r, fs := testRouter(t)
	if _, err := r.Handle(context.Background(), &bot.Request{Kind: bot.KindHomeOpened, UserID: "U1"}); err != nil {
		t.Fatal(err)
	}
	got := flat(t, bot.Reply{Blocks: fs.homes["U1"]})
	for _, w := range []string{"CEO vs CTO advisor", "at a glance", "assess:start"} {
		if !strings.Contains(got, w) {
			t.Errorf("home lacks %q", w)
		}
	}
}

type fakeAssess struct{ started int }

func (f *fakeAssess) List(context.Context, *bot.Request) (bot.Reply, error) { return bot.Reply{}, nil }
func (f *fakeAssess) Start(context.Context, *bot.Request, string) (bot.Reply, error) {
	f.started++
	return bot.Reply{Text: "started"}, nil
}
func (f *fakeAssess) HandleAction(context.Context, *bot.Request) (bot.Reply, error) {
	f.started++
	return bot.Reply{Text: "started"}, nil
}
func (f *fakeAssess) OpenPicker(context.Context, *bot.Request) (bot.Reply, error) {
	return bot.Reply{Text: "picker"}, nil
}

func (f *fakeAssess) HandleMessage(context.Context, *bot.Request) (bot.Reply, bool, error) {
	return bot.Reply{}, false, nil
}

func TestStartingAssessmentsIsRateLimitedPerUser(t *testing.T) {
	fa := &fakeAssess{}
	r, _ := testRouter(t, WithAssessments(fa))
	fixed := time.Date(2026, 11, 30, 10, 30, 0, 0, time.UTC) // mid-window: no boundary during the test
	r.store.now = func() time.Time { return fixed }
	ctx := context.Background()
	var refused int
	for i := range 12 {
		req := cmd("assess first-seat")
		if i%2 == 1 {
			req = &bot.Request{Kind: bot.KindAction, UserID: "U1", ActionID: "assess:start", ActionValue: "first-seat"}
		}
		reply, err := r.Handle(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(reply.Text, "Easy there") {
			refused++
		}
	}
	if fa.started != 10 || refused != 2 {
		t.Errorf("got %d started and %d refused, want 10 and 2", fa.started, refused)
	}
	other := cmd("assess first-seat")
	other.UserID = "U2"
	if reply, _ := r.Handle(ctx, other); reply.Text != "started" {
		t.Errorf("got %q for another user, want their own allowance", reply.Text)
	}
}

type failingAssess struct {
	fakeAssess
	err error
}

func (f *failingAssess) List(context.Context, *bot.Request) (bot.Reply, error) {
	return bot.Reply{}, f.err
}

// A storage outage is a plain sentence, unless the delivery can run again
// (journaled, attempts left): then it goes back to the bot to retry, since
// a restarting node is back within seconds.
func TestStorageOutageIsAPlainSentence(t *testing.T) {
	refused := fmt.Errorf("list sessions: %w", &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED})
	tests := []struct {
		name      string
		err       error
		retriable bool
		outage    bool
		wantErr   bool
	}{
		{"redis just found unreachable", fmt.Errorf("list sessions: %w", redisconn.ErrUnavailable), false, true, false},
		{"connection refused", refused, false, true, false},
		{"another failure", errors.New("list sessions: decode: bad json"), false, false, true},
		{"connection refused, delivery can run again", refused, true, false, true},
		{"another failure, delivery can run again", errors.New("list sessions: decode: bad json"), true, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, _ := testRouter(t, WithAssessments(&failingAssess{err: tt.err}))
			ctx := context.Background()
			if tt.retriable {
				ctx = bot.RetriableContext(ctx)
			}
			reply, err := r.Handle(ctx, cmd("assess"))
			if (err != nil) != tt.wantErr {
				t.Fatalf("got error %v, want error %v", err, tt.wantErr)
			}
			if retry := errors.Is(err, bot.ErrRetryLater); retry != (tt.retriable && tt.err == refused) {
				t.Fatalf("got error %v: retry later %v, want %v", err, retry, tt.retriable && tt.err == refused)
			}
			if got := strings.Contains(reply.Text, "unavailable for the moment"); got != tt.outage {
				t.Fatalf("got reply %q, want the outage sentence %v", reply.Text, tt.outage)
			}
		})
	}
}

func dm(text string) *bot.Request {
	return &bot.Request{Kind: bot.KindDM, ID: "E2", TeamID: "T1", UserID: "U1", ChannelID: "D1", ChannelType: "im", Text: text}
}
