package main

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// redisTarget is the Redis the advisor uses during the benchmark.
type redisTarget struct {
	url     string
	private bool // a redis-server started for this run: its stats are the bot's alone
	client  *redis.Client
	server  *exec.Cmd
}

// openRedis connects to url, or with url "private" starts a redis-server
// of its own on a free loopback port, without persistence.
func openRedis(ctx context.Context, url string) (*redisTarget, error) {
	t := &redisTarget{url: url}
	if url == "private" {
		port, err := freePort()
		if err != nil {
			return nil, err
		}
		t.private = true
		t.url = fmt.Sprintf("redis://127.0.0.1:%d/0", port)
		t.server = exec.Command("redis-server", "--bind", "127.0.0.1", "--port", strconv.Itoa(port),
			"--save", "", "--appendonly", "no", "--loglevel", "warning")
		if err := t.server.Start(); err != nil {
			return nil, fmt.Errorf("start a private redis-server (is it installed?): %w", err)
		}
	}
	opt, err := redis.ParseURL(t.url)
	if err != nil {
		t.close()
		return nil, fmt.Errorf("parse redis url: %w", err)
	}
	t.client = redis.NewClient(opt)
	deadline := time.Now().Add(5 * time.Second)
	for {
		err := t.client.Ping(ctx).Err()
		if err == nil {
			return t, nil
		}
		if time.Now().After(deadline) {
			t.close()
			return nil, fmt.Errorf("ping redis at %s: %w", redactURL(t.url), err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// freePort asks the kernel for a free loopback port.
func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("find a free port: %w", err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// redactURL hides a password in a Redis URL.
func redactURL(u string) string {
	if at := strings.LastIndex(u, "@"); at >= 0 {
		if scheme := strings.Index(u, "://"); scheme >= 0 && scheme < at {
			return u[:scheme+3] + "…@" + u[at+1:]
		}
	}
	return u
}

// commandStats is INFO commandstats: calls per command.
type commandStats map[string]int64

// stats reads INFO commandstats.
func (t *redisTarget) stats(ctx context.Context) (commandStats, error) {
	info, err := t.client.Info(ctx, "commandstats").Result()
	if err != nil {
		return nil, fmt.Errorf("redis info commandstats: %w", err)
	}
	out := commandStats{}
	for line := range strings.SplitSeq(info, "\n") {
		name, rest, ok := strings.Cut(strings.TrimSpace(line), ":")
		if !ok || !strings.HasPrefix(name, "cmdstat_") {
			continue
		}
		for field := range strings.SplitSeq(rest, ",") {
			if v, found := strings.CutPrefix(field, "calls="); found {
				n, _ := strconv.ParseInt(v, 10, 64)
				out[strings.TrimPrefix(name, "cmdstat_")] = n
			}
		}
	}
	return out, nil
}

// delta is after minus before, without the INFO calls this program makes.
func (after commandStats) delta(before commandStats) commandStats {
	out := commandStats{}
	for k, v := range after {
		if k == "info" {
			continue
		}
		if d := v - before[k]; d > 0 {
			out[k] = d
		}
	}
	return out
}

// total is the sum of calls.
func (s commandStats) total() int64 {
	var n int64
	for _, v := range s {
		n += v
	}
	return n
}

// perEnvelope divides every count by n.
func (s commandStats) perEnvelope(n int) map[string]float64 {
	out := map[string]float64{}
	if n == 0 {
		return out
	}
	for k, v := range s {
		out[k] = float64(v) / float64(n)
	}
	return out
}

// clean deletes every key under prefix.
func (t *redisTarget) clean(ctx context.Context, prefix string) (int, error) {
	n := 0
	iter := t.client.Scan(ctx, 0, prefix+"*", 500).Iterator()
	var batch []string
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		if err := t.client.Unlink(ctx, batch...).Err(); err != nil {
			return fmt.Errorf("delete keys under %s: %w", prefix, err)
		}
		n += len(batch)
		batch = batch[:0]
		return nil
	}
	for iter.Next(ctx) {
		batch = append(batch, iter.Val())
		if len(batch) == 500 {
			if err := flush(); err != nil {
				return n, err
			}
		}
	}
	if err := iter.Err(); err != nil {
		return n, fmt.Errorf("scan keys under %s: %w", prefix, err)
	}
	return n, flush()
}

// reset empties a private server between runs; a shared one is left alone
// (each run has its own key prefix there).
func (t *redisTarget) reset(ctx context.Context) error {
	if !t.private {
		return nil
	}
	if err := t.client.FlushAll(ctx).Err(); err != nil {
		return fmt.Errorf("flush the private redis: %w", err)
	}
	return nil
}

// hasKeys reports whether any key starts with prefix.
func (t *redisTarget) hasKeys(ctx context.Context, prefix string) (bool, error) {
	keys, _, err := t.client.Scan(ctx, 0, prefix+"*", 1000).Result()
	if err != nil {
		return false, fmt.Errorf("scan keys under %s: %w", prefix, err)
	}
	return len(keys) > 0, nil
}

// close disconnects, and stops a private server.
func (t *redisTarget) close() {
	if t.client != nil {
		_ = t.client.Close()
	}
	if t.server != nil && t.server.Process != nil {
		_ = t.server.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { _ = t.server.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(3 * time.Second):
			_ = t.server.Process.Kill()
			<-done
		}
	}
}
