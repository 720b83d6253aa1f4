package main

import (
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/advisor-bot/advisor/bot/slacktest"
)

// A virtual user has at most one envelope in flight, so any reply the bot
// posts to the user's DM, to the user's channel or to the user's App Home
// belongs to that envelope. Replies through a response_url name their
// envelope in the URL path.

// vuser is one virtual Slack user.
type vuser struct {
	id      string  // "UL1F" (general) or "UA1F" (assessments)
	assess  bool    // takes assessments; kept apart so its DM is always mid-assessment or idle
	click   *answer // the answer button of the question posted last, nil if none
	starts  int     // assessments started
	current *record // the envelope in flight
	last    *record // the envelope before, to pin late replies on
}

// dmChannel and userChannel are where the user's DMs and mentions happen.
func (u *vuser) dmChannel() string   { return "D" + u.id }
func (u *vuser) userChannel() string { return "C" + u.id[1:] }

// answer is an assessment answer button to click.
type answer struct {
	actionID string
	blockID  string
	value    string
	left     int // baseline only: synthetic questions still to answer
}

// record is one envelope and what came back for it.
type record struct {
	kind    Kind
	user    *vuser
	envID   string
	sent    time.Time
	doneOn  string // the method that completes the envelope; "" for any reply
	first   time.Time
	done    time.Time
	replies map[string]int // method+" "+target → calls
	twice   bool           // one target was sent the same kind of call twice
	text    string         // the text of the last reply, for LOADTEST_DEBUG
	refused bool           // an assessment step answered without a question or result
	doneCh  chan struct{}
}

// baselineQuestions is how many synthetic questions the baseline's
// assessment has, so the mix of starts and clicks stays close to the real
// one (the first-seat assessment has 5 questions).
const baselineQuestions = 5

// maxStarts is how many assessments a virtual user starts before it retires:
// the advisor allows 10 an hour per user.
const maxStarts = 8

// userSeq numbers virtual users across runs, so no run meets the Redis
// state (rate limits, sessions) an earlier run left.
var userSeq atomic.Int64

// tracker matches the bot's Web API calls to the envelopes in flight.
type tracker struct {
	advisor bool // completion rules of the advisor; else of the baseline

	mu         sync.Mutex
	byEnv      map[string]*record
	orphans    map[string][]slacktest.Call // response_url calls that beat their envelope id
	users      map[string]*vuser
	free       []*vuser // general users, FIFO
	freeAssess []*vuser
	extra      int            // replies no envelope could be found for
	failed     map[string]int // reply calls the fake answered with an error, by method
}

func newTracker(advisor bool) *tracker {
	return &tracker{advisor: advisor, byEnv: map[string]*record{}, orphans: map[string][]slacktest.Call{},
		users: map[string]*vuser{}, failed: map[string]int{}}
}

// take returns an idle user for kind, making one if none is idle. A button
// pick by a user with no question to answer becomes an assessment start.
func (t *tracker) take(k Kind) (*vuser, Kind) {
	t.mu.Lock()
	defer t.mu.Unlock()
	assess := k == KindButton || k == KindAssessStart
	list := &t.free
	if assess {
		list = &t.freeAssess
	}
	var u *vuser
	if len(*list) > 0 {
		u = (*list)[0]
		*list = (*list)[1:]
	} else {
		prefix := "UL"
		if assess {
			prefix = "UA"
		}
		u = &vuser{id: prefix + strings.ToUpper(strconv.FormatInt(userSeq.Add(1), 36)), assess: assess}
		t.users[u.id] = u
	}
	if assess {
		if u.click == nil {
			k = KindAssessStart
		} else {
			k = KindButton
		}
	}
	return u, k
}

// begin marks rec as u's envelope in flight, before it is sent.
func (t *tracker) begin(u *vuser, rec *record) {
	rec.user = u
	rec.replies = map[string]int{}
	rec.doneCh = make(chan struct{})
	if t.advisor && (rec.kind == KindAssessStart || rec.kind == KindButton) {
		// The next question (or the result) is the answer; a response_url post
		// before it means there is none (a refusal, a stale button).
		rec.doneOn = "chat.postMessage"
	}
	t.mu.Lock()
	if rec.kind == KindAssessStart {
		u.starts++
	}
	u.current = rec
	t.mu.Unlock()
}

// sent records the envelope id of rec, and replies that arrived first.
func (t *tracker) sent(rec *record, envID string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	rec.envID = envID
	t.byEnv[envID] = rec
	for _, c := range t.orphans[envID] {
		t.applyLocked(rec, c, envID)
	}
	delete(t.orphans, envID)
}

// extraReplies is how many replies matched no envelope.
func (t *tracker) extraReplies() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	n := t.extra
	for _, cs := range t.orphans {
		n += len(cs)
	}
	return n
}

// failedCalls is how many reply calls the fake Slack rejected.
func (t *tracker) failedCalls() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	n := 0
	for _, v := range t.failed {
		n += v
	}
	return n
}

// snapshot copies rec's results under the lock.
func (t *tracker) snapshot(rec *record) (first, done time.Time, twice, refused bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return rec.first, rec.done, rec.twice, rec.refused
}

// replies copies the replies counted for rec.
func (t *tracker) replies(rec *record) map[string]int {
	t.mu.Lock()
	defer t.mu.Unlock()
	out := map[string]int{}
	for k, v := range rec.replies {
		out[k] = v
	}
	return out
}
