package experts

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/handlers/blockkit"
)

// ReminderInterval is how often RemindDue should run.
const ReminderInterval = time.Minute

// sweepBatch caps the requests one sweep looks at.
const sweepBatch = 100

// RemindDue is the experts' scheduled job (run it every ReminderInterval,
// e.g. with scheduler.Every): each open request gets one reminder in the
// experts channel once EXPERT_REMINDER has passed, and expires after 14
// days, its askers told. Safe on every replica: each due request is
// claimed by removing it from the due set (ZREM answers 1 to one replica
// only), and the expiry is the same first-wins close an answer uses.
func (s *Service) RemindDue(ctx context.Context) error {
	now := s.now()
	due, err := s.rdb.ZRangeByScore(ctx, s.keys.due(), &redis.ZRangeBy{
		Min: "-inf", Max: strconv.FormatInt(ms(now), 10), Count: sweepBatch}).Result()
	if err != nil {
		return fmt.Errorf("read due expert requests: %w", err)
	}
	var errs []error
	for _, rid := range due {
		n, err := s.rdb.ZRem(ctx, s.keys.due(), rid).Result()
		if err != nil {
			return fmt.Errorf("claim expert request %s: %w", rid, err)
		}
		if n == 0 {
			continue // another replica has it
		}
		if err := s.sweepOne(ctx, rid, now); err != nil {
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("expert reminders: %w", err)
	}
	return nil
}

// sweepOne reminds the experts of, or expires, one claimed request.
func (s *Service) sweepOne(ctx context.Context, rid string, now time.Time) error {
	r, err := s.loadRequest(ctx, rid)
	if errors.Is(err, errNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if r.Status != statusOpen {
		return nil
	}
	expires := r.Opened.Add(s.expiry)
	if !now.Before(expires) {
		return s.expire(ctx, r)
	}
	if !r.Reminded {
		first, err := s.rdb.HSetNX(ctx, s.keys.request(rid), "rem", "1").Result()
		if err != nil {
			return fmt.Errorf("mark %s reminded: %w", rid, err)
		}
		if first {
			s.remindOne(ctx, r)
		}
	}
	if err := s.rdb.ZAdd(ctx, s.keys.due(), redis.Z{Score: float64(ms(expires)), Member: rid}).Err(); err != nil {
		return fmt.Errorf("schedule the expiry of %s: %w", rid, err)
	}
	return nil
}

// remindOne posts the one reminder in the experts channel, with its own
// Answer button and a link to the question.
func (s *Service) remindOne(ctx context.Context, r *request) {
	text := fmt.Sprintf(":alarm_clock: Still waiting for a person, since %s:\n%s", r.Opened.UTC().Format("Mon 2 Jan 15:04 MST"), quote(r.Question))
	if r.Post != "" {
		if link, err := s.sl.Permalink(ctx, r.Channel, r.Post); err == nil && link != "" {
			text += "\n<" + link + "|The question>"
		}
	}
	_, err := s.sl.Post(ctx, bot.Message{Channel: r.Channel, Text: "A question is still waiting for a person",
		Blocks: []slack.Block{blockkit.SectionButton(text, answerButton(r.ID))}})
	if err != nil {
		s.log.Warn().Err(err).Str("request", r.ID).Msg("expert reminder")
		return
	}
	s.log.Info().Str("request", r.ID).Msg("expert reminder sent")
}

// expire closes r unanswered, tells its askers and marks the experts'
// message.
func (s *Service) expire(ctx context.Context, r *request) error {
	c, err := s.closeRequest(ctx, r, statusExpired, "", "", "sweep")
	if err != nil {
		return err
	}
	if c.code != "ok" {
		return nil // answered meanwhile
	}
	s.observer.ExpertRequestExpired()
	if r.Post != "" {
		m := bot.Message{Channel: r.Channel, Text: "Expired unanswered", Blocks: []slack.Block{
			blockkit.Section(":hourglass: *Nobody answered this one in time*\n" + quote(r.Question))}}
		if err := s.sl.Update(ctx, r.Channel, r.Post, m); err != nil {
			s.log.Warn().Err(err).Str("request", r.ID).Msg("mark expert request expired")
		}
	}
	days := int(s.expiry.Hours() / 24)
	for _, d := range destinations(c.askers) {
		text := fmt.Sprintf(":hourglass: Nobody answered your question in %d days, sorry:\n%s\nAsk me again, or ask your team directly.", days, quote(r.Question))
		m := bot.Message{Channel: d.Channel, ThreadTS: d.Thread, Text: "Nobody answered your question in time", Blocks: []slack.Block{blockkit.Section(text)}}
		if d.Where == wherePrivate {
			dm, err := s.sl.OpenDM(ctx, d.User)
			if err != nil {
				s.log.Warn().Err(err).Str("request", r.ID).Msg("tell an asker of the expiry")
				continue
			}
			m.Channel, m.ThreadTS = dm, ""
		}
		if _, err := s.sl.Post(ctx, m); err != nil {
			s.log.Warn().Err(err).Str("request", r.ID).Msg("tell an asker of the expiry")
		}
	}
	s.log.Info().Str("request", r.ID).Int("askers", len(c.askers)).Msg("expert request expired")
	return nil
}
