package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/advisor-bot/advisor/bot/slacktest"
)

// Scenario is one load shape.
type Scenario struct {
	Name    string        `json:"name"`
	N       int           `json:"n"`
	C       int           `json:"concurrency,omitempty"` // closed loop when Rate is 0
	Rate    float64       `json:"rate,omitempty"`        // envelopes per second
	Mix     Mix           `json:"-"`
	MixText string        `json:"mix"`
	Timeout time.Duration `json:"-"`
}

// RunResult is one bot under one scenario.
type RunResult struct {
	Bot      string `json:"bot"`
	Scenario string `json:"scenario"`
	Run      int    `json:"run"`

	Sent        int     `json:"sent"`
	Answered    int     `json:"answered"`
	NotAcked    int     `json:"not_acked"`
	NotAnswered int     `json:"not_answered"`
	Lost        int     `json:"lost"`
	Twice       int     `json:"answered_twice"`
	Extra       int     `json:"unmatched_replies"`
	Refused     int     `json:"assessment_steps_refused"` // answered without a question or result
	Failed      int     `json:"failed_reply_calls"`
	Seconds     float64 `json:"seconds"`
	Throughput  float64 `json:"throughput_per_s"`

	Ack    Latency             `json:"ack"`
	Reply  Latency             `json:"reply"`
	ByKind map[Kind]Latency    `json:"reply_by_kind"`
	Counts map[Kind]int        `json:"sent_by_kind"`
	LostBy map[Kind]int        `json:"lost_by_kind,omitempty"`
	Redis  map[string]float64  `json:"redis_per_envelope,omitempty"`
	RedisN float64             `json:"redis_commands_per_envelope"`
	Kinds  map[Kind]RedisKinds `json:"redis_by_kind,omitempty"`

	StartupMS float64 `json:"startup_ms"`
	IdleRSS   int64   `json:"idle_rss_bytes"`
	PeakRSS   int64   `json:"peak_rss_bytes"` // VmHWM at the end of the load
	LoadRSS   int64   `json:"load_rss_max_bytes"`
	// CPU per envelope during the load, in microseconds: the bot process's
	// own, and this process's (the load generator and the fake Slack).
	BotCPU  float64 `json:"bot_cpu_us_per_envelope"`
	LoadCPU float64 `json:"loadgen_fake_cpu_us_per_envelope"`
}

// RedisKinds is the Redis cost of one kind of envelope sent alone.
type RedisKinds struct {
	Envelopes int                `json:"envelopes"`
	Total     float64            `json:"commands_per_envelope"`
	Commands  map[string]float64 `json:"by_command"`
}

// runner runs bots against a fresh fake Slack each time.
type runner struct {
	bins        map[string]string // bot name → binary
	dir         string            // working dir of the bots (no .env there)
	redis       *redisTarget
	prefix      string // every run's KEY_PREFIX starts with it
	runs        int
	questions   []string
	connections int
	workers     string
	logLevel    string
	seed        uint64
	progress    io.Writer
}

// runOpts are the extras of one run.
type runOpts struct {
	profileDir   string // fetch CPU and allocation profiles into it (profiling binary)
	redisByKind  bool   // after the load, send each kind alone and count its Redis commands
	warmup       int
	idleSettling time.Duration
}

// run starts the fake Slack and the bot, loads it and measures.
func (r *runner) run(ctx context.Context, bot, bin string, sc Scenario, n int, o runOpts) (*RunResult, error) {
	fake := slacktest.New()
	defer fake.Close()
	tr := newTracker(bot == "advisor")
	fake.OnCall(tr.onCall)
	d := newDriver(fake, tr, r.questions)
	b, err := r.start(ctx, bot, bin, fake, o)
	if err != nil {
		return nil, err
	}
	defer b.p.stop(5 * time.Second)
	res := &RunResult{Bot: bot, Scenario: sc.Name, Run: n}
	if err := r.connect(ctx, b, fake, res, o); err != nil {
		return nil, err
	}
	if err := r.warmUp(ctx, b, d, sc, o); err != nil {
		return nil, err
	}
	if err := r.load(ctx, b, d, sc, o, res); err != nil {
		return nil, err
	}
	r.measure(res, d, tr, fake)
	if o.redisByKind && b.advisor() {
		if res.Kinds, err = r.redisByKind(ctx, d, sc.Timeout); err != nil {
			return nil, fmt.Errorf("%w\n%s", err, b.p.out)
		}
	}
	select {
	case <-b.p.exited:
		return nil, fmt.Errorf("%s exited during the run: %v\n%s", bot, b.p.err, b.p.out)
	default:
	}
	return res, nil
}

