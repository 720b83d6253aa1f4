package bot

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/rs/zerolog"
	"github.com/slack-go/slack"
)

// ErrLeaseLost ends a delivery that another replica took over (this one
// was too slow to renew its lease): the other one delivers it.
var ErrLeaseLost = errors.New("journal: another replica took this delivery over")

// delivery numbers the posts made while one envelope is handled (by the
// handler and by Deliver), so that a re-run after a takeover skips the
// posts an earlier run made. Idempotent calls (chat.update, views.publish,
// conversations.open) are simply made again.
type delivery struct {
	j     *Journal
	id    string
	retry bool // a failure with ErrRetryLater runs it again (see Retriable)
	n     atomic.Int32

	// last, once the handler has returned a reply with nothing after it,
	// holds the record of the post just made instead of writing it at once:
	// the next journal write of this delivery carries it (the next call's
	// claim, or Done, which makes it moot), so the reply's last post costs
	// no round trip of its own. Nothing but the reply's own delivery runs
	// in between, so a crash there leaves the post pending, in doubt, as a
	// crash before its record always did.
	lazy atomic.Bool
	mu   sync.Mutex
	last *callRecord
}

// lastUnrecorded lets the posts that deliver r leave their record to the
// delivery's next journal write, when nothing runs after r is delivered.
func (d *delivery) lastUnrecorded(r Reply) {
	if d != nil && r.After == nil {
		d.lazy.Store(true)
	}
}

// takeLast returns and clears the post not recorded yet, if any.
func (d *delivery) takeLast() *callRecord {
	if d == nil {
		return nil
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	r := d.last
	d.last = nil
	return r
}

func (d *delivery) putLast(r *callRecord) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.last == nil {
		d.last = r
	}
}

type deliveryKey struct{}

func withDelivery(ctx context.Context, d *delivery) context.Context {
	return context.WithValue(ctx, deliveryKey{}, d)
}

func deliveryFrom(ctx context.Context) *delivery {
	d, _ := ctx.Value(deliveryKey{}).(*delivery)
	return d
}

// postFunc makes one post; mark names it (delivery id and number) for a
// later look-up, "" outside a delivery.
type postFunc func(ctx context.Context, mark string) (string, error)

// findFunc looks a post up by its mark: its result, and whether Slack has it.
type findFunc func(ctx context.Context, mark string) (string, bool, error)

// once makes a post at most once per delivery as far as the journal can
// tell: a post recorded as made is skipped (its result returned); one begun
// and never recorded (the process died, or the connection failed after the
// request went out) is looked up with find where Slack allows, else sent
// again, logged as in doubt. Journal failures fail open: the post is made.
func (d *delivery) once(ctx context.Context, method, target string, post postFunc, find findFunc) (string, error) {
	if d == nil || d.j == nil {
		return post(ctx, "")
	}
	k := int(d.n.Add(1))
	sig := method + ":" + target
	mark := d.id + "/" + strconv.Itoa(k)
	log := zerolog.Ctx(ctx)
	prev := d.takeLast()
	state, rec, err := d.j.claimCall(ctx, d.id, k, sig, prev)
	if err != nil {
		if prev != nil {
			d.finish(ctx, prev)
		}
		log.Warn().Err(err).Str("call", sig).Msg("journal unavailable; posting unrecorded")
		return post(ctx, mark)
	}
	switch state {
	case callLost:
		return "", ErrLeaseLost
	case callGone:
		return post(ctx, mark)
	case callSeen:
		kind, rest, _ := strings.Cut(rec, " ")
		rsig, result, _ := strings.Cut(rest, " ")
		if rsig != sig {
			log.Warn().Str("call", sig).Str("recorded", rsig).Int("n", k).Msg("re-run diverged from the recorded calls; posting unrecorded")
			return post(ctx, mark)
		}
		if kind == callDone {
			log.Debug().Str("call", sig).Int("n", k).Msg("already posted by an earlier run; skipped")
			return result, nil
		}
		if res, found, ferr := d.find(ctx, find, mark); ferr == nil && found {
			log.Info().Str("call", sig).Int("n", k).Msg("in-doubt post found in Slack; not posted again")
			d.finish(ctx, &callRecord{k, sig, res})
			return res, nil
		} else if ferr != nil || find == nil {
			log.Warn().Err(ferr).Str("call", sig).Int("n", k).Bool("in_doubt", true).
				Msg("an earlier run may have made this post and Slack cannot say; posting again")
		}
	}
	res, err := post(ctx, mark)
	if err != nil {
		if NotSent(err) || refused(err) {
			_ = d.j.forgetCall(ctx, d.id, k) // provably not made: a retry is not in doubt
		}
		return "", err
	}
	if r := (&callRecord{k, sig, res}); d.lazy.Load() {
		d.putLast(r)
	} else {
		d.finish(ctx, r)
	}
	return res, nil
}

func (d *delivery) find(ctx context.Context, find findFunc, mark string) (string, bool, error) {
	if find == nil {
		return "", false, nil
	}
	return find(ctx, mark)
}

func (d *delivery) finish(ctx context.Context, r *callRecord) {
	if err := d.j.finishCall(ctx, d.id, r); err != nil {
		zerolog.Ctx(ctx).Warn().Err(err).Str("call", r.sig).Msg("journal: post made but not recorded")
	}
}

// refused reports whether Slack answered err and did not act: an ok:false
// answer, a rate limit, or an error status other than 504.
func refused(err error) bool {
	var se slack.SlackErrorResponse
	var rl *slack.RateLimitedError
	var sc slack.StatusCodeError
	switch {
	case errors.As(err, &se), errors.As(err, &rl):
		return true
	case errors.As(err, &sc):
		return sc.Code != http.StatusGatewayTimeout
	}
	return false
}

// permanent reports whether retrying a failed delivery cannot help: Slack
// refused it for what it is (ok:false, a 4xx), not for a passing reason.
func permanent(err error) bool {
	var se slack.SlackErrorResponse
	var sc slack.StatusCodeError
	switch {
	case errors.As(err, &se):
		return se.Err != "ratelimited" && se.Err != "internal_error" && se.Err != "fatal_error" && se.Err != "service_unavailable"
	case errors.As(err, &sc):
		return sc.Code >= 400 && sc.Code < 500 && sc.Code != http.StatusTooManyRequests
	}
	return false
}
