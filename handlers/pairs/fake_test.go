package pairs

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/rs/zerolog"
	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/internal/redistest"
	"github.com/advisor-bot/advisor/knowledge"
)

// fakeSlack records what the service posts, per channel.
type fakeSlack struct {
	mu      sync.Mutex
	n       int
	posts   []bot.Message
	tss     []string
	updates []bot.Message
	files   []bot.File
	views   []slack.ModalViewRequest
	pushed  int                    // how many of views were pushed over another
	users   map[string]*slack.User // nil: not found
	userErr map[string]string      // users.info's error for a user
	failIn  map[string]bool        // channels where posts fail
}

func (f *fakeSlack) Post(_ context.Context, m bot.Message) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.failIn[m.Channel] {
		return "", slack.SlackErrorResponse{Err: "not_in_channel"}
	}
	f.n++
	ts := "1700000000." + strconv.Itoa(100000+f.n)
	f.posts, f.tss = append(f.posts, m), append(f.tss, ts)
	return ts, nil
}

func (f *fakeSlack) Update(_ context.Context, channel, ts string, m bot.Message) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	m.Channel, m.ThreadTS = channel, ts
	f.updates = append(f.updates, m)
	return nil
}

func (f *fakeSlack) OpenDM(_ context.Context, user string) (string, error) { return "D" + user, nil }

func (f *fakeSlack) UserInfo(_ context.Context, id string) (*slack.User, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if e, ok := f.userErr[id]; ok {
		return nil, fmt.Errorf("users.info %s: %w", id, slack.SlackErrorResponse{Err: e})
	}
	if u, ok := f.users[id]; ok {
		if u == nil {
			return nil, fmt.Errorf("users.info %s: %w", id, slack.SlackErrorResponse{Err: "user_not_found"})
		}
		return u, nil
	}
	return &slack.User{ID: id, TeamID: "T1", RealName: "User " + id}, nil
}

func (f *fakeSlack) UploadFile(_ context.Context, file bot.File) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.files = append(f.files, file)
	return "F" + strconv.Itoa(len(f.files)), nil
}

func (f *fakeSlack) OpenView(_ context.Context, trigger string, v slack.ModalViewRequest) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.views = append(f.views, v)
	return "V1", nil
}

func (f *fakeSlack) PushView(_ context.Context, trigger string, v slack.ModalViewRequest) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.views = append(f.views, v)
	f.pushed++
	return "V2", nil
}

// in returns the posts made in channel, oldest first, with their ts.
func (f *fakeSlack) in(channel string) ([]bot.Message, []string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var ms []bot.Message
	var ts []string
	for i, m := range f.posts {
		if m.Channel == channel {
			ms, ts = append(ms, m), append(ts, f.tss[i])
		}
	}
	return ms, ts
}

func (f *fakeSlack) allFiles() []bot.File {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]bot.File(nil), f.files...)
}

// testClock is a settable clock.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *testClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

type env struct {
	rdb    redis.UniversalClient
	prefix string
	kb     *knowledge.Base
	sl     *fakeSlack
	clock  *testClock
	svc    *Service
	ids    atomic.Int64
}

var (
	kbOnce sync.Once
	kbAll  *knowledge.Base
)

func newEnv(t testing.TB) *env {
	t.Helper()
	kbOnce.Do(func() {
		var err error
		if kbAll, err = knowledge.Load(""); err != nil {
			t.Fatalf("load knowledge: %v", err)
		}
	})
	rdb, prefix := redistest.New(t)
	e := &env{rdb: rdb, prefix: prefix, kb: kbAll, sl: &fakeSlack{users: map[string]*slack.User{}, userErr: map[string]string{}, failIn: map[string]bool{}},
		clock: &testClock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}}
	e.svc = e.service(t)
	return e
}

// service is another replica on the same Redis, Slack and clock.
func (e *env) service(t testing.TB) *Service {
	return NewService(e.rdb, e.prefix, e.kb, e.sl, zerolog.New(zerolog.NewTestWriter(t)), WithClock(e.clock.Now))
}

// click presses the button actionID (a prefix: answer buttons carry their
// option) with value, as user, on the message ts in channel.
func (e *env) click(user, channel, ts, actionID, value string) *bot.Request {
	return &bot.Request{Kind: bot.KindAction, ID: fmt.Sprintf("E%d", e.ids.Add(1)), TeamID: "T1", UserID: user,
		ChannelID: channel, MessageTS: ts, ActionID: actionID, ActionValue: value, TriggerID: "trigger"}
}

// button finds the first button whose action id starts with prefix in a
// message's blocks.
func button(t testing.TB, blocks []slack.Block, prefix string) *slack.ButtonBlockElement {
	t.Helper()
	for _, b := range allButtons(blocks) {
		if strings.HasPrefix(b.ActionID, prefix) {
			return b
		}
	}
	t.Fatalf("no %s button in %s", prefix, render(blocks))
	return nil
}

func allButtons(blocks []slack.Block) []*slack.ButtonBlockElement {
	var out []*slack.ButtonBlockElement
	for _, b := range blocks {
		switch b := b.(type) {
		case *slack.ActionBlock:
			for _, el := range b.Elements.ElementSet {
				if btn, ok := el.(*slack.ButtonBlockElement); ok {
					out = append(out, btn)
				}
			}
		case *slack.SectionBlock:
			if b.Accessory != nil && b.Accessory.ButtonElement != nil {
				out = append(out, b.Accessory.ButtonElement)
			}
		}
	}
	return out
}

// render is blocks as JSON, with Slack's markup readable.
func render(blocks []slack.Block) string {
	raw, _ := json.Marshal(blocks)
	return strings.NewReplacer(`\u003c`, "<", `\u003e`, ">", `\u0026`, "&").Replace(string(raw))
}

// last is the latest post in channel and its ts.
func (e *env) last(t testing.TB, channel string) (bot.Message, string) {
	t.Helper()
	ms, ts := e.sl.in(channel)
	if len(ms) == 0 {
		t.Fatalf("nothing posted in %s", channel)
	}
	return ms[len(ms)-1], ts[len(ts)-1]
}

// act runs a click and fails the test on an error.
func (e *env) act(t testing.TB, svc *Service, req *bot.Request) bot.Reply {
	t.Helper()
	r, err := svc.HandleAction(context.Background(), req)
	if err != nil {
		t.Fatalf("%s by %s: %v", req.ActionID, req.UserID, err)
	}
	return r
}

// invite has U1 invite U2 by the slash command and U2 accept.
func (e *env) inviteAndAccept(t testing.TB) {
	t.Helper()
	ctx := context.Background()
	r, err := e.svc.Handle(ctx, &bot.Request{Kind: bot.KindCommand, ID: "C1", TeamID: "T1", UserID: "U1", ChannelID: "C1"}, []string{"<@U2|bob>"})
	if err != nil || !strings.Contains(r.Text, "Invited <@U2>") {
		t.Fatalf("invite: got %q, %v", r.Text, err)
	}
	inv, ts := e.last(t, "DU2")
	e.act(t, e.svc, e.click("U2", "DU2", ts, ActionAccept, button(t, inv.Blocks, ActionAccept).Value))
}

// answer has user press option opt on the latest question in their DM.
func (e *env) answer(t testing.TB, svc *Service, user string, opt int) bot.Reply {
	t.Helper()
	q, ts := e.last(t, "D"+user)
	b := button(t, q.Blocks, ActionAnswer+":"+strconv.Itoa(opt))
	return e.act(t, svc, e.click(user, "D"+user, ts, b.ActionID, b.Value))
}
