package scheduler

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"os"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/rs/zerolog"
)

// claims numbers this process's leases, for their tokens.
var claims atomic.Uint64

// newOwner names this process: host, pid and a random part.
func newOwner() string {
	host, _ := os.Hostname()
	var r [4]byte
	_, _ = rand.Read(r[:])
	return host + "-" + strconv.Itoa(os.Getpid()) + "-" + hex.EncodeToString(r[:])
}

// token names one lease of this process.
func (s *Scheduler) token() string {
	return s.owner + "/" + strconv.FormatUint(claims.Add(1), 10)
}

// send makes one attempt at a scheduled job: it takes the instant's lease
// (skipping an instant that is done or that another process holds), posts
// it, with the tip an earlier attempt chose if there was one, and settles
// the claim. A job still queued when the drain is over is listed as
// pending, for another process or this one's successor.
func (s *Scheduler) send(ctx context.Context, j job) {
	log := s.log.With().Str("channel", j.sub.Channel).Time("at", j.at).Logger()
	if ctx.Err() != nil {
		fresh, cancel := s.settleContext(ctx)
		defer cancel()
		if err := s.st.pend(fresh, pendingMember(j.sub.Channel, j.at), s.clock.Now(), true); err != nil {
			log.Error().Err(err).Msg("list an unsent tip as pending failed")
		}
		return
	}
	l, err := s.st.claim(ctx, j.sub.Channel, j.at, j.sub.Schedule.Location(), s.token(), s.clock.Now(), s.lease, s.claimTTL())
	if err != nil {
		log.Error().Err(err).Msg("claim tip failed")
	}
	if l == nil {
		log.Debug().Msg("tip claimed elsewhere or done; skipped")
		return
	}
	log.Debug().Int("tries", l.tries).Bool("in_doubt", l.inDoubt).Msg("tip claimed")
	j.pick, err = s.pickFor(ctx, j.sub, l)
	if err == nil {
		err = s.deliver(ctx, j, l)
	}
	fresh, cancel := s.settleContext(ctx)
	defer cancel()
	s.settle(fresh, log, j, l, err, ctx.Err() != nil)
}

// settleContext is a fresh context for the Redis writes that settle a
// claim: the run's context may be over.
func (s *Scheduler) settleContext(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(ctx), settleTimeout)
}

// pickFor returns the tip an earlier attempt chose for l, or chooses (and
// keeps) one.
func (s *Scheduler) pickFor(ctx context.Context, sub Subscription, l *lease) (Pick, error) {
	mark := "tip:" + l.key[len(s.st.prefix+"claim:"):]
	if t, ok := s.kb.Tip(l.tipID); ok && l.tipID != "" {
		return Pick{Tip: t, Reason: l.reason, Mark: mark, InDoubt: l.inDoubt}, nil
	}
	p, err := s.choose(ctx, sub, true)
	if err != nil {
		return Pick{}, err
	}
	if err := s.st.recordPick(ctx, l, p); err != nil {
		s.log.Warn().Err(err).Str("channel", sub.Channel).Msg("keep the chosen tip for retries failed")
	}
	p.Mark, p.InDoubt = mark, l.inDoubt
	return p, nil
}

// settle records how an attempt ended, on a fresh context (the run's may
// be over): posted, the instant is done; the channel closed to the bot, it
// is done without a post; a lease another process took is left to it;
// else it is given back, at once when this process is stopping, after a
// back-off otherwise (the sweep retries it while its grace lasts).
func (s *Scheduler) settle(ctx context.Context, log zerolog.Logger, j job, l *lease, err error, stopping bool) {
	var serr error
	now := s.clock.Now()
	switch {
	case err == nil:
		serr = s.st.finish(ctx, l, j.sub.Channel, j.at, true, s.claimTTL())
	case errors.Is(err, errLeaseLost):
		log.Warn().Msg("tip claim taken over by another process; left to it")
		return
	case errors.Is(err, errNoLongerDue):
		log.Info().Msg("tip not posted: its subscription was paused, skipped or removed meanwhile")
		if serr := s.st.finish(ctx, l, j.sub.Channel, j.at, false, s.claimTTL()); serr != nil {
			log.Error().Err(serr).Msg("settle tip claim failed")
		}
		return
	case errors.Is(err, ErrChannelGone) || errors.Is(err, ErrNoTips):
		log.Warn().Err(err).Msg("tip not posted; not retried")
		serr = s.st.finish(ctx, l, j.sub.Channel, j.at, false, s.claimTTL())
	case stopping:
		log.Info().Err(err).Msg("tip not posted before shutdown; given back")
		serr = s.st.release(ctx, l, now, errors.Is(err, ErrNotPosted))
	default:
		clean := errors.Is(err, ErrNotPosted)
		next := now.Add(backoff(l.tries))
		log.Error().Err(err).Int("tries", l.tries).Bool("in_doubt", !clean).Time("retry_at", next).Msg("tip post failed; given back for a retry")
		serr = s.st.release(ctx, l, next, clean)
	}
	if serr != nil {
		log.Error().Err(serr).Msg("settle tip claim failed")
	}
	if err != nil {
		s.obs.TipFailed()
	}
}

// claimTTL is how long a claim is kept: past every instant's grace.
func (s *Scheduler) claimTTL() time.Duration { return 2*s.grace + time.Hour }
