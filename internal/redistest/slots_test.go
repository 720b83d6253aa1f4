package redistest

import (
	"context"
	"strings"
	"testing"

	"github.com/redis/go-redis/v9"
)

func TestSlotMatchesRedisCluster(t *testing.T) {
	tests := []struct {
		key  string
		want int
	}{
		{"123456789", 0x31C3}, // the CRC16 check value of the Cluster spec
		{"foo", 12182},
		{"bar", 5061},
		{"{user1000}.following", 3443},
		{"{user1000}.followers", 3443},
		{"foo{}{bar}", Slot("foo{}{bar}")}, // an empty tag: the whole key
	}
	for _, tt := range tests {
		if got := Slot(tt.key); got != tt.want {
			t.Errorf("Slot(%q) got %d, want %d", tt.key, got, tt.want)
		}
	}
	if Slot("foo{}{bar}") == Slot("bar") {
		t.Error("an empty hash tag must not be skipped over")
	}
}

func TestClientsFailCrossSlotLikeACluster(t *testing.T) {
	c, prefix := New(t)
	ctx := context.Background()
	a, b := prefix+"a", prefix+"b" // slots differ for these two
	if Slot(a) == Slot(b) {
		t.Skip("the random prefix put both keys in one slot")
	}
	tests := []struct {
		name string
		err  func() error
	}{
		{"DEL", func() error { return c.Del(ctx, a, b).Err() }},
		{"EVAL", func() error { return c.Eval(ctx, "return 1", []string{a, b}).Err() }},
		{"MULTI", func() error {
			_, err := c.TxPipelined(ctx, func(p redis.Pipeliner) error {
				p.Set(ctx, a, 1, 0)
				p.Set(ctx, b, 1, 0)
				return nil
			})
			return err
		}},
	}
	for _, tt := range tests {
		if err := tt.err(); err == nil || !strings.Contains(err.Error(), "CROSSSLOT") {
			t.Errorf("%s over two slots: got %v, want CROSSSLOT", tt.name, err)
		}
	}
	tag := prefix + "{t}"
	if err := c.Del(ctx, tag+"a", tag+"b").Err(); err != nil {
		t.Errorf("DEL in one hash tag: got %v, want it allowed", err)
	}
	p := c.Pipeline()
	p.Del(ctx, a)
	p.Del(ctx, b)
	if _, err := p.Exec(ctx); err != nil {
		t.Errorf("a plain pipeline over two slots: got %v, want it allowed (the cluster client splits it)", err)
	}
}
