package scheduler

import (
	"context"
	"errors"
	"hash/fnv"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/advisor-bot/advisor/knowledge"
)

// weakPool names the rotation of a personal subscription's weak topics.
const weakPool = "weak:"

// ErrNoTips is returned when no tip matches a subscription's audience.
var ErrNoTips = errors.New("no tips for this audience")

// Weakness names the topics a user's latest assessment scored lowest on,
// weakest first, and a sentence saying so. The assessments service
// implements it; topics is empty when the user has no assessment.
type Weakness interface {
	WeakestTopics(ctx context.Context, userID string) (topics []string, reason string, err error)
}

// Pick is the tip chosen for a post, and why when it was chosen for the user.
type Pick struct {
	Tip    *knowledge.Tip
	Reason string // personal tips chosen from an assessment; "" otherwise
	// Mark names a scheduled post (channel and instant), the same on every
	// attempt, so that the Poster can label the message with it and look
	// it up; "" for `tips now`.
	Mark string
	// InDoubt says an earlier attempt may have posted it (the process died
	// or the connection failed mid-post): the Poster looks for Mark before
	// posting again.
	InDoubt bool
}

// tipsFor returns the tips for an audience ("" = all), sorted by id so that
// the rotation does not change when the knowledge files are reordered.
func tipsFor(kb *knowledge.Base, audience string) []*knowledge.Tip {
	out := kb.TipsFor(audience)
	slices.SortFunc(out, func(a, b *knowledge.Tip) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// tipsInTopics returns the tips on the given topics, in a stable order.
func tipsInTopics(kb *knowledge.Base, topics []string) []*knowledge.Tip {
	var out []*knowledge.Tip
	for _, t := range tipsFor(kb, "") {
		if slices.Contains(topics, t.Topic) {
			out = append(out, t)
		}
	}
	return out
}

// pickAt returns the tip at rotation position pos: each cycle of len(tips)
// positions is a permutation shuffled by channel and cycle, so a channel
// sees every tip once before any repeats, in its own order.
func pickAt(tips []*knowledge.Tip, channel string, pos int64) *knowledge.Tip {
	n := int64(len(tips))
	cycle, i := pos/n, pos%n
	h := fnv.New64a()
	_, _ = h.Write([]byte(channel))
	r := rand.New(rand.NewPCG(h.Sum64(), uint64(cycle)))
	return tips[r.Perm(int(n))[i]]
}

// choose picks the next tip for sub; advance moves the rotation on (a post)
// or leaves it (a preview).
func (s *Scheduler) choose(ctx context.Context, sub Subscription, advance bool) (Pick, error) {
	if sub.Personal && s.weak != nil {
		topics, reason, err := s.weak.WeakestTopics(ctx, sub.User)
		if err != nil {
			s.log.Warn().Err(err).Str("user", sub.User).Msg("weakest topics failed; plain rotation")
		} else if pool := tipsInTopics(s.kb, topics); len(pool) > 0 {
			tip, err := s.at(ctx, pool, sub.Channel, weakPool, advance)
			if err != nil {
				return Pick{}, err
			}
			return Pick{Tip: tip, Reason: reason}, nil
		}
	}
	pool := tipsFor(s.kb, sub.Audience)
	if len(pool) == 0 {
		return Pick{}, ErrNoTips
	}
	tip, err := s.at(ctx, pool, sub.Channel, "", advance)
	if err != nil {
		return Pick{}, err
	}
	return Pick{Tip: tip}, nil
}

func (s *Scheduler) at(ctx context.Context, pool []*knowledge.Tip, channel, name string, advance bool) (*knowledge.Tip, error) {
	var pos int64
	var err error
	if advance {
		pos, err = s.st.nextCursor(ctx, channel, name)
	} else {
		pos, err = s.st.peekCursor(ctx, channel, name)
	}
	if err != nil {
		return nil, err
	}
	return pickAt(pool, channel, pos), nil
}
