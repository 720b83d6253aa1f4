package experts

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rs/zerolog"
	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/internal/redistest"
)

// fakeSlack records what the service posts.
type fakeSlack struct {
	mu       sync.Mutex
	n        int
	posts    []bot.Message
	updates  []bot.Message
	views    []slack.ModalViewRequest
	notIn    map[string]bool            // channels the bot is not in
	members  map[string]map[string]bool // channel → users (unset channel: everyone)
	failPost bool
}

func (f *fakeSlack) Post(_ context.Context, m bot.Message) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.failPost {
		return "", slack.SlackErrorResponse{Err: "not_in_channel"}
	}
	f.n++
	f.posts = append(f.posts, m)
	return "1700000000." + strconv.Itoa(100000+f.n), nil
}

func (f *fakeSlack) PostEphemeral(ctx context.Context, m bot.Message) error {
	_, err := f.Post(ctx, m)
	return err
}

func (f *fakeSlack) Update(_ context.Context, channel, ts string, m bot.Message) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	m.Channel, m.ThreadTS = channel, ts
	f.updates = append(f.updates, m)
	return nil
}

func (f *fakeSlack) OpenDM(_ context.Context, user string) (string, error) { return "D" + user, nil }

func (f *fakeSlack) Permalink(_ context.Context, channel, ts string) (string, error) {
	return "https://example.slack.com/archives/" + channel + "/p" + strings.ReplaceAll(ts, ".", ""), nil
}

func (f *fakeSlack) IsMember(_ context.Context, ch string) (bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return !f.notIn[ch], nil
}

func (f *fakeSlack) HasMember(_ context.Context, ch, user string) (bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	m, set := f.members[ch]
	return !set || m[user], nil
}

func (f *fakeSlack) OpenView(_ context.Context, trigger string, v slack.ModalViewRequest) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.views = append(f.views, v)
	return "V" + strconv.Itoa(len(f.views)), nil
}

func (f *fakeSlack) PushView(ctx context.Context, trigger string, v slack.ModalViewRequest) (string, error) {
	return f.OpenView(ctx, trigger, v)
}

func (f *fakeSlack) UpdateView(context.Context, string, string, slack.ModalViewRequest) error {
	return nil
}

func (f *fakeSlack) postsIn(ch string) []bot.Message {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []bot.Message
	for _, p := range f.posts {
		if p.Channel == ch {
			out = append(out, p)
		}
	}
	return out
}

// counter is an Observer that counts.
type counter struct {
	mu                        sync.Mutex
	opened, answered, expired int
	waits                     []time.Duration
}

func (c *counter) ExpertRequestOpened() { c.mu.Lock(); c.opened++; c.mu.Unlock() }
func (c *counter) ExpertRequestAnswered(d time.Duration) {
	c.mu.Lock()
	c.answered++
	c.waits = append(c.waits, d)
	c.mu.Unlock()
}
func (c *counter) ExpertRequestExpired() { c.mu.Lock(); c.expired++; c.mu.Unlock() }

// drafts is a DraftSink that keeps what it is given.
type drafts struct {
	mu   sync.Mutex
	list []Draft
	// probe, if set, is called at each AddDraft; what it returns is kept
	// in probed (how many answers were posted by then, say).
	probe  func() int
	probed []int
}

func (d *drafts) AddDraft(_ context.Context, x Draft) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.list = append(d.list, x)
	if d.probe != nil {
		d.probed = append(d.probed, d.probe())
	}
	return nil
}

// clock is a settable time.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

const expertsCh = "CEXPERTS"

type fixture struct {
	s      *Service
	sl     *fakeSlack
	obs    *counter
	drafts *drafts
	clock  *clock
	prefix string
}

// newFixture is a Service over a real Redis with its own prefix, the
// experts channel set, UADMIN an admin.
func newFixture(t *testing.T, opts ...Option) *fixture {
	t.Helper()
	rdb, prefix := redistest.New(t)
	f := &fixture{sl: &fakeSlack{notIn: map[string]bool{}, members: map[string]map[string]bool{}}, obs: &counter{},
		drafts: &drafts{}, clock: &clock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}, prefix: prefix}
	isAdmin := func(_ context.Context, u string) bool { return u == "UADMIN" }
	all := append([]Option{WithChannel(expertsCh), WithClock(f.clock.now), WithObserver(f.obs), WithDrafts(f.drafts)}, opts...)
	f.s = NewService(rdb, prefix, f.sl, isAdmin, zerolog.New(zerolog.NewTestWriter(t)), all...)
	return f
}

// offerButton returns the Ask a person button's value in blocks, or "".
func offerButton(blocks []slack.Block) string {
	for _, b := range blocks {
		if s, ok := b.(*slack.SectionBlock); ok && s.Accessory != nil && s.Accessory.ButtonElement != nil &&
			s.Accessory.ButtonElement.ActionID == ActionAsk {
			return s.Accessory.ButtonElement.Value
		}
	}
	return ""
}

// answerButtonIn returns the Answer button's value in blocks, or "".
func answerButtonIn(blocks []slack.Block) string {
	for _, b := range blocks {
		if a, ok := b.(*slack.ActionBlock); ok {
			for _, e := range a.Elements.ElementSet {
				if btn, ok := e.(*slack.ButtonBlockElement); ok && btn.ActionID == ActionAnswer {
					return btn.Value
				}
			}
		}
		if s, ok := b.(*slack.SectionBlock); ok && s.Accessory != nil && s.Accessory.ButtonElement != nil &&
			s.Accessory.ButtonElement.ActionID == ActionAnswer {
			return s.Accessory.ButtonElement.Value
		}
	}
	return ""
}

// text is every text in blocks, joined.
func text(blocks []slack.Block) string {
	var b strings.Builder
	for _, blk := range blocks {
		switch x := blk.(type) {
		case *slack.SectionBlock:
			if x.Text != nil {
				b.WriteString(x.Text.Text + "\n")
			}
		case *slack.ContextBlock:
			for _, e := range x.ContextElements.Elements {
				if t, ok := e.(*slack.TextBlockObject); ok {
					b.WriteString(t.Text + "\n")
				}
			}
		}
	}
	return b.String()
}
