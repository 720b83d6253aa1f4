package assessment

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/rs/zerolog"
	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/internal/redistest"
	"github.com/advisor-bot/advisor/knowledge"
)

// fakeSlack records what the service posts.
type fakeSlack struct {
	mu      sync.Mutex
	n       int
	posts   []posted
	updates []posted
	views   []slack.ModalViewRequest
	files   []bot.File
}

type posted struct {
	TS string
	M  bot.Message
}

func (f *fakeSlack) Post(_ context.Context, m bot.Message) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.n++
	ts := "1700000000." + strconv.Itoa(100000+f.n)
	f.posts = append(f.posts, posted{TS: ts, M: m})
	return ts, nil
}

func (f *fakeSlack) Update(_ context.Context, channel, ts string, m bot.Message) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	m.Channel = channel
	f.updates = append(f.updates, posted{TS: ts, M: m})
	return nil
}

func (f *fakeSlack) UploadFile(_ context.Context, file bot.File) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.files = append(f.files, file)
	return "F" + strconv.Itoa(len(f.files)), nil
}

func (f *fakeSlack) OpenDM(_ context.Context, userID string) (string, error) {
	return "D" + userID, nil
}

func (f *fakeSlack) OpenView(_ context.Context, _ string, v slack.ModalViewRequest) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.views = append(f.views, v)
	return "V" + strconv.Itoa(len(f.views)), nil
}

func (f *fakeSlack) allPosts() []posted {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]posted(nil), f.posts...)
}

func (f *fakeSlack) allUpdates() []posted {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]posted(nil), f.updates...)
}

// last returns the latest post.
func (f *fakeSlack) last(t *testing.T) posted {
	t.Helper()
	p := f.allPosts()
	if len(p) == 0 {
		t.Fatal("nothing posted")
	}
	return p[len(p)-1]
}

// quietSlack accepts every call and keeps nothing, so a fuzzer's millions
// of posts cost no memory.
type quietSlack struct{ n atomic.Int64 }

func (q *quietSlack) Post(context.Context, bot.Message) (string, error) {
	return "1700000000." + strconv.FormatInt(100000+q.n.Add(1), 10), nil
}
func (*quietSlack) Update(context.Context, string, string, bot.Message) error { return nil }
func (*quietSlack) OpenDM(_ context.Context, u string) (string, error)        { return "D" + u, nil }
func (*quietSlack) OpenView(context.Context, string, slack.ModalViewRequest) (string, error) {
	return "V1", nil
}
func (*quietSlack) UploadFile(context.Context, bot.File) (string, error) { return "F1", nil }

// countObserver counts lifecycle events.
type countObserver struct{ started, completed, abandoned atomic.Int64 }

func (o *countObserver) Started(string)   { o.started.Add(1) }
func (o *countObserver) Completed(string) { o.completed.Add(1) }
func (o *countObserver) Abandoned(string) { o.abandoned.Add(1) }

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

const fixture = `
faq:
  - id: learn-selling
    question: How do I learn to sell?
    short: Start with ten calls.
    long: Start with ten calls and write down every objection.
  - id: hire-cto
    question: When should I hire a CTO?
    short: When the product needs one.
    long: When the product needs one more than you need a cofounder.
assessments:
  - id: founder-fit
    title: Founder fit
    summary: Are you ready to sell?
    audience: [founder]
    dimensions:
      - {id: selling, name: Selling, topic: selling}
      - {id: product, name: Product, topic: product-thinking}
    questions:
      - id: q1
        text: How often do you talk to customers?
        dimension: selling
        options:
          - {label: Never, score: 0}
          - {label: "Sometimes, with help", score: 1}
          - {label: Every week, score: 2}
      - id: q2
        text: Who runs demos?
        dimension: selling
        options:
          - {label: I avoid demos, score: 0}
          - {label: I run demos myself, score: 1}
          - {label: I close deals alone, score: 2}
      - id: q3
        text: Do you write specs?
        dimension: product
        options:
          - {label: "No", score: 0}
          - {label: Short ones, score: 1}
          - {label: Detailed specs with metrics, score: 2}
      - id: q4
        text: How do you prioritise?
        dimension: product
        options:
          - {label: Gut feeling, score: 0}
          - {label: Customer requests, score: 1}
          - {label: Impact on revenue, score: 2}
    bands:
      - {min: 0, max: 3, title: Build first, recommendation: Pair with a seller., reasons: [Selling is new to you], read: [learn-selling]}
      - {min: 4, max: 6, title: Getting there, recommendation: Keep selling weekly., read: [learn-selling, hire-cto]}
      - {min: 7, max: 8, title: Ready, recommendation: Lead the company., reasons: [You sell and you ship]}
`

