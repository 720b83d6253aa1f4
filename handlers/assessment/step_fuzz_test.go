package assessment

import (
	"context"
	"fmt"
	"maps"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/rs/zerolog"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/handlers/blockkit"
	"github.com/advisor-bot/advisor/internal/chart"
	"github.com/advisor-bot/advisor/internal/redistest"
)

// snap is what the fuzzer reads of a user's session after each operation.
type snap struct {
	rec     map[string]string // the session record ("" fields absent: none)
	marker  bool              // the marker (an unfinished session) exists
	results int64             // outcomes in the user's history
}

func (s snap) q() int       { n, _ := strconv.Atoi(s.rec["q"]); return n }
func (s snap) active() bool { return s.rec["st"] == "active" }

// state is the record without the results remembered per delivery id
// (d:…): what a click that changes nothing must leave alone.
func state(rec map[string]string) map[string]string {
	out := make(map[string]string, len(rec))
	for k, v := range rec {
		if !strings.HasPrefix(k, "d:") {
			out[k] = v
		}
	}
	return out
}

// core is the part of a record a step may change.
func (s snap) core() string {
	return s.rec["st"] + "|" + s.rec["run"] + "|" + s.rec["q"] + "|" + s.rec["ans"]
}

// stepFuzz is one fuzz process's service on its own Redis prefix.
type stepFuzz struct {
	svc   *Service
	rdb   *redis.Client
	n     int // questions in the assessment
	users atomic.Int64
}

func (f *stepFuzz) read(ctx context.Context, t *testing.T, user, sid string) snap {
	var rec *redis.MapStringStringCmd
	var marker, results *redis.IntCmd
	_, err := f.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		rec = p.HGetAll(ctx, f.svc.keys.session(sid))
		marker = p.Exists(ctx, f.svc.keys.marker(sid))
		results = p.LLen(ctx, f.svc.keys.history(user))
		return nil
	})
	if err != nil {
		t.Fatalf("read session: %v", err)
	}
	return snap{rec: rec.Val(), marker: marker.Val() == 1, results: results.Val()}
}

// check fails unless the record decodes as the step script reads it: the
// step index within the definition, one answer per question passed, each
// a valid option, done exactly when every question is answered.
func (f *stepFuzz) check(t *testing.T, s snap, trace []string) {
	t.Helper()
	if len(s.rec) == 0 {
		return
	}
	fail := func(format string, args ...any) {
		t.Fatalf("after %s: %s\nrecord %v", strings.Join(trace, " "), fmt.Sprintf(format, args...), s.rec)
	}
	q, err := strconv.Atoi(s.rec["q"])
	if n, _ := strconv.Atoi(s.rec["n"]); err != nil || n != f.n || q < 0 || q > n {
		fail("question %q of %q, want 0..%d", s.rec["q"], s.rec["n"], f.n)
	}
	var ans []string
	if s.rec["ans"] != "" {
		ans = strings.Split(s.rec["ans"], ",")
	}
	if len(ans) != q {
		fail("%d answers at question %d", len(ans), q)
	}
	for i, a := range ans {
		opt, err := strconv.Atoi(a)
		no, _ := strconv.Atoi(s.rec["no:"+strconv.Itoa(i)])
		if err != nil || opt < 0 || opt >= no {
			fail("answer %q to question %d of %d options", a, i, no)
		}
	}
	switch st := s.rec["st"]; {
	case st == "done" && (q != f.n || s.marker), st == "active" && (q == f.n || !s.marker), st == "cancelled" && s.marker:
		fail("state %s at question %d, marker %v", st, q, s.marker)
	case st != "done" && st != "active" && st != "cancelled":
		fail("state %q", st)
	}
	if _, err := decodeStep([]string{"ok", s.rec["a"], s.rec["u"], s.rec["run"], s.rec["q"], s.rec["ans"], "", "-1", s.rec["t0"], "", "0"}); err != nil {
		fail("decode: %v", err)
	}
}

