package assessment

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/advisor-bot/advisor/knowledge"
)

// stepResult is what the step script reports.
type stepResult struct {
	Code       string
	Assessment string
	Owner      string
	Run        string
	Question   int   // the current question after the step
	Before     int   // the current question before the step
	Answers    []int // answers so far, after the step
	TS         string
	Option     int
	Started    time.Time
	Origin     string
	First      bool // expired: the first time this expiry is reported
}

// stepArgs names one step.
type stepArgs struct {
	op       string
	user     string
	run      string // "" accepts any run (typed replies)
	question int    // -1: the current question (typed replies)
	arg      string // see stepScript
	delivery string // the Request's id: a re-run of the same delivery (a takeover) gets the same result
}

func (s *Service) markerTTL() time.Duration { return s.ttl + markerGrace }

// create starts a session record for a at sid. prev is the assessment of
// an active session of the same user that was replaced; busy reports an
// active session of another user there.
func (s *Service) create(ctx context.Context, sid, user, run, origin string, a *knowledge.Assessment) (prev string, busy bool, err error) {
	now := ms(s.now())
	args := []any{user, run, now, s.ttl.Milliseconds(), s.markerTTL().Milliseconds(), a.ID,
		"n", len(a.Questions), "oc", origin, "h", s.defs.hash(a)}
	for i, q := range a.Questions {
		args = append(args, "no:"+strconv.Itoa(i), len(q.Options))
	}
	res, err := createScript.Run(ctx, s.rdb, []string{s.keys.session(sid), s.keys.marker(sid)}, args...).StringSlice()
	if err != nil {
		return "", false, fmt.Errorf("create session %s: %w", sid, err)
	}
	if res[0] == "busy" {
		return "", true, nil
	}
	_, err = s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		p.Set(ctx, s.keys.user(user), sid, s.markerTTL())
		p.ZAdd(ctx, s.keys.due(), redis.Z{Score: float64(now + s.remind.Milliseconds()), Member: sid})
		return nil
	})
	if err != nil {
		return res[1], false, fmt.Errorf("index session %s: %w", sid, err)
	}
	return res[1], false, nil
}

// step runs one atomic transition of the session at sid: one round trip.
func (s *Service) step(ctx context.Context, sid string, a stepArgs) (stepResult, error) {
	args := []any{a.op, a.user, a.run, a.question, ms(s.now()), s.ttl.Milliseconds(),
		s.markerTTL().Milliseconds(), a.arg, s.defs.all, a.delivery}
	res, err := stepScript.Run(ctx, s.rdb, []string{s.keys.session(sid), s.keys.marker(sid)}, args...).StringSlice()
	if err != nil {
		return stepResult{}, fmt.Errorf("%s session %s: %w", a.op, sid, err)
	}
	return decodeStep(res)
}

func decodeStep(res []string) (stepResult, error) {
	r := stepResult{Code: res[0]}
	switch {
	case r.Code == "none":
		return r, nil
	case r.Code == "expired" && len(res) >= 3:
		r.Assessment, r.First = res[1], res[2] == "1"
		return r, nil
	case len(res) < 11:
		return r, fmt.Errorf("decode step: %d fields", len(res))
	}
	r.Assessment, r.Owner, r.Run, r.TS, r.Origin = res[1], res[2], res[3], res[6], res[9]
	r.Question, _ = strconv.Atoi(res[4])
	r.Option, _ = strconv.Atoi(res[7])
	r.Before, _ = strconv.Atoi(res[10])
	t0, _ := strconv.ParseInt(res[8], 10, 64)
	r.Started = time.UnixMilli(t0)
	if res[5] != "" {
		for _, p := range strings.Split(res[5], ",") {
			n, err := strconv.Atoi(p)
			if err != nil {
				return r, fmt.Errorf("decode answers %q: %w", res[5], err)
			}
			r.Answers = append(r.Answers, n)
		}
	}
	return r, nil
}

// record stores the ts of the message showing question q, so a typed
// answer can update it later.
func (s *Service) record(ctx context.Context, sid, user, run string, q int, ts string) error {
	_, err := s.step(ctx, sid, stepArgs{op: "ts", user: user, run: run, question: q, arg: ts})
	return err
}

// activeSession returns the id of the user's latest session, "" if none.
func (s *Service) activeSession(ctx context.Context, user string) (string, error) {
	sid, err := s.rdb.Get(ctx, s.keys.user(user)).Result()
	if errors.Is(err, redis.Nil) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("find session of %s: %w", user, err)
	}
	return sid, nil
}

// saveOutcome adds o to the user's history and drops what is too old. An
// outcome already there (the same run finished again by a re-run of its
// last answer) is not added twice.
func (s *Service) saveOutcome(ctx context.Context, user string, o *Outcome) error {
	b, err := json.Marshal(o)
	if err != nil {
		return fmt.Errorf("encode outcome %s: %w", o.ID, err)
	}
	key := s.keys.history(user)
	err = saveOutcomeScript.Run(ctx, s.rdb, []string{key}, b, o.ID, historyLen, s.history.Milliseconds()).Err()
	if err != nil {
		return fmt.Errorf("save outcome %s of %s: %w", o.ID, user, err)
	}
	return nil
}

// outcomes returns up to n of the user's outcomes, newest first, skipping
// any older than the history TTL.
func (s *Service) outcomes(ctx context.Context, user string, n int64) ([]*Outcome, error) {
	raw, err := s.rdb.LRange(ctx, s.keys.history(user), 0, n-1).Result()
	if err != nil {
		return nil, fmt.Errorf("read history of %s: %w", user, err)
	}
	cutoff := s.now().Add(-s.history)
	var out []*Outcome
	for _, r := range raw {
		var o Outcome
		if err := json.Unmarshal([]byte(r), &o); err != nil {
			s.log.Warn().Err(err).Str("user", user).Msg("skip unreadable outcome")
			continue
		}
		if o.At.Before(cutoff) {
			continue
		}
		out = append(out, &o)
	}
	return out, nil
}
