package handlers

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"
)

// maxUnanswered caps the list of questions the advisor could not answer.
const maxUnanswered = 200

// Store keeps the router's own state in Redis: feedback and ask counts per
// FAQ entry, the questions it could not answer, and which channels and
// users were already greeted.
type Store struct {
	rdb    redis.Cmdable
	prefix string
	now    func() time.Time
	onMiss func()

	mu   sync.Mutex
	seen map[string]bool // FirstTime answers already false: no need to ask Redis again
}

// NewStore keeps its keys under prefix.
func NewStore(rdb redis.Cmdable, prefix string) *Store {
	return &Store{rdb: rdb, prefix: prefix + "h:", now: time.Now, onMiss: func() {}}
}

// OnUnanswered calls f for each question the advisor could not answer, for metrics.
func (s *Store) OnUnanswered(f func()) { s.onMiss = f }

func (s *Store) observeUnanswered() { s.onMiss() }

// Unanswered is a question the advisor could not answer.
type Unanswered struct {
	Text      string    `json:"text"`
	UserID    string    `json:"user"`
	ChannelID string    `json:"channel"`
	At        time.Time `json:"at"`
}

// RecordUnanswered keeps q in a capped list, newest first.
func (s *Store) RecordUnanswered(ctx context.Context, q Unanswered) error {
	q.At = s.now().UTC()
	if len(q.Text) > 500 {
		q.Text = q.Text[:500]
	}
	b, err := json.Marshal(q)
	if err != nil {
		return fmt.Errorf("encode unanswered question: %w", err)
	}
	key := s.prefix + "unanswered"
	pipe := s.rdb.TxPipeline()
	pipe.LPush(ctx, key, b)
	pipe.LTrim(ctx, key, 0, maxUnanswered-1)
	if _, err := pipe.Exec(ctx); err != nil {
		return fmt.Errorf("record unanswered question: %w", err)
	}
	return nil
}

// LatestUnanswered returns up to n unanswered questions, newest first.
func (s *Store) LatestUnanswered(ctx context.Context, n int) ([]Unanswered, error) {
	raw, err := s.rdb.LRange(ctx, s.prefix+"unanswered", 0, int64(n-1)).Result()
	if err != nil {
		return nil, fmt.Errorf("read unanswered questions: %w", err)
	}
	out := make([]Unanswered, 0, len(raw))
	for _, r := range raw {
		var q Unanswered
		if json.Unmarshal([]byte(r), &q) == nil {
			out = append(out, q)
		}
	}
	return out, nil
}

// CountAsked counts one answer given from FAQ entry id.
func (s *Store) CountAsked(ctx context.Context, id string) error {
	if err := s.rdb.HIncrBy(ctx, s.prefix+"asked", id, 1).Err(); err != nil {
		return fmt.Errorf("count asked %s: %w", id, err)
	}
	return nil
}

// Feedback counts a vote on entry id, once per user; first reports whether
// this user's vote was new.
func (s *Store) Feedback(ctx context.Context, id, userID string, up bool) (first bool, err error) {
	added, err := s.rdb.SAdd(ctx, s.prefix+"voters:"+id, userID).Result()
	if err != nil {
		return false, fmt.Errorf("record voter on %s: %w", id, err)
	}
	if added == 0 {
		return false, nil
	}
	field := "down:" + id
	if up {
		field = "up:" + id
	}
	if err := s.rdb.HIncrBy(ctx, s.prefix+"feedback", field, 1).Err(); err != nil {
		return true, fmt.Errorf("count feedback on %s: %w", id, err)
	}
	return true, nil
}

// EntryStats is how often an entry was given and rated.
type EntryStats struct {
	ID              string
	Asked, Up, Down int64
}

// Stats returns every entry with any activity.
func (s *Store) Stats(ctx context.Context) ([]EntryStats, error) {
	asked, err := s.rdb.HGetAll(ctx, s.prefix+"asked").Result()
	if err != nil {
		return nil, fmt.Errorf("read ask counts: %w", err)
	}
	fb, err := s.rdb.HGetAll(ctx, s.prefix+"feedback").Result()
	if err != nil {
		return nil, fmt.Errorf("read feedback counts: %w", err)
	}
	by := map[string]*EntryStats{}
	get := func(id string) *EntryStats {
		if by[id] == nil {
			by[id] = &EntryStats{ID: id}
		}
		return by[id]
	}
	for id, v := range asked {
		fmt.Sscan(v, &get(id).Asked)
	}
	for f, v := range fb {
		dir, id, _ := strings.Cut(f, ":")
		if dir == "up" {
			fmt.Sscan(v, &get(id).Up)
		} else {
			fmt.Sscan(v, &get(id).Down)
		}
	}
	out := make([]EntryStats, 0, len(by))
	for _, e := range by {
		out = append(out, *e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// maxSeen bounds the in-process memory of FirstTime.
const maxSeen = 100_000

// FirstTime reports whether what (e.g. "channel:C1") is seen for the first
// time, and remembers it. After the first answer for a key, this process
// stops asking Redis: a user's every DM costs no extra round trip.
func (s *Store) FirstTime(ctx context.Context, what string) (bool, error) {
	s.mu.Lock()
	known := s.seen[what]
	s.mu.Unlock()
	if known {
		return false, nil
	}
	ok, err := s.rdb.SetNX(ctx, s.prefix+"seen:"+what, 1, 0).Result()
	if err != nil {
		return false, fmt.Errorf("remember %s: %w", what, err)
	}
	s.mu.Lock()
	if s.seen == nil || len(s.seen) >= maxSeen {
		s.seen = map[string]bool{}
	}
	s.seen[what] = true
	s.mu.Unlock()
	return ok, nil
}

// Allow counts one use of action by userID and reports whether it stays
// within limit per window (a fixed window; one round trip).
func (s *Store) Allow(ctx context.Context, userID, action string, limit int, window time.Duration) (bool, error) {
	slot := s.now().UnixNano() / int64(window)
	key := fmt.Sprintf("%srl:%s:%s:%d", s.prefix, action, userID, slot)
	pipe := s.rdb.TxPipeline()
	n := pipe.Incr(ctx, key)
	pipe.Expire(ctx, key, window)
	if _, err := pipe.Exec(ctx); err != nil {
		return false, fmt.Errorf("rate limit %s for %s: %w", action, userID, err)
	}
	return n.Val() <= int64(limit), nil
}
