package experts

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// Where an answer goes back to.
const (
	whereThread  = "thread"  // a channel thread: posted in it
	whereDM      = "dm"      // the asker's DM with the advisor (in its thread, for the assistant pane)
	wherePrivate = "private" // asked privately (slash command, message shortcut, an ephemeral answer): a DM
)

// origin is one asker and where they asked.
type origin struct {
	User      string `json:"u"`
	Channel   string `json:"c"`
	Thread    string `json:"t,omitempty"` // the thread the answer goes in
	MessageTS string `json:"m,omitempty"` // the message asked in, for a permalink
	Where     string `json:"w"`
}

// offer is what an Ask a person button stands for: the question, the entry
// a 👎 was about, and where it was asked.
type offer struct {
	Question string `json:"q"`
	Entry    string `json:"e,omitempty"`
	Origin   origin `json:"o"`
}

// request is one question put to the experts.
type request struct {
	ID       string
	Question string
	Key      string
	Entry    string
	Status   string // open, answered, expired
	Opened   time.Time
	Channel  string // the experts channel it was posted in
	Post     string // the experts' message
	Answer   string
	Expert   string
	Closed   time.Time
	Reminded bool
}

// Request statuses.
const (
	statusOpen     = "open"
	statusAnswered = "answered"
	statusExpired  = "expired"
	statusUnposted = "unposted" // the experts' post failed: as if never asked
)

// errNotFound is a request or offer that is gone (expired, or never was).
var errNotFound = errors.New("expert request not found")

func ms(t time.Time) int64 { return t.UnixMilli() }

func fromMS(s string) time.Time {
	n, _ := strconv.ParseInt(s, 10, 64)
	if n == 0 {
		return time.Time{}
	}
	return time.UnixMilli(n)
}

// saveOffer keeps an offer for as long as a request could stay open.
func (s *Service) saveOffer(ctx context.Context, o offer) (string, error) {
	b, err := json.Marshal(o)
	if err != nil {
		return "", fmt.Errorf("encode offer: %w", err)
	}
	qid := newID()
	if err := s.rdb.Set(ctx, s.keys.offer(qid), b, s.expiry).Err(); err != nil {
		return "", fmt.Errorf("save offer: %w", err)
	}
	return qid, nil
}

func (s *Service) loadOffer(ctx context.Context, qid string) (offer, error) {
	var o offer
	if !validID(qid) {
		return o, errNotFound
	}
	b, err := s.rdb.Get(ctx, s.keys.offer(qid)).Bytes()
	if errors.Is(err, redis.Nil) {
		return o, errNotFound
	}
	if err != nil {
		return o, fmt.Errorf("load offer %s: %w", qid, err)
	}
	if err := json.Unmarshal(b, &o); err != nil {
		return o, fmt.Errorf("decode offer %s: %w", qid, err)
	}
	return o, nil
}

func (s *Service) loadRequest(ctx context.Context, rid string) (*request, error) {
	if !validID(rid) {
		return nil, errNotFound
	}
	h, err := s.rdb.HGetAll(ctx, s.keys.request(rid)).Result()
	if err != nil {
		return nil, fmt.Errorf("load expert request %s: %w", rid, err)
	}
	if len(h) == 0 {
		return nil, errNotFound
	}
	return &request{ID: rid, Question: h["q"], Key: h["key"], Entry: h["entry"], Status: h["status"],
		Opened: fromMS(h["opened"]), Channel: h["ch"], Post: h["post"], Answer: h["answer"], Expert: h["expert"],
		Closed: fromMS(h["closed"]), Reminded: h["rem"] == "1"}, nil
}

func (s *Service) loadAskers(ctx context.Context, rid string) ([]origin, error) {
	raw, err := s.rdb.LRange(ctx, s.keys.askers(rid), 0, -1).Result()
	if err != nil {
		return nil, fmt.Errorf("load askers of %s: %w", rid, err)
	}
	return decodeAskers(raw), nil
}

func decodeAskers(raw []string) []origin {
	out := make([]origin, 0, len(raw))
	for _, r := range raw {
		var o origin
		if json.Unmarshal([]byte(r), &o) == nil && userOK(o.User) {
			out = append(out, o)
		}
	}
	return out
}

// ttl is how long a request's keys live: open until expiry, then readable
// a while.
func (s *Service) ttl() time.Duration { return s.expiry + grace }
