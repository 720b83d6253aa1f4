package pairs

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/handlers/blockkit"
)

// ReminderInterval is how often RemindDue should run.
const ReminderInterval = time.Minute

// sweepBatch caps the takes one sweep looks at.
const sweepBatch = 100

// schedule sets when a couple's take is next checked (its reminders,
// expiry and lapse). The due set lives as long as a take's record after its
// last change: every entry in it is due before that, and a set nobody added
// to for so long only names takes that are gone.
func (s *Service) schedule(ctx context.Context, cid string, atMS int64) error {
	_, err := s.rdb.TxPipelined(ctx, func(pl redis.Pipeliner) error {
		pl.ZAdd(ctx, s.keys.due(), redis.Z{Score: float64(atMS), Member: cid})
		pl.PExpire(ctx, s.keys.due(), s.keep())
		return nil
	})
	if err != nil {
		return fmt.Errorf("schedule pair %s: %w", cid, err)
	}
	return nil
}

// RemindDue is the pairs' scheduled job (run it every ReminderInterval,
// e.g. with scheduler.Every): SendDueReminders, logging what it did.
func (s *Service) RemindDue(ctx context.Context) error {
	n, err := s.SendDueReminders(ctx)
	if n > 0 {
		s.log.Info().Int("sent", n).Msg("pair reminders sent")
	}
	if err != nil {
		return fmt.Errorf("pair reminders: %w", err)
	}
	return nil
}

// SendDueReminders sends each seat still answering and idle past the
// reminder delay its one reminder, and tells the people concerned when an
// invitation expired or a take lapsed. Safe on every replica: each due
// entry is claimed by removing it, each reminder by a flag the sweep
// script sets as it checks. Returns the number of messages sent.
func (s *Service) SendDueReminders(ctx context.Context) (int, error) {
	now := s.now()
	due, err := s.rdb.ZRangeByScore(ctx, s.keys.due(), &redis.ZRangeBy{
		Min: "-inf", Max: strconv.FormatInt(ms(now), 10), Count: sweepBatch}).Result()
	if err != nil {
		return 0, fmt.Errorf("read due pairs: %w", err)
	}
	sent := 0
	for _, cid := range due {
		n, err := s.rdb.ZRem(ctx, s.keys.due(), cid).Result()
		if err != nil {
			return sent, fmt.Errorf("claim pair %s: %w", cid, err)
		}
		if n == 0 {
			continue // another replica has it
		}
		k, err := s.sweepOne(ctx, cid)
		if err != nil {
			s.log.Error().Err(err).Str("pair", cid).Msg("pair sweep")
		}
		sent += k
	}
	return sent, nil
}

// sweepOne checks one claimed take and sends what is due.
func (s *Service) sweepOne(ctx context.Context, cid string) (int, error) {
	res, err := sweepScript.Run(ctx, s.rdb, []string{s.keys.take(cid)}, ms(s.now()), s.remind.Milliseconds(),
		s.ttl.Milliseconds(), s.window.Milliseconds()).StringSlice()
	if err != nil || len(res) < 3 {
		return 0, fmt.Errorf("sweep pair %s: %w (%d fields)", cid, err, len(res))
	}
	if next, _ := strconv.ParseInt(res[2], 10, 64); next > 0 {
		if err := s.schedule(ctx, cid, next); err != nil {
			return 0, err
		}
	}
	code := res[0]
	if code != "remind" && code != "expired" && code != "lapsed" {
		return 0, nil
	}
	t, err := s.load(ctx, cid)
	if err != nil || t == nil {
		return 0, err
	}
	title := s.title(t)
	switch code {
	case "expired":
		s.tellWith(ctx, t, "a", fmt.Sprintf("Your invitation to <@%s> for *%s* expired: nobody accepted it in time.", t.user("b"), title),
			blockkit.Button(blockkit.ActionPairAgain, cid, "Invite again"))
		return 1, nil
	case "lapsed":
		for _, seat := range []string{"a", "b"} {
			s.tell(ctx, t, seat, fmt.Sprintf("*%s* with <@%s> timed out: nobody answered for too long. Nothing was shared.", title, t.user(other(seat))))
		}
		return 2, nil
	}
	sent := 0
	for _, seat := range strings.Split(res[1], ",") {
		q, n := t.num("q:"+seat), t.num("n")
		v := ref{CID: cid, Run: t.run(), SeatRun: t.get("r:" + seat), Question: -1, Option: -1}.value()
		s.tellWith(ctx, t, seat, fmt.Sprintf("You're %d of %d questions into *%s* with <@%s>. Want to finish it?", q, n, title, t.user(other(seat))),
			blockkit.Button(ActionResume, v, "Resume"))
		sent++
	}
	return sent, nil
}

// tellWith posts text with a button beside it in the seat's DM.
func (s *Service) tellWith(ctx context.Context, t *take, seat, text string, b *slack.ButtonBlockElement) {
	dm, err := s.dm(ctx, t, seat)
	if err == nil {
		_, err = s.sl.Post(ctx, bot.Message{Channel: dm, Text: text, Blocks: []slack.Block{blockkit.SectionButton(text, b)}})
	}
	if err != nil {
		s.log.Warn().Err(err).Str("pair", t.CID).Str("seat", seat).Msg("pair notice")
	}
}
