package console

import (
	"context"
	"fmt"
	"strconv"

	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/internal/evalset"
)

// EvalBotUser is the bot's own user id during an eval: the question sets
// write the advisor's mention as <@U0ADVISOR>.
const EvalBotUser = "U0ADVISOR"

// Eval sends every case of set through the path a DM takes (decode, h,
// rendering, delivery to t) and scores the prose a person would read,
// buttons stripped. h must deliver to t (build it over t).
func Eval(ctx context.Context, h bot.Handler, t *Transcript, set *evalset.Set) (*evalset.Report, error) {
	rep := &evalset.Report{}
	for i, c := range set.Cases {
		user := fmt.Sprintf("UEVAL%04d", i)
		// A user's first DM carries a welcome; the case is the second.
		if _, err := evalDM(ctx, h, t, user, "hi", 2*i); err != nil {
			return nil, err
		}
		reply, err := evalDM(ctx, h, t, user, c.Q, 2*i+1)
		if err != nil {
			return nil, fmt.Errorf("case %s: %w", c.ID, err)
		}
		rep.Results = append(rep.Results, evalset.Result{Case: c, Reply: reply, Verdict: c.Score(reply)})
	}
	return rep, nil
}

// evalDM decodes text as a message.im event, as Slack would send it, runs
// it through h and returns the prose of everything delivered.
func evalDM(ctx context.Context, h bot.Handler, out *Transcript, user, text string, seq int) (string, error) {
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
	req, why := bot.Decode(evt, EvalBotUser)
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