// load runs the scenario's envelopes against the started bot and records
// its memory, CPU and Redis commands meanwhile (and a profile if asked).
func (r *runner) load(ctx context.Context, b *started, d *driver, sc Scenario, o runOpts, res *RunResult) error {
	var before commandStats
	var err error
	if b.advisor() {
		if before, err = r.redis.stats(ctx); err != nil {
			return err
		}
	}
	var prof *profiler
	if o.profileDir != "" {
		prof = startProfile(ctx, b.pprofAddr, o.profileDir, loadDuration(sc))
	}
	poll := pollRSS(b.p.pid(), 20*time.Millisecond)
	botCPU0, selfCPU0 := procCPU(b.p.pid()), selfCPU()
	kinds := sc.Mix.Sequence(sc.N, r.seed)
	if sc.Rate > 0 {
		d.runPaced(ctx, kinds, sc.Rate, sc.Timeout)
	} else {
		d.runClosed(ctx, kinds, sc.C, sc.Timeout)
	}
	res.LoadRSS = poll.stop()
	res.BotCPU = float64((procCPU(b.p.pid()) - botCPU0).Microseconds()) / float64(sc.N)
	res.LoadCPU = float64((selfCPU() - selfCPU0).Microseconds()) / float64(sc.N)
	if _, res.PeakRSS, err = memStatus(b.p.pid()); err != nil {
		return err
	}
	if prof != nil {
		if err := prof.finish(); err != nil {
			fmt.Fprintf(r.progress, "profile: %v\n", err)
		}
	}
	if b.advisor() {
		after, err := r.redis.stats(ctx)
		if err != nil {
			return err
		}
		delta := after.delta(before)
		res.Redis = delta.perEnvelope(sc.N)
		res.RedisN = float64(delta.total()) / float64(sc.N)
	}
	return nil
}

// debugLost prints the first lost envelopes of each run.
var debugLost = os.Getenv("LOADTEST_DEBUG") != ""

// loadDuration estimates how long the load phase of sc lasts.
func loadDuration(sc Scenario) time.Duration {
	if sc.Rate > 0 {
		return time.Duration(float64(sc.N)/sc.Rate*float64(time.Second)) + time.Second
	}
	return 5 * time.Second
}

// measure fills the latencies, losses and throughput from the records and
// the fake Slack's acks.
func (r *runner) measure(res *RunResult, d *driver, tr *tracker, fake *slacktest.Server) {
	acks := map[string]slacktest.Ack{}
	for _, a := range fake.Acks() {
		if _, seen := acks[a.EnvelopeID]; !seen {
			acks[a.EnvelopeID] = a
		}
	}
	var ackLat, replyLat []time.Duration
	byKind := map[Kind][]time.Duration{}
	res.Counts = map[Kind]int{}
	var firstSent, lastDone time.Time
	for _, rec := range d.all() {
		res.Sent++
		res.Counts[rec.kind]++
		if firstSent.IsZero() || rec.sent.Before(firstSent) {
			firstSent = rec.sent
		}
		_, done, twice, refused := tr.snapshot(rec)
		if refused {
			res.Refused++
		}
		a, acked := acks[rec.envID]
		base := rec.sent
		if acked {
			ackLat = append(ackLat, a.Latency)
			base = a.Sent
		} else {
			res.NotAcked++
		}
		if done.IsZero() {
			res.NotAnswered++
		} else {
			res.Answered++
			lat := done.Sub(base)
			replyLat = append(replyLat, lat)
			byKind[rec.kind] = append(byKind[rec.kind], lat)
			if done.After(lastDone) {
				lastDone = done
			}
		}
		if !acked || done.IsZero() {
			r.lost(res, rec, acked, tr)
		}
		if twice {
			res.Twice++
		}
	}
	res.Extra = tr.extraReplies()
	res.Failed = tr.failedCalls()
	res.Ack = summarize(ackLat)
	res.Reply = summarize(replyLat)
	res.ByKind = map[Kind]Latency{}
	for k, ds := range byKind {
		res.ByKind[k] = summarize(ds)
	}
	if el := lastDone.Sub(firstSent); el > 0 {
		res.Seconds = el.Seconds()
		res.Throughput = float64(res.Answered) / el.Seconds()
	}
}

// lost counts an envelope that was not acked or not answered.
func (r *runner) lost(res *RunResult, rec *record, acked bool, tr *tracker) {
	res.Lost++
	if res.LostBy == nil {
		res.LostBy = map[Kind]int{}
	}
	res.LostBy[rec.kind]++
	if debugLost && res.Lost <= 5 {
		fmt.Fprintf(r.progress, "lost %s %s user %s acked %v replies %v text %q\n", rec.kind, rec.envID, rec.user.id, acked, tr.replies(rec), rec.text)
	}
}
