package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/advisor-bot/advisor/internal/redistest"
)

// readyz asks the App's /readyz.
func (h *harness) readyz() (int, string) {
	h.t.Helper()
	res, err := http.Get("http://" + h.app.HTTPAddr() + "/readyz")
	if err != nil {
		h.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// waitReady polls /readyz (it has no signal to wait on) until it answers
// 200, and returns how long that took.
func (h *harness) waitReady(timeout time.Duration) time.Duration {
	h.t.Helper()
	start := time.Now()
	code, body := h.readyz()
	for ; code != http.StatusOK; code, body = h.readyz() {
		if time.Since(start) > timeout {
			h.t.Fatalf("got /readyz %d %q after %v, want 200", code, body, timeout)
		}
		time.Sleep(20 * time.Millisecond) // poll interval
	}
	return time.Since(start)
}

// forward accepts connections on a free loopback port from when start is
// called, and relays them to target: a Redis that comes up late.
func forward(t *testing.T, target string) (addr string, start func()) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr = ln.Addr().String()
	_ = ln.Close() // nothing listens until start
	return addr, func() {
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			t.Fatalf("listen on %s again: %v", addr, err)
		}
		t.Cleanup(func() { _ = ln.Close() })
		go func() {
			for {
				c, err := ln.Accept()
				if err != nil {
					return
				}
				go relay(c, target)
			}
		}()
	}
}

func relay(c net.Conn, target string) {
	defer c.Close()
	d, err := net.Dial("tcp", target)
	if err != nil {
		return
	}
	defer d.Close()
	go func() { _, _ = io.Copy(d, c); _ = d.Close() }()
	_, _ = io.Copy(c, d)
}

// Redis that is not there when the process starts: /readyz names the
// scheduler (and Redis) until it is, then says ready, without a restart.
func TestReadyzNamesTheSchedulerUntilRedisComesUp(t *testing.T) {
	u, err := url.Parse(redistest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	addr, start := forward(t, u.Host)
	h := startApp(t, map[string]string{"HTTP_ADDR": "127.0.0.1:0", "REDIS_URL": fmt.Sprintf("redis://%s/0", addr)})
	code, body := h.readyz()
	if code != http.StatusServiceUnavailable || !strings.Contains(body, "scheduler") || !strings.Contains(body, "redis") {
		t.Fatalf("got /readyz %d %q with Redis down, want 503 naming redis and the scheduler", code, body)
	}
	start()
	took := h.waitReady(30 * time.Second)
	t.Logf("Redis came up; /readyz said ready %v later", took.Round(time.Millisecond))
	if !h.app.sched.Running() {
		t.Fatal("ready, but the scheduler is not running")
	}
}
