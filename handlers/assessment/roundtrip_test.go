package assessment

import (
	"context"
	"net"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/advisor-bot/advisor/bot"
)

// countHook counts commands and pipelines: each is one round trip.
type countHook struct {
	cmds, pipes atomic.Int64
}

func (h *countHook) DialHook(next redis.DialHook) redis.DialHook {
	return func(ctx context.Context, network, addr string) (net.Conn, error) { return next(ctx, network, addr) }
}

func (h *countHook) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		h.cmds.Add(1)
		return next(ctx, cmd)
	}
}

func (h *countHook) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		h.pipes.Add(1)
		return next(ctx, cmds)
	}
}

func (h *countHook) reset() int64 { return h.cmds.Swap(0) + h.pipes.Swap(0) }

func TestRoundTripsPerAnswer(t *testing.T) {
	e := newEnv(t)
	h := &countHook{}
	e.rdb.AddHook(h)
	e.startDM(t)
	e.answerByButton(t, e.svc, "U1", 0) // scripts are loaded now
	ctx := context.Background()
	tests := []struct {
		name   string
		answer func()
		// the step itself is one script call; recording the ts of the
		// next question's message (known only after posting it) is one more
		want int64
	}{
		{"button", func() { e.answerByButton(t, e.svc, "U1", 1) }, 2},
		// + reading the session first: the text is matched, in Go,
		// against the question it is at
		{"typed", func() { e.svc.HandleMessage(ctx, reply("U1", "DU1", "", "2")) }, 3},
		{"invalid typed", func() { e.svc.HandleMessage(ctx, reply("U1", "DU1", "", "nonsense")) }, 1},
		{"no session", func() { e.svc.HandleMessage(ctx, reply("U1", "DU9", "", "2")) }, 1},
		{"last answer", func() { e.answerByButton(t, e.svc, "U1", 1) }, 2}, // + saving the outcome
	}
	for _, tt := range tests {
		h.reset()
		tt.answer()
		got := h.reset()
		t.Logf("%s: %d round trips", tt.name, got)
		if got != tt.want {
			t.Errorf("%s: got %d round trips, want %d", tt.name, got, tt.want)
		}
	}
}

// TestScriptTakesTheOptionGiven: the step script records the option index
// it is given (typed answers are matched in Go) and refuses one out of
// range for the question.
func TestScriptTakesTheOptionGiven(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	a, _ := e.svc.kb.AssessmentByID("founder-fit")
	n := len(a.Questions[0].Options)
	for _, tt := range []struct {
		arg  int
		want string
	}{{0, "ok"}, {n - 1, "ok"}, {n, "invalid"}, {-1, "invalid"}} {
		sid := sessionID("DT", strconv.Itoa(tt.arg+1))
		if _, _, err := e.svc.create(ctx, sid, "U1", "r", "", a); err != nil {
			t.Fatalf("create: %v", err)
		}
		res, err := e.svc.step(ctx, sid, stepArgs{op: "answer", user: "U1", question: 0, arg: strconv.Itoa(tt.arg)})
		if err != nil {
			t.Fatalf("step: %v", err)
		}
		if res.Code != tt.want || (tt.want == "ok" && res.Option != tt.arg) {
			t.Errorf("option %d: got %s %d, want %s", tt.arg, res.Code, res.Option, tt.want)
		}
	}
}

func BenchmarkAnswer(b *testing.B) {
	e := newEnv(b)
	ctx := context.Background()
	a, _ := e.svc.kb.AssessmentByID("founder-fit")
	req := &bot.Request{Kind: bot.KindCommand, UserID: "U1"}
	if _, err := e.svc.Start(ctx, req, a.ID); err != nil {
		b.Fatal(err)
	}
	sid := sessionID("DU1", "")
	// Each iteration answers the current question (one script call); a
	// back step keeps the session from finishing and is not timed.
	for b.Loop() {
		if _, err := e.svc.step(ctx, sid, stepArgs{op: "answer", user: "U1", question: -1, arg: "1"}); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if _, err := e.svc.step(ctx, sid, stepArgs{op: "back", user: "U1", question: -1, arg: "-1"}); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
}
