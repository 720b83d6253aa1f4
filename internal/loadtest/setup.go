package main

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/advisor-bot/advisor/bot/slacktest"
)

// started is a bot process of one run.
type started struct {
	bot       string
	p         *process
	runPrefix string // the advisor's KEY_PREFIX in this run
	pprofAddr string // where the profiling binary serves pprof, if it does
}

func (b *started) advisor() bool { return b.bot == "advisor" }

// start starts bot (the binary bin) against fake: the advisor gets a Redis
// reset for the run and a KEY_PREFIX of its own.
func (r *runner) start(ctx context.Context, bot, bin string, fake *slacktest.Server, o runOpts) (*started, error) {
	b := &started{bot: bot}
	env := []string{
		"SLACK_APP_TOKEN=" + fake.AppToken(), "SLACK_BOT_TOKEN=" + fake.BotToken(), "SLACK_API_URL=" + fake.APIURL(),
		"SOCKET_CONNECTIONS=" + strconv.Itoa(r.connections), "LOG_LEVEL=" + r.logLevel,
	}
	if b.advisor() {
		// A prefix per run: the fake Slack numbers event ids from 1 again, and
		// the de-dup keys of an earlier run must not swallow them.
		r.runs++
		b.runPrefix = r.prefix + strconv.Itoa(r.runs) + ":"
		if err := r.redis.reset(ctx); err != nil {
			return nil, err
		}
		env = append(env, "REDIS_URL="+r.redis.url, "KEY_PREFIX="+b.runPrefix)
		if r.workers != "" {
			env = append(env, "WORKERS="+r.workers)
		}
	}
	if o.profileDir != "" {
		port, err := freePort()
		if err != nil {
			return nil, err
		}
		b.pprofAddr = "127.0.0.1:" + strconv.Itoa(port)
		env = append(env, "LOADTEST_PPROF_ADDR="+b.pprofAddr)
	}
	p, err := startProcess(bin, []string{"run"}, r.dir, env)
	if err != nil {
		return nil, err
	}
	b.p = p
	return b, nil
}

// connect waits for the bot's Socket Mode connections and records its
// start-up time and idle memory.
func (r *runner) connect(ctx context.Context, b *started, fake *slacktest.Server, res *RunResult, o runOpts) error {
	wctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	go func() {
		select {
		case <-b.p.exited:
			cancel()
		case <-wctx.Done():
		}
	}()
	err := fake.WaitConnections(wctx, r.connections)
	cancel()
	if err != nil {
		return fmt.Errorf("%s did not connect: %w\n%s", b.bot, err, b.p.out)
	}
	res.StartupMS = ms(time.Since(b.p.started))
	time.Sleep(o.idleSettling)
	res.IdleRSS, _, err = memStatus(b.p.pid())
	return err
}

// warmUp checks, on a shared Redis, that the advisor keeps its keys under
// its prefix, then warms up connections, first users and caches.
func (r *runner) warmUp(ctx context.Context, b *started, d *driver, sc Scenario, o runOpts) error {
	if b.advisor() && !r.redis.private {
		// On a shared Redis, one envelope first: its de-dup key must be under
		// the run's prefix, where the clean-up will find it.
		if !wait(ctx, d.send(KindSlash), sc.Timeout) {
			return fmt.Errorf("advisor: the first slash command was not answered\n%s", b.p.out)
		}
		if ok, err := r.redis.hasKeys(ctx, b.runPrefix); err != nil {
			return err
		} else if !ok {
			return fmt.Errorf("the advisor wrote no key under KEY_PREFIX %s: it ignores KEY_PREFIX, so its keys go elsewhere in the shared Redis; stopping (use -redis private)", b.runPrefix)
		}
	}
	warm := Mix{KindSlash: 1, KindFAQ: 1, KindDM: 1, KindButton: 1, KindHome: 1}.Sequence(o.warmup, r.seed+99)
	d.runClosed(ctx, warm, 4, sc.Timeout)
	d.reset()
	return nil
}
