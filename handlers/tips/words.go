package tips

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/advisor-bot/advisor/handlers/blockkit"
	"github.com/advisor-bot/advisor/scheduler"
)

// UserError is an error whose text is meant for the user: what is wrong and
// an example that works.
type UserError struct{ Msg string }

// Error returns the user-facing sentence.
func (e *UserError) Error() string { return e.Msg }

// userErr builds a UserError, escaping string arguments (they echo user
// input) for Slack.
func userErr(format string, args ...any) error {
	for i, a := range args {
		if s, ok := a.(string); ok {
			args[i] = escape(s)
		}
	}
	return &UserError{Msg: fmt.Sprintf(format, args...)}
}

func escape(s string) string { return blockkit.Echo(s, 0) }

// explain turns the scheduler's reason for refusing a schedule into a
// UserError with an example; other errors pass through.
func explain(err error) error {
	var se *scheduler.ScheduleError
	if !errors.As(err, &se) {
		return err
	}
	switch {
	case errors.Is(err, scheduler.ErrUnreadable):
		return userErr("I couldn't read the cron expression `%s` (%s). Example: `tips subscribe cron \"0 9 * * 1\"`.", se.Spec, se.Err.Error())
	case errors.Is(err, scheduler.ErrNotFixedTime):
		return userErr("Only cron expressions with fixed times are supported. Example: `tips subscribe cron \"0 9 * * 1\"`.")
	case errors.Is(err, scheduler.ErrTooOften):
		return userErr("`%s` fires more than once an hour; tips can be posted at most hourly. Example: `tips subscribe cron \"0 9 * * 1-5\"`.", se.Spec)
	case errors.Is(err, scheduler.ErrNeverFires):
		return userErr("`%s` never fires (check the day and month). Example: `tips subscribe cron \"0 9 1 * *\"` for the 1st of every month.", se.Spec)
	}
	return err
}

// describe says a schedule in words, e.g. "weekly, Mondays 09:00 Europe/Berlin".
func describe(s scheduler.Schedule) string {
	hm := fmt.Sprintf("%02d:%02d", s.Hour, s.Minute)
	switch s.Kind {
	case scheduler.KindWeekly:
		if len(s.Days) > 0 {
			return fmt.Sprintf("weekly, %s %s %s", dayList(s.Days), hm, s.TZ)
		}
		return fmt.Sprintf("weekly, %ss %s %s", s.Weekday, hm, s.TZ)
	case scheduler.KindDaily:
		return fmt.Sprintf("daily, %s %s", hm, s.TZ)
	case scheduler.KindWeekdays:
		return fmt.Sprintf("weekdays, Monday to Friday %s %s", hm, s.TZ)
	}
	return fmt.Sprintf("on the cron schedule `%s` in %s", s.Cron, s.TZ)
}

// phrase says a schedule for a confirmation: "weekly tips, Mondays 09:00 Europe/Berlin".
func phrase(s scheduler.Schedule) string {
	if s.Kind == scheduler.KindCron {
		return "tips " + describe(s)
	}
	_, rest, _ := strings.Cut(describe(s), ", ")
	return s.Kind + " tips, " + rest
}

// dayList says several weekdays: "Mondays, Wednesdays and Fridays".
func dayList(days []time.Weekday) string {
	names := make([]string, len(days))
	for i, d := range days {
		names[i] = d.String() + "s"
	}
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