func testKB(t testing.TB) *knowledge.Base {
	t.Helper()
	kb, err := knowledge.LoadFS(fstest.MapFS{"fixture.yaml": {Data: []byte(fixture)}})
	if err != nil {
		t.Fatalf("load fixture: %v", err)
	}
	return kb
}

// env is one service under test with its fakes.
type env struct {
	svc    *Service
	sl     *fakeSlack
	rdb    *redis.Client
	prefix string
	obs    *countObserver
	clock  *testClock
	kb     *knowledge.Base
}

func newEnv(t testing.TB, opts ...Option) *env {
	t.Helper()
	rdb, prefix := redistest.New(t)
	e := &env{sl: &fakeSlack{}, rdb: rdb, prefix: prefix, obs: &countObserver{},
		clock: &testClock{t: time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)}, kb: testKB(t)}
	e.svc = e.service(t, opts...)
	return e
}

// service builds another Service on the same Redis, prefix and fakes, like
// a second process or a restarted one.
func (e *env) service(t testing.TB, opts ...Option) *Service {
	all := append([]Option{WithClock(e.clock.Now), WithObserver(e.obs)}, opts...)
	return NewService(e.rdb, e.prefix, e.kb, e.sl, zerolog.New(zerolog.NewTestWriter(t)), all...)
}

// buttonValue finds the value of the button with actionID in blocks.
func buttonValue(t testing.TB, blocks []slack.Block, actionID string) string {
	t.Helper()
	for _, b := range blocks {
		switch b := b.(type) {
		case *slack.ActionBlock:
			for _, el := range b.Elements.ElementSet {
				if btn, ok := el.(*slack.ButtonBlockElement); ok && btn.ActionID == actionID {
					return btn.Value
				}
			}
		case *slack.SectionBlock:
			if b.Accessory != nil && b.Accessory.ButtonElement != nil && b.Accessory.ButtonElement.ActionID == actionID {
				return b.Accessory.ButtonElement.Value
			}
		}
	}
	t.Fatalf("no button %s", actionID)
	return ""
}

// hasButtons reports whether blocks hold any button.
func hasButtons(blocks []slack.Block) bool {
	for _, b := range blocks {
		if _, ok := b.(*slack.ActionBlock); ok {
			return true
		}
		if s, ok := b.(*slack.SectionBlock); ok && s.Accessory != nil {
			return true
		}
	}
	return false
}

// text joins the text of a message's section blocks.
func text(m bot.Message) string {
	var b strings.Builder
	b.WriteString(m.Text)
	for _, bl := range m.Blocks {
		if s, ok := bl.(*slack.SectionBlock); ok && s.Text != nil {
			b.WriteString("\n" + s.Text.Text)
		}
	}
	return b.String()
}

func replyText(r bot.Reply) string { return text(bot.Message{Text: r.Text, Blocks: r.Blocks}) }

// click clicks a button on a posted message.
func click(user string, p posted, actionID string, value string) *bot.Request {
	return &bot.Request{Kind: bot.KindAction, UserID: user, ChannelID: p.M.Channel, MessageTS: p.TS,
		ThreadTS: p.M.ThreadTS, ActionID: actionID, ActionValue: value}
}

// answerByButton clicks option opt on the latest posted question.
func (e *env) answerByButton(t testing.TB, svc *Service, user string, opt int) bot.Reply {
	t.Helper()
	p := e.sl.allPosts()
	last := p[len(p)-1]
	id := ActionAnswer + ":" + strconv.Itoa(opt)
	r, err := svc.HandleAction(context.Background(), click(user, last, id, buttonValue(t, last.M.Blocks, id)))
	if err != nil {
		t.Fatalf("answer %d: %v", opt, err)
	}
	return r
}

// reply types text in the session's place (a DM if thread is "").
func reply(user, channel, thread, text string) *bot.Request {
	k := bot.KindThread
	if thread == "" {
		k = bot.KindDM
	}
	return &bot.Request{Kind: k, UserID: user, ChannelID: channel, ThreadTS: thread, Text: text, MessageTS: "1800000000.000001"}
}
