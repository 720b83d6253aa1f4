package integration

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/advisor-bot/advisor/bot/slacktest"
	"github.com/advisor-bot/advisor/handlers/assessment"
)

// flowStepTimeout is how long a flow waits for its next question (a
// takeover after a kill takes about JOURNAL_LEASE; a retry after a Slack
// or Redis fault a few seconds).
const flowStepTimeout = 40 * time.Second

// maxTries is how often a flow sends a start or a click again after it
// was answered "unavailable" (or anything but the next question).
const maxTries = 10

// unavailable is how the advisor's reply says Redis is out of reach.
const unavailable = "unavailable for the moment"

// chaosFlow is one assessment taken by clicks in the user's DM during the
// chaos: it clicks option q%2 of question q as soon as it is posted.
type chaosFlow struct {
	ld     *chaosLoad
	user   string
	dm     string
	run    string
	start  string     // the slash command's envelope id
	clicks [][]string // per question, every click on it: all but the last were answered by a reply, not counted
	err    error
}

// take takes the assessment; a start or a click answered by a reply
// ("unavailable": the session was out of reach) instead of the next
// question is sent again a second later, as a person would.
func (f *chaosFlow) take() {
	n := f.ld.c.questions
	f.clicks = make([][]string, n)
	for q := range n {
		question, err := f.question(q)
		if err != nil {
			f.err = err
			return
		}
		action := fmt.Sprintf("%s:%d", assessment.ActionAnswer, q%2)
		value, found := buttonValue(question, action)
		if !found {
			f.err = fmt.Errorf("%s: question %d has no %s button", f.user, q+1, action)
			return
		}
		if err := f.answer(q, action, value); err != nil {
			f.err = err
			return
		}
	}
}

// question waits for question q; for the first, it starts the assessment
// again when the start was answered "unavailable" (Redis was down).
func (f *chaosFlow) question(q int) (slacktest.Call, error) {
	l := f.ld.c.ledger
	for range maxTries {
		ctx, cancel := context.WithTimeout(context.Background(), flowStepTimeout)
		var question slacktest.Call
		refused := false
		ok := l.wait(ctx, func(l *ledger) bool {
			if f.run == "" {
				f.run = l.runs[f.dm]
			}
			c, found := l.first[f.questionKey(q)]
			question = c
			refused = q == 0 && strings.Contains(l.replies["r:"+f.start], unavailable)
			return (f.run != "" && found) || refused
		})
		cancel()
		switch {
		case !ok:
			return question, fmt.Errorf("%s: question %d never posted (run %q); the start was answered %.200q", f.user, q+1, f.run, l.reply(f.start))
		case !refused || f.run != "":
			return question, nil
		}
		time.Sleep(time.Second) // the user tries again a little later
		f.start = f.ld.c.r.fake.SlashCommand(slacktest.SlashCommand{Command: "/ceo-vs-cto", Text: "assess " + assessmentID,
			UserID: f.user, ChannelID: "CASSESS"})
		f.ld.add(&chaosEnvelope{kind: kindAssess, id: f.start, key: "r:" + f.start})
	}
	return slacktest.Call{}, fmt.Errorf("%s: started %d times, answered %.200q each time", f.user, maxTries, l.reply(f.start))
}

// answer clicks value until the click moves the session on.
func (f *chaosFlow) answer(q int, action, value string) error {
	l := f.ld.c.ledger
	next := f.nextKey(q)
	for try := range maxTries {
		if try > 0 {
			time.Sleep(time.Second) // the user tries again a little later
		}
		id := f.ld.c.r.fake.BlockAction(slacktest.Action{UserID: f.user, ChannelID: f.dm, ActionID: action,
			BlockID: "answers", Value: value})
		f.clicks[q] = append(f.clicks[q], id)
		f.ld.add(&chaosEnvelope{kind: kindClick, id: id})
		ctx, cancel := context.WithTimeout(context.Background(), flowStepTimeout)
		ok := l.wait(ctx, func(l *ledger) bool { return l.n[next] > 0 || l.n["r:"+id] > 0 })
		cancel()
		switch {
		case !ok:
			return fmt.Errorf("%s: click %s on question %d answered by nothing in %v", f.user, id, q+1, flowStepTimeout)
		case l.count(next) > 0:
			return nil
		}
	}
	last := f.clicks[q][len(f.clicks[q])-1]
	return fmt.Errorf("%s: question %d clicked %d times, answered by a reply each time, the last %.200q", f.user, q+1, maxTries, l.reply(last))
}

func (f *chaosFlow) questionKey(q int) string {
	return "q:" + f.dm + "|" + f.run + "|" + strconv.Itoa(q)
}

// nextKey is what answers a counted click on question q: the next
// question, or the result after the last.
func (f *chaosFlow) nextKey(q int) string {
	if q+1 == f.ld.c.questions {
		return "res:" + f.dm
	}
	return f.questionKey(q + 1)
}
