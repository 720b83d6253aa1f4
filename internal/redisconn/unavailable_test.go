package redisconn

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/redis/go-redis/v9"
)

func TestUnavailable(t *testing.T) {
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: &net.AddrError{Err: "connect", Addr: "127.0.0.1:6379"}}
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"recent dial failed", errRedisDown, true},
		{"connection refused", &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}, true},
		{"dial error", refused, true},
		{"pool timeout", redis.ErrPoolTimeout, true},
		{"client closed", redis.ErrClosed, true},
		{"connection cut", io.EOF, true},
		{"deadline", context.DeadlineExceeded, true},
		{"missing key", redis.Nil, false},
		{"script error", errors.New("ERR Error running script"), false},
		{"cancelled by the user", context.Canceled, false},
		{"a Slack call reset", &url.Error{Op: "Post", URL: "http://slack.test/api/chat.postMessage",
			Err: &net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}}, false},
		{"a Slack call timed out", &url.Error{Op: "Post", URL: "http://slack.test/api/chat.postMessage",
			Err: context.DeadlineExceeded}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Unavailable(fmt.Errorf("load session S1: %w", tt.err)); got != tt.want {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
		})
	}
	if Unavailable(nil) {
		t.Fatal("nil is unavailable")
	}
}

// TestUnavailableServerStates asks a server that answers every command with
// one error, as a node does while the Cluster rejoins it or while it loads
// its data: the client's typed errors are an outage, not a fault of ours.
func TestUnavailableServerStates(t *testing.T) {
	for _, tt := range []struct {
		answer string
		want   bool
	}{
		{"CLUSTERDOWN The cluster is down", true},
		{"LOADING Redis is loading the dataset in memory", true},
		{"TRYAGAIN Multiple keys request during rehashing of slot", true},
		{"MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'", true},
		{"ERR unknown command", false},
	} {
		t.Run(tt.answer, func(t *testing.T) {
			addr := answerEveryCommand(t, tt.answer)
			c := redis.NewClient(&redis.Options{Addr: addr, MaxRetries: -1, Protocol: 2, DisableIdentity: true})
			defer c.Close()
			err := c.Get(context.Background(), "k").Err()
			if err == nil {
				t.Fatal("got no error")
			}
			if got := Unavailable(fmt.Errorf("load session S1: %w", err)); got != tt.want {
				t.Fatalf("got %v for %v, want %v", got, err, tt.want)
			}
		})
	}
}

// answerEveryCommand serves RESP on a loopback port, answering each
// command (an array of bulk strings) with the error answer.
func answerEveryCommand(t *testing.T, answer string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ln.Close() })
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer conn.Close()
				r := bufio.NewReader(conn)
				for {
					line, err := r.ReadString('\n')
					if err != nil {
						return
					}
					n, _ := strconv.Atoi(strings.TrimSpace(strings.TrimPrefix(line, "*")))
					for range 2 * n { // $len and the bytes of each argument
						if _, err := r.ReadString('\n'); err != nil {
							return
						}
					}
					if _, err := io.WriteString(conn, "-"+answer+"\r\n"); err != nil {
						return
					}
				}
			}()
		}
	}()
	return ln.Addr().String()
}
