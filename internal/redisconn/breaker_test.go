package redisconn

import (
	"context"
	"errors"
	"fmt"
	"net"
	"testing"
	"time"
)

func TestDialBreakerFailsFastThenRetries(t *testing.T) {
	now := time.Unix(1000, 0)
	b := &dialBreaker{now: func() time.Time { return now }}
	dials := 0
	down := true
	dial := b.DialHook(func(context.Context, string, string) (net.Conn, error) {
		dials++
		if down {
			return nil, errors.New("connection refused")
		}
		c1, c2 := net.Pipe()
		c2.Close()
		return c1, nil
	})
	ctx := context.Background()
	if _, err := dial(ctx, "tcp", "x"); err == nil || dials != 1 {
		t.Fatalf("got %v after %d dials, want the real failure", err, dials)
	}
	if _, err := dial(ctx, "tcp", "x"); !errors.Is(err, errRedisDown) || dials != 1 {
		t.Fatalf("got %v after %d dials, want a fast failure without dialing", err, dials)
	}
	now = now.Add(breakerCooldown + time.Millisecond)
	down = false
	c, err := dial(ctx, "tcp", "x")
	if err != nil || dials != 2 {
		t.Fatalf("got %v after %d dials, want a real dial after the cooldown", err, dials)
	}
	c.Close()
	if _, err := dial(ctx, "tcp", "x"); err != nil || dials != 3 {
		t.Fatalf("got %v, want healthy dials once Redis is back", err)
	}
}

func TestRedisDownIsUnavailableAndANetworkError(t *testing.T) {
	wrapped := fmt.Errorf("mark delivery: %w", errRedisDown)
	if !errors.Is(wrapped, ErrUnavailable) || !Unavailable(wrapped) {
		t.Fatal("errRedisDown is not ErrUnavailable: the handlers would not see a storage outage")
	}
	var ne net.Error
	if !errors.As(wrapped, &ne) {
		t.Fatal("errRedisDown is not a net.Error, as go-redis sees a failed dial")
	}
}
