package assessment

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/handlers/blockkit"
)

// reminderBatch caps the sessions one SendDueReminders call looks at.
const reminderBatch = 100

// ReminderInterval is how often RemindDue should run.
const ReminderInterval = time.Minute

// RemindDue is the reminders' scheduled job (run it every
// ReminderInterval, e.g. with scheduler.Every): SendDueReminders, logging
// how many went out.
func (s *Service) RemindDue(ctx context.Context) error {
	n, err := s.SendDueReminders(ctx)
	if n > 0 {
		s.log.Info().Int("sent", n).Msg("assessment reminders sent")
	}
	if err != nil {
		return fmt.Errorf("assessment reminders: %w", err)
	}
	return nil
}

// SendDueReminders sends the one reminder of every unfinished session idle
// for longer than the reminder delay, and counts sessions that expired
// unnoticed as abandoned. Safe to call from every replica: each due entry
// is claimed by removing it, and each session's reminder by a flag set in
// the same script that checks it. Returns the number of reminders sent.
func (s *Service) SendDueReminders(ctx context.Context) (int, error) {
	now := s.now()
	due, err := s.rdb.ZRangeByScore(ctx, s.keys.due(), &redis.ZRangeBy{
		Min: "-inf", Max: strconv.FormatInt(ms(now), 10), Count: reminderBatch,
	}).Result()
	if err != nil {
		return 0, fmt.Errorf("read due reminders: %w", err)
	}
	sent := 0
	for _, sid := range due {
		n, err := s.rdb.ZRem(ctx, s.keys.due(), sid).Result()
		if err != nil {
			return sent, fmt.Errorf("claim reminder %s: %w", sid, err)
		}
		if n == 0 {
			continue // another replica has it
		}
		ok, err := s.remindOne(ctx, sid)
		if err != nil {
			s.log.Error().Err(err).Str("session", sid).Msg("send reminder")
			continue
		}
		if ok {
			sent++
		}
	}
	return sent, nil
}

// remindOne checks one claimed session: remind it, look again later, or
// let it go.
func (s *Service) remindOne(ctx context.Context, sid string) (bool, error) {
	now := s.now()
	res, err := remindScript.Run(ctx, s.rdb, []string{s.keys.session(sid), s.keys.marker(sid)},
		ms(now), s.remind.Milliseconds()).StringSlice()
	if err != nil {
		return false, fmt.Errorf("check reminder %s: %w", sid, err)
	}
	code := res[0]
	if code == "expired" {
		if len(res) > 2 && res[2] == "1" {
			s.observer.Abandoned(res[1])
		}
		return false, nil
	}
	if code == "none" || code == "closed" || len(res) < 6 {
		return false, nil
	}
	aid, user, run := res[1], res[2], res[3]
	q, _ := strconv.Atoi(res[4])
	up, _ := strconv.ParseInt(res[5], 10, 64)
	// Look again: when the reminder is due, or after the session would
	// have expired, to count it as abandoned.
	next := up + s.remind.Milliseconds()
	if code != "later" {
		next = up + s.ttl.Milliseconds() + 1000
	}
	if err := s.rdb.ZAdd(ctx, s.keys.due(), redis.Z{Score: float64(next), Member: sid}).Err(); err != nil {
		return false, fmt.Errorf("reschedule %s: %w", sid, err)
	}
	if code != "remind" {
		return false, nil
	}
	a, ok := s.kb.AssessmentByID(aid)
	if !ok {
		return false, fmt.Errorf("remind %s: assessment %q is gone", sid, aid)
	}
	dm, err := s.sl.OpenDM(ctx, user)
	if err != nil {
		return false, fmt.Errorf("open dm for reminder %s: %w", sid, err)
	}
	text := fmt.Sprintf("You're %d of %d questions into *%s*. Want to finish it?", q, len(a.Questions), a.Title)
	v := ref{SID: sid, Run: run, Question: -1, Option: -1}.value()
	_, err = s.sl.Post(ctx, bot.Message{Channel: dm, Text: text, Blocks: []slack.Block{
		blockkit.SectionButton(text, blockkit.EmojiButton(ActionResume, v, "Resume")),
	}})
	if err != nil {
		return false, fmt.Errorf("post reminder %s: %w", sid, err)
	}
	s.log.Info().Str("session", sid).Str("user", user).Msg("assessment reminder sent")
	return true, nil
}
