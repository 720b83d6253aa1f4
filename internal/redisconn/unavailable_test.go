package redisconn

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
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
