package pairs

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// take is a take's record as a step left it, with what the step reports.
type take struct {
	CID    string
	Code   string
	Seat   string // "a" (the inviter) or "b", the seat of the user who stepped
	Before int    // the seat's current question before the step
	Option int
	First  bool // this step expired or lapsed the take
	f      map[string]string
}

func (t *take) get(field string) string { return t.f[field] }

// other is the seat beside seat.
func other(seat string) string {
	if seat == "a" {
		return "b"
	}
	return "a"
}

func (t *take) user(seat string) string { return t.f[seat] }
func (t *take) run() string             { return t.f["run"] }
func (t *take) pairID() string          { return t.f["pid"] }

func (t *take) num(field string) int {
	n, _ := strconv.Atoi(t.f[field])
	return n
}

// answers is a seat's answers so far.
func (t *take) answers(seat string) []int { return parseAnswers(t.f["ans:"+seat]) }

func parseAnswers(s string) []int {
	if s == "" {
		return nil
	}
	var out []int
	for _, p := range strings.Split(s, ",") {
		n, err := strconv.Atoi(p)
		if err != nil {
			return nil
		}
		out = append(out, n)
	}
	return out
}

// stepArgs names one step.
type stepArgs struct {
	op       string
	user     string
	run      string // "" accepts any take
	seatRun  string // "" accepts any seat run
	question int    // -1: the current question
	arg      string
	delivery string // the Request's id: a re-run of the same delivery gets the same result
	extra    []any
}

// keep is how long a take's record outlives its last step in Redis.
func (s *Service) keep() time.Duration { return s.ttl + s.window + grace }

// step runs one atomic transition of the couple's take: one round trip.
func (s *Service) step(ctx context.Context, cid string, a stepArgs) (*take, error) {
	args := append([]any{a.op, a.user, a.run, a.seatRun, a.question, ms(s.now()), s.ttl.Milliseconds(),
		s.window.Milliseconds(), s.keep().Milliseconds(), a.arg, a.delivery}, a.extra...)
	res, err := stepScript.Run(ctx, s.rdb, []string{s.keys.take(cid), s.keys.history(cid)}, args...).StringSlice()
	if err != nil {
		return nil, fmt.Errorf("%s pair %s: %w", a.op, cid, err)
	}
	return decodeTake(cid, res)
}

func decodeTake(cid string, res []string) (*take, error) {
	t := &take{CID: cid, Code: res[0], f: map[string]string{}}
	if t.Code == "none" {
		return t, nil
	}
	if len(res) < 5 || (len(res)-5)%2 != 0 {
		return nil, fmt.Errorf("decode pair %s: %d fields", cid, len(res))
	}
	t.Seat, t.First = res[1], res[4] == "1"
	t.Before, _ = strconv.Atoi(res[2])
	t.Option, _ = strconv.Atoi(res[3])
	for i := 5; i+1 < len(res); i += 2 {
		t.f[res[i]] = res[i+1]
	}
	return t, nil
}

// load reads a couple's take without changing it; nil if there is none.
func (s *Service) load(ctx context.Context, cid string) (*take, error) {
	f, err := s.rdb.HGetAll(ctx, s.keys.take(cid)).Result()
	if err != nil {
		return nil, fmt.Errorf("read pair %s: %w", cid, err)
	}
	if len(f) == 0 {
		return nil, nil
	}
	return &take{CID: cid, f: f}, nil
}

// record stores the ts of the message showing a seat's question q, so the
// next step can update it.
func (s *Service) record(ctx context.Context, cid, user, seatRun string, q int, ts string) error {
	_, err := s.step(ctx, cid, stepArgs{op: "ts", user: user, seatRun: seatRun, question: q, arg: ts})
	return err
}

// past is one revealed take of a couple, as kept in its history.
type past struct {
	Run string `json:"run"`
	At  int64  `json:"at"` // ms
	A   string `json:"a"`
	B   string `json:"b"`
	AA  string `json:"aa"` // the answers of A and B
	AB  string `json:"ab"`
}

// history returns up to n of a couple's revealed takes, newest first.
func (s *Service) pastTakes(ctx context.Context, cid string, n int64) ([]past, error) {
	raw, err := s.rdb.LRange(ctx, s.keys.history(cid), 0, n-1).Result()
	if err != nil && !errors.Is(err, redis.Nil) {
		return nil, fmt.Errorf("read pair history %s: %w", cid, err)
	}
	var out []past
	for _, r := range raw {
		var p past
		if err := json.Unmarshal([]byte(r), &p); err != nil {
			s.log.Warn().Err(err).Str("pair", cid).Msg("skip unreadable past take")
			continue
		}
		out = append(out, p)
	}
	return out, nil
}
