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
		{"typed", func() { e.svc.HandleMessage(ctx, reply("U1", "DU1", "", "2")) }, 2},
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

// TestScriptMatchesParser checks that the step script applies typed answers
// exactly like ParseAnswer.
func TestScriptMatchesParser(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	a, _ := e.svc.kb.AssessmentByID("founder-fit")
	inputs := []string{"1", "#2", "option 3", "4", "0", "never", "Every week", "week", "help", "sometimes with help",
		"never every week", "qwzzx", "", "I avoid demos", "demos", "avoid", "alone", "myself", "no", "No!", "short",
		"specs", "detailed", "gut", "revenue", "customer requests", "impact"}
	for qi, q := range a.Questions {
		labels := make([]string, len(q.Options))
		for i, o := range q.Options {
			labels[i] = o.Label
		}
		for i, in := range inputs {
			sid := sessionID("DT"+strconv.Itoa(qi), strconv.Itoa(i))
			if _, _, err := e.svc.create(ctx, sid, "U1", "r", "", a); err != nil {
				t.Fatalf("create: %v", err)
			}
			for range qi { // move to question qi
				if _, err := e.svc.step(ctx, sid, stepArgs{op: "answer", user: "U1", question: -1, arg: "0", in: intent{Kind: intentAnswer}}); err != nil {
					t.Fatalf("step: %v", err)
				}
			}
			res, err := e.svc.step(ctx, sid, stepArgs{op: "answer", user: "U1", question: -1, arg: "-1", in: parseIntent(in)})
			if err != nil {
				t.Fatalf("step: %v", err)
			}
			want, ok := ParseAnswer(in, labels)
			gotOK := res.Code == "ok" || res.Code == "done"
			if gotOK != ok || (ok && res.Option != want) {
				t.Errorf("question %d, %q: script says %s %d, parser %v %d", qi+1, in, res.Code, res.Option, ok, want)
			}
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
		if _, err := e.svc.step(ctx, sid, stepArgs{op: "answer", user: "U1", question: -1, arg: "-1", in: parseIntent("2")}); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if _, err := e.svc.step(ctx, sid, stepArgs{op: "back", user: "U1", question: -1, arg: "-1"}); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
}
