package integration

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/advisor-bot/advisor/bot/slacktest"
	"github.com/advisor-bot/advisor/handlers/assessment"
	"github.com/advisor-bot/advisor/knowledge"
)

// assessmentID is the assessment the tests take.
const assessmentID = "first-seat"

// questionCount is how many questions assessmentID has in the built-in
// knowledge.
func questionCount(t *testing.T) int {
	t.Helper()
	kb, err := knowledge.Load("")
	if err != nil {
		t.Fatalf("load knowledge: %v", err)
	}
	for _, a := range kb.Assessments {
		if a.ID == assessmentID {
			return len(a.Questions)
		}
	}
	t.Fatalf("no assessment %q in the built-in knowledge", assessmentID)
	return 0
}

// assessFlow is one assessment taken by slash command and button clicks in
// the user's DM with the advisor.
type assessFlow struct {
	r       *rig
	user    string
	dm      string
	n       int
	run     string   // the session's run id, from the first question's buttons
	startID string   // the slash command's envelope id
	clicks  []string // the answer clicks' envelope ids, in order
}

// buttonRef splits an answer button's value "sid|run|question|option".
func buttonRef(c slacktest.Call) (run string, question int, ok bool) {
	v, found := buttonValue(c, assessment.ActionAnswer+":0")
	if !found {
		return "", 0, false
	}
	parts := strings.Split(v, "|")
	if len(parts) != 4 {
		return "", 0, false
	}
	q, err := strconv.Atoi(parts[2])
	return parts[1], q, err == nil
}

// takeAssessment starts the assessment as user and answers every question
// with a click. before(q), if set, runs when question q is posted, before it
// is answered. It returns when the result is posted.
func (r *rig) takeAssessment(user string, before func(f *assessFlow, q int)) *assessFlow {
	r.t.Helper()
	f := &assessFlow{r: r, user: user, dm: "D" + user, n: questionCount(r.t)}
	f.startID = r.send(func() string {
		return r.fake.SlashCommand(slacktest.SlashCommand{Command: "/ceo-vs-cto", Text: "assess " + assessmentID,
			UserID: user, ChannelID: "C1"})
	})
	for q := range f.n {
		c := r.waitCall(20*time.Second, "chat.postMessage", fmt.Sprintf("question %d in %s", q+1, f.dm), func(c slacktest.Call) bool {
			run, qq, ok := buttonRef(c)
			return ok && c.Params["channel"] == f.dm && qq == q && (f.run == "" || run == f.run)
		})
		if f.run == "" {
			f.run, _, _ = buttonRef(c)
		}
		if before != nil {
			before(f, q)
		}
		action := fmt.Sprintf("%s:%d", assessment.ActionAnswer, q%2)
		value, ok := buttonValue(c, action)
		if !ok {
			r.t.Fatalf("question %d has no %s button: %s", q+1, action, c.Params["blocks"])
		}
		f.clicks = append(f.clicks, r.send(func() string {
			return r.fake.BlockAction(slacktest.Action{UserID: user, ChannelID: f.dm, ActionID: action,
				BlockID: "answers", Value: value})
		}))
	}
	r.waitCall(20*time.Second, "chat.postMessage", "the result in "+f.dm, f.isResult)
	return f
}

func (f *assessFlow) isResult(c slacktest.Call) bool {
	return c.Params["channel"] == f.dm && strings.Contains(text(c), "your result")
}

// check asserts that every question and the result were posted exactly
// once. Call it after the envelopes are known to be handled.
func (f *assessFlow) check(t *testing.T) {
	t.Helper()
	for q := range f.n {
		n := f.r.count("chat.postMessage", func(c slacktest.Call) bool {
			run, qq, ok := buttonRef(c)
			return ok && c.Params["channel"] == f.dm && run == f.run && qq == q
		})
		if n != 1 {
			t.Errorf("question %d was posted %d times, want once", q+1, n)
		}
	}
	if n := f.r.count("chat.postMessage", f.isResult); n != 1 {
		t.Errorf("the result was posted %d times, want once", n)
	}
}

// route says which process handled the start and each click, for the log.
func (f *assessFlow) route() string {
	steps := []string{"start=" + strings.Join(f.r.handledBy(f.startID), "+")}
	for i, id := range f.clicks {
		steps = append(steps, fmt.Sprintf("q%d=%s", i+1, strings.Join(f.r.handledBy(id), "+")))
	}
	return strings.Join(steps, " ")
}