// FuzzStepSequence drives one user's assessment through a fuzzed sequence
// of clicks (each byte one operation: answer, back, restart, cancel, a
// stale click on an earlier question or run, a double click, a re-run of an
// earlier delivery, a new start) against real Redis, and after each checks
// the record decodes within bounds, moved exactly as the operation says,
// and that a finished run's result is saved exactly once.
func FuzzStepSequence(f *testing.F) {
	rdb, prefix := redistest.New(f)
	kb := testKB(f)
	a, _ := kb.AssessmentByID("founder-fit")
	clock := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	fz := &stepFuzz{svc: NewService(rdb, prefix, kb, &quietSlack{}, zerolog.Nop(), WithClock(func() time.Time { return clock })),
		rdb: rdb, n: len(a.Questions)}
	fz.svc.drawBars = func(string, []chart.Bar) ([]byte, error) { return []byte("png"), nil }
	f.Add([]byte{0, 8, 16, 24, 30})     // four answers: done; the last delivery re-run
	f.Add([]byte{0, 1, 0, 5, 6, 8, 16}) // answer, back, answer, double click, re-run, answer…
	f.Add([]byte{0, 8, 2, 4, 12, 0, 8, 16})
	f.Add([]byte{3, 5, 4, 7, 0, 8, 16, 24})
	f.Fuzz(func(t *testing.T, ops []byte) {
		if len(ops) > 8 {
			ops = ops[:8] // an iteration stays a few ms: ~0.3 ms an operation
		}
		fz.run(t, ops)
	})
}

// stepClick is one button click as the bot decodes it.
type stepClick struct {
	id, action string
	r          ref
}

