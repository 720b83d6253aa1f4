package handlers

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// assistantTTL is how long an assistant thread is remembered after its
// last message: the pane lists old threads, and a user may come back.
const assistantTTL = 30 * 24 * time.Hour

// AssistantThread is what the router remembers of a thread in the
// assistant pane: the channel the user looked at, and whether the thread
// has its title yet.
type AssistantThread struct {
	Context string
	Titled  bool
}

func (s *Store) assistantKey(channel, thread string) string {
	return s.prefix + "assist:" + channel + ":" + thread
}

// SaveAssistantThread remembers an assistant thread and the channel the
// user is looking at beside it ("" for none).
func (s *Store) SaveAssistantThread(ctx context.Context, channel, thread, contextChannel string) error {
	key := s.assistantKey(channel, thread)
	pipe := s.rdb.TxPipeline()
	pipe.HSet(ctx, key, "ctx", contextChannel)
	pipe.Expire(ctx, key, assistantTTL)
	if _, err := pipe.Exec(ctx); err != nil {
		return fmt.Errorf("save assistant thread %s %s: %w", channel, thread, err)
	}
	return nil
}

// AssistantThreadOf returns the assistant thread at channel and thread, and
// whether it is one.
func (s *Store) AssistantThreadOf(ctx context.Context, channel, thread string) (AssistantThread, bool, error) {
	key := s.assistantKey(channel, thread)
	vals, err := s.rdb.HMGet(ctx, key, "ctx", "titled").Result()
	if errors.Is(err, redis.Nil) || (err == nil && vals[0] == nil) {
		return AssistantThread{}, false, nil
	}
	if err != nil {
		return AssistantThread{}, false, fmt.Errorf("load assistant thread %s %s: %w", channel, thread, err)
	}
	c, _ := vals[0].(string)
	s.rdb.Expire(ctx, key, assistantTTL) // in use: keep it
	return AssistantThread{Context: c, Titled: vals[1] != nil}, true, nil
}

// TitleOnce reports whether the thread had no title yet, marking it as
// titled: the first question names the thread, later ones do not.
func (s *Store) TitleOnce(ctx context.Context, channel, thread string) (bool, error) {
	first, err := s.rdb.HSetNX(ctx, s.assistantKey(channel, thread), "titled", "1").Result()
	if err != nil {
		return false, fmt.Errorf("title assistant thread %s %s: %w", channel, thread, err)
	}
	return first, nil
}
