package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"sync"

	"github.com/rs/zerolog"
	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/config"
	"github.com/advisor-bot/advisor/internal/evalset"
)

// evalBotUser is the bot's own user id during an eval: the question sets
// write the advisor's mention as <@U0ADVISOR>.
const evalBotUser = "U0ADVISOR"

// runKBEval sends every case of a question set through the path a DM
// takes (decode, router, rendering, delivery) and scores the prose a
// person would read, buttons stripped.
func runKBEval(args []string, stdout, stderr io.Writer) int {
	const help = "Usage: advisor kb eval [-q] FILE\n\nSends every case of FILE (the shared question-set format: cases with id, q,\n" +
		"kind, must_any, must_not) to the advisor as a DM, scores the replies and prints\n" +
		"the pass rate per kind, the confident wrong answers and every failure.\n" +
		"-q prints the rates only. Exits 1 if FILE cannot be read.\n"
	var quiet bool
	fs, code, ok := parseFlags("kb eval", help, args, stdout, stderr, func(fs *flag.FlagSet) {
		fs.BoolVar(&quiet, "q", false, "print the rates only")
	})
	if !ok {
		return code
	}
	if fs.NArg() != 1 {
		fmt.Fprint(stderr, help)
		return 2
	}
	set, err := evalset.Load(fs.Arg(0))
	if err != nil {
		fmt.Fprintln(stderr, "advisor:", err)
		return 1
	}
	rep, err := evaluate(context.Background(), set)
	if err != nil {
		fmt.Fprintln(stderr, "advisor:", err)
		return 1
	}
	rep.Write(stdout, !quiet)
	return 0
}

// evaluate runs set through a fresh advisor (embedded Redis unless
// REDIS_URL says otherwise, knowledge from KNOWLEDGE_DIR if set).
func evaluate(ctx context.Context, set *evalset.Set) (*evalset.Report, error) {
	cfg, err := config.Load(config.ModeConsole)
	if err != nil {
		return nil, err
	}
	cfg.KeyPrefix = fmt.Sprintf("advisor-eval:%d:", os.Getpid())
	app, err := newCore(ctx, cfg, zerolog.Nop())
	if err != nil {
		return nil, err
	}
	defer app.Close()
	out := &transcript{}
	router := newRouter(app, out)
	rep := &evalset.Report{}
	for i, c := range set.Cases {
		user := fmt.Sprintf("UEVAL%04d", i)
		// A user's first DM carries a welcome; the case is the second.
		if _, err := evalDM(ctx, router, out, user, "hi", 2*i); err != nil {
			return nil, err
		}
		reply, err := evalDM(ctx, router, out, user, c.Q, 2*i+1)
		if err != nil {
			return nil, fmt.Errorf("case %s: %w", c.ID, err)
		}
		rep.Results = append(rep.Results, evalset.Result{Case: c, Reply: reply, Verdict: c.Score(reply)})
	}
	return rep, nil
}

// evalDM decodes text as a message.im event, as Slack would send it, runs
// it through h and returns the prose of everything delivered.
func evalDM(ctx context.Context, h bot.Handler, out *transcript, user, text string, seq int) (string, error) {
	ts := "1700000000." + strconv.Itoa(100000+seq)
	evt := socketmode.Event{
		Type:    socketmode.EventTypeEventsAPI,
		Request: &socketmode.Request{EnvelopeID: "eval-" + strconv.Itoa(seq)},
		Data: slackevents.EventsAPIEvent{
			Type: slackevents.CallbackEvent, TeamID: "TEVAL",
			InnerEvent: slackevents.EventsAPIInnerEvent{Type: "message", Data: &slackevents.MessageEvent{
				Type: "message", User: user, Text: text, Channel: "D" + user, ChannelType: "im", TimeStamp: ts,
			}},
		},
	}
	req, why := bot.Decode(evt, evalBotUser)
	if req == nil {
		return "", fmt.Errorf("decode the DM: %s", why)
	}
	out.reset()
	reply, err := h.Handle(ctx, req)
	if err != nil {
		return "", fmt.Errorf("handle the DM: %w", err)
	}
	if err := bot.Deliver(ctx, out, req, reply); err != nil {
		return "", fmt.Errorf("deliver the reply: %w", err)
	}
	return out.text(), nil
}

// transcript is the eval's Slack: it keeps the prose of what the advisor
// posts and drops every button, as the question set's scoring says.
type transcript struct {
	mu sync.Mutex
	b  strings.Builder
}

func (t *transcript) reset() { t.mu.Lock(); t.b.Reset(); t.mu.Unlock() }

func (t *transcript) text() string { t.mu.Lock(); defer t.mu.Unlock(); return t.b.String() }

func (t *transcript) add(text string, blocks []slack.Block) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(blocks) == 0 {
		t.b.WriteString(text + "\n")
	}
	for _, blk := range blocks {
		switch v := blk.(type) {
		case *slack.HeaderBlock:
			t.b.WriteString(v.Text.Text + "\n")
		case *slack.SectionBlock:
			if v.Text != nil {
				t.b.WriteString(v.Text.Text + "\n")
			}
			for _, f := range v.Fields {
				t.b.WriteString(f.Text + "\n")
			}
		case *slack.ContextBlock:
			for _, e := range v.ContextElements.Elements {
				if o, ok := e.(*slack.TextBlockObject); ok {
					t.b.WriteString(o.Text + "\n")
				}
			}
		}
	}
}

func (t *transcript) Post(_ context.Context, m bot.Message) (string, error) {
	t.add(m.Text, m.Blocks)
	return "1700000001.000001", nil
}

func (t *transcript) PostEphemeral(_ context.Context, m bot.Message) error {
	t.add(m.Text, m.Blocks)
	return nil
}

func (t *transcript) Update(_ context.Context, _, _ string, m bot.Message) error {
	t.add(m.Text, m.Blocks)
	return nil
}

func (t *transcript) Respond(_ context.Context, _ string, r bot.Reply, _ bool) error {
	t.add(r.Text, r.Blocks)
	return nil
}

func (t *transcript) DeleteOriginal(context.Context, string) error { return nil }

func (t *transcript) OpenDM(_ context.Context, user string) (string, error) { return "D" + user, nil }

func (t *transcript) UserInfo(_ context.Context, id string) (*slack.User, error) {
	return &slack.User{ID: id, Name: "eval", TZ: "UTC"}, nil
}

func (t *transcript) PublishHome(context.Context, string, []slack.Block) error { return nil }

func (t *transcript) IsMember(context.Context, string) (bool, error) { return true, nil }