func (f *stepFuzz) run(t *testing.T, ops []byte) {
	ctx := context.Background()
	user := fmt.Sprintf("UF%X", f.users.Add(1))
	sid := "D" + user + ":"
	defer func() { // one DEL per hash slot: the test client refuses a CROSSSLOT command
		_, err := f.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
			p.Del(ctx, f.svc.keys.session(sid), f.svc.keys.marker(sid))
			p.Del(ctx, f.svc.keys.user(user))
			p.Del(ctx, f.svc.keys.history(user))
			p.ZRem(ctx, f.svc.keys.due(), sid)
			return nil
		})
		if err != nil {
			t.Errorf("clean up %s: %v", user, err)
		}
	}()
	var (
		trace  []string
		clicks []stepClick // every click sent, for double clicks and re-runs
		seen   []ref       // every (run, question) seen, for stale clicks
		done   int64       // runs finished
		cur    = f.read(ctx, t, user, sid)
		send   = func(c stepClick) {
			req := &bot.Request{Kind: bot.KindAction, ID: c.id, UserID: user, ChannelID: "D" + user, ChannelType: "im",
				MessageTS: "1700000000.000001", ActionID: c.action, ActionValue: c.r.value()}
			if _, err := f.svc.HandleAction(ctx, req); err != nil {
				t.Fatalf("after %s: %s: %v", strings.Join(trace, " "), c.action, err)
			}
		}
	)
	ops = append([]byte{7}, ops...) // every sequence starts with a start
	for i, b := range ops {
		op, arg := b%8, int(b>>3)
		here := ref{SID: sid, Run: cur.rec["run"], Question: cur.q(), Option: -1}
		newClick := func(action string, r ref) stepClick {
			return stepClick{id: "act:" + user + "." + strconv.Itoa(i), action: action, r: r}
		}
		var c *stepClick
		want := cur.core() // what the record's core should be after: unchanged unless set below
		strict := true     // the whole record and history unchanged (no step taken)
		switch op {
		case 0, 1, 2, 3: // answer option arg%3, back, restart, cancel on the current question
			action := map[byte]string{0: ActionAnswer + ":" + strconv.Itoa(arg%3), 1: ActionBack, 2: blockkit.ActionAssessRestart, 3: ActionCancel}[op]
			r := here
			if op == 0 {
				r.Option = arg % 3
			}
			cc := newClick(action, r)
			c = &cc
			if !cur.active() {
				break
			}
			strict = false
			q, ans := cur.q(), cur.rec["ans"]
			switch op {
			case 0:
				st := "active"
				if q+1 == f.n {
					st, done = "done", done+1
				}
				if ans != "" {
					ans += ","
				}
				want = st + "|" + cur.rec["run"] + "|" + strconv.Itoa(q+1) + "|" + ans + strconv.Itoa(arg%3)
			case 1:
				if q == 0 {
					strict = true
					break
				}
				ans = strings.Join(strings.Split(ans, ",")[:q-1], ",")
				want = "active|" + cur.rec["run"] + "|" + strconv.Itoa(q-1) + "|" + ans
			case 2:
				want = "" // a new run: checked below
			case 3:
				want = "cancelled|" + cur.rec["run"] + "|" + strconv.Itoa(q) + "|" + ans
			}
		case 4: // a stale click: an answer on a question or run seen earlier
			if len(seen) == 0 {
				continue
			}
			r := seen[arg%len(seen)]
			if cur.active() && r.Run == cur.rec["run"] && r.Question == cur.q() {
				continue // that is the current question: no stale click
			}
			r.Option = 0
			cc := newClick(ActionAnswer+":0", r)
			c = &cc
		case 5: // a double click: the last click again, in a new envelope
			if len(clicks) == 0 {
				continue
			}
			cc := clicks[len(clicks)-1]
			cc.id = newClick("", ref{}).id
			c = &cc
		case 6: // a re-run of an earlier delivery (a takeover): same id, same result, no change
			if len(clicks) == 0 {
				continue
			}
			cc := clicks[arg%len(clicks)]
			trace = append(trace, "rerun("+cc.id+")")
			send(cc)
			after := f.read(ctx, t, user, sid)
			f.check(t, after, trace)
			if after.core() != cur.core() || after.results != cur.results {
				t.Fatalf("after %s: re-run changed %q (%d results) to %q (%d)", strings.Join(trace, " "), cur.core(), cur.results, after.core(), after.results)
			}
			cur = after
			continue
		case 7: // start again (replaces an active session)
			trace = append(trace, "start")
			if _, err := f.svc.Start(ctx, &bot.Request{Kind: bot.KindCommand, ID: "cmd:" + user + strconv.Itoa(i), UserID: user, ChannelID: "C1"}, "founder-fit"); err != nil {
				t.Fatalf("after %s: %v", strings.Join(trace, " "), err)
			}
			after := f.read(ctx, t, user, sid)
			f.check(t, after, trace)
			if after.core() != "active|"+after.rec["run"]+"|0|" || after.rec["run"] == cur.rec["run"] || after.results != done {
				t.Fatalf("after %s: start left %q with %d results, want a new run at question 0 and %d", strings.Join(trace, " "), after.core(), after.results, done)
			}
			seen = append(seen, ref{SID: sid, Run: after.rec["run"]})
			cur = after
			continue
		}
		trace = append(trace, fmt.Sprintf("%s%v", strings.TrimPrefix(c.action, "assess:"), []int{c.r.Question, c.r.Option}))
		send(*c)
		clicks = append(clicks, *c)
		after := f.read(ctx, t, user, sid)
		f.check(t, after, trace)
		switch {
		case strict && (!maps.Equal(state(after.rec), state(cur.rec)) || after.marker != cur.marker || after.results != cur.results):
			t.Fatalf("after %s: a click that should change nothing changed\n%v (%d results)\nto %v (%d)", strings.Join(trace, " "), cur.rec, cur.results, after.rec, after.results)
		case want == "" && (after.core() != "active|"+after.rec["run"]+"|0|" || after.rec["run"] == cur.rec["run"]):
			t.Fatalf("after %s: restart left %q, was %q", strings.Join(trace, " "), after.core(), cur.core())
		case want != "" && after.core() != want:
			t.Fatalf("after %s: got %q, want %q", strings.Join(trace, " "), after.core(), want)
		case after.results != done:
			t.Fatalf("after %s: %d results saved, want %d", strings.Join(trace, " "), after.results, done)
		case after.rec["st"] == "cancelled" && after.marker:
			t.Fatalf("after %s: a cancelled session is still marked unfinished", strings.Join(trace, " "))
		}
		if after.active() && (after.rec["run"] != cur.rec["run"] || after.q() != cur.q()) {
			seen = append(seen, ref{SID: sid, Run: after.rec["run"], Question: after.q()})
		}
		cur = after
	}
}
