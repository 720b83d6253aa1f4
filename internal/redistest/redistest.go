// Package redistest gives tests a real Redis: REDIS_URL if set, else the
// server at 127.0.0.1:6379 if it answers, else an embedded miniredis server
// in the process. The test log says which one is used. Each test gets its own
// key prefix, and its keys are deleted when it ends.
package redistest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"
)

var (
	once   sync.Once
	addrs  string // "url:..." or "embedded"
	mini   *miniredis.Miniredis
	usable string
)

// Server describes which Redis the tests run against, for logs.
func Server() string {
	pick()
	return addrs
}

func pick() {
	once.Do(func() {
		if u := os.Getenv("REDIS_URL"); u != "" {
			usable, addrs = u, "REDIS_URL "+redact(u)
			return
		}
		const local = "redis://127.0.0.1:6379/0"
		opt, _ := redis.ParseURL(local)
		c := redis.NewClient(opt)
		ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
		defer cancel()
		if err := c.Ping(ctx).Err(); err == nil {
			usable, addrs = local, "real redis-server at 127.0.0.1:6379"
			_ = c.Close()
			return
		}
		_ = c.Close()
		m, err := miniredis.Run()
		if err != nil {
			panic("redistest: no Redis reachable and miniredis failed: " + err.Error())
		}
		mini = m
		usable, addrs = "redis://"+m.Addr(), "embedded miniredis (no Redis server reachable)"
	})
}

func redact(u string) string {
	opt, err := redis.ParseURL(u)
	if err != nil {
		return "(unparsable)"
	}
	return opt.Addr
}

// URL returns the redis:// URL tests should use.
func URL(t testing.TB) string {
	t.Helper()
	pick()
	t.Logf("redis: %s", addrs)
	return usable
}

// New returns a client and a unique key prefix for this test. Every key
// under the prefix is deleted, and the client closed, when the test ends.
// The client fails a command whose keys lie in more than one Cluster hash
// slot (CROSSSLOT), as Redis Cluster does.
func New(t testing.TB) (*redis.Client, string) {
	t.Helper()
	opt, err := redis.ParseURL(URL(t))
	if err != nil {
		t.Fatalf("parse redis url: %v", err)
	}
	c := redis.NewClient(opt)
	c.AddHook(crossSlot{})
	prefix := Prefix(t)
	t.Cleanup(func() {
		Clean(t, c, prefix)
		_ = c.Close()
	})
	return c, prefix
}

// Prefix returns a unique key prefix such as "test:1a2b3c4d:".
func Prefix(t testing.TB) string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return "test:" + hex.EncodeToString(b) + ":"
}

// Clean deletes every key that contains prefix (keys may wrap the prefix in
// a hash tag, so the match is on the substring).
func Clean(t testing.TB, c redis.UniversalClient, prefix string) {
	ctx := context.Background()
	var keys []string
	iter := c.Scan(ctx, 0, "*"+prefix+"*", 1000).Iterator()
	for iter.Next(ctx) {
		keys = append(keys, iter.Val())
	}
	for _, k := range keys {
		c.Del(ctx, k)
	}
}
