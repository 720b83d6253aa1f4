package scheduler

import (
	"fmt"
	"math/bits"
	"strconv"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
	"github.com/slack-go/slack/slackutilsx"
)

// Schedule kinds.
const (
	KindWeekly   = "weekly"
	KindDaily    = "daily"
	KindWeekdays = "weekdays"
	KindCron     = "cron"
)

// Schedule says when a subscription posts. It is stored as JSON in Redis and
// always carries its timezone, so next-fire times are computed in the
// subscriber's wall-clock time and stay right across DST changes.
type Schedule struct {
	Kind    string       `json:"kind"`
	Weekday time.Weekday `json:"weekday,omitempty"` // KindWeekly
	Hour    int          `json:"hour,omitempty"`
	Minute  int          `json:"minute,omitempty"`
	Cron    string       `json:"cron,omitempty"` // KindCron: five fields, no CRON_TZ
	TZ      string       `json:"tz"`
}

// parser accepts the standard five fields and descriptors such as @daily.
var parser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// Spec returns the five-field cron expression, without the timezone.
func (s Schedule) Spec() string {
	switch s.Kind {
	case KindWeekly:
		return fmt.Sprintf("%d %d * * %d", s.Minute, s.Hour, int(s.Weekday))
	case KindDaily:
		return fmt.Sprintf("%d %d * * *", s.Minute, s.Hour)
	case KindWeekdays:
		return fmt.Sprintf("%d %d * * 1-5", s.Minute, s.Hour)
	}
	return s.Cron
}

// Cron returns the schedule as a robfig/cron schedule in its own timezone.
func (s Schedule) cronSchedule() (cron.Schedule, error) {
	sch, err := parser.Parse("CRON_TZ=" + s.TZ + " " + s.Spec())
	if err != nil {
		return nil, fmt.Errorf("parse schedule %q in %s: %w", s.Spec(), s.TZ, err)
	}
	return sch, nil
}

// Next returns the first instant after t at which the schedule fires, or the
// zero time if it never does (or is invalid).
func (s Schedule) Next(t time.Time) time.Time {
	sch, err := s.cronSchedule()
	if err != nil {
		return time.Time{}
	}
	return sch.Next(t)
}

// Location returns the schedule's timezone.
func (s Schedule) Location() *time.Location {
	loc, err := time.LoadLocation(s.TZ)
	if err != nil {
		return time.UTC
	}
	return loc
}

// String describes the schedule in words, e.g. "weekly, Mondays 09:00 Europe/Berlin".
func (s Schedule) String() string {
	hm := fmt.Sprintf("%02d:%02d", s.Hour, s.Minute)
	switch s.Kind {
	case KindWeekly:
		return fmt.Sprintf("weekly, %ss %s %s", s.Weekday, hm, s.TZ)
	case KindDaily:
		return fmt.Sprintf("daily, %s %s", hm, s.TZ)
	case KindWeekdays:
		return fmt.Sprintf("weekdays, Monday to Friday %s %s", hm, s.TZ)
	}
	return fmt.Sprintf("on the cron schedule `%s` in %s", s.Cron, s.TZ)
}

// Adjective names the cadence for confirmations: "weekly", "daily", ...
func (s Schedule) Adjective() string {
	if s.Kind == KindCron {
		return "scheduled"
	}
	return s.Kind
}

// validate checks the schedule fires at all and no more than hourly.
func (s Schedule) validate() error {
	sch, err := s.cronSchedule()
	if err != nil {
		return userErr("I couldn't read the cron expression `%s` (%s). Example: `tips subscribe cron \"0 9 * * 1\"`.", s.Spec(), err.Error())
	}
	spec, ok := sch.(*cron.SpecSchedule)
	if !ok {
		return userErr("Only cron expressions with fixed times are supported. Example: `tips subscribe cron \"0 9 * * 1\"`.")
	}
	const starBit = 1 << 63
	if bits.OnesCount64(spec.Minute&^starBit) != 1 || bits.OnesCount64(spec.Second&^starBit) != 1 {
		return userErr("`%s` fires more than once an hour; tips can be posted at most hourly. Example: `tips subscribe cron \"0 9 * * 1-5\"`.", s.Spec())
	}
	// Probe from a fixed instant and from now: cron gives up after five years.
	if sch.Next(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)).IsZero() || sch.Next(time.Now()).IsZero() {
		return userErr("`%s` never fires (check the day and month). Example: `tips subscribe cron \"0 9 1 * *\"` for the 1st of every month.", s.Spec())
	}
	return nil
}

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
			args[i] = slackutilsx.EscapeMessage(s)
		}
	}
	return &UserError{Msg: fmt.Sprintf(format, args...)}
}

var weekdays = map[string]time.Weekday{
	"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday, "tues": time.Tuesday,
	"wed": time.Wednesday, "thu": time.Thursday, "thur": time.Thursday, "thurs": time.Thursday,
	"fri": time.Friday, "sat": time.Saturday,
}

// parseWeekday accepts "mon", "Monday", "mondays".
func parseWeekday(w string) (time.Weekday, bool) {
	w = strings.ToLower(w)
	if d, ok := weekdays[w]; ok {
		return d, true
	}
	for d := time.Sunday; d <= time.Saturday; d++ {
		name := strings.ToLower(d.String())
		if w == name || w == name+"s" {
			return d, true
		}
	}
	return 0, false
}

// parseClock accepts "9:00", "09:00", "17:30", "9am", "5:30pm".
func parseClock(w string) (h, m int, ok bool, err error) {
	w = strings.ToLower(w)
	suffix := ""
	if strings.HasSuffix(w, "am") || strings.HasSuffix(w, "pm") {
		suffix, w = w[len(w)-2:], w[:len(w)-2]
	}
	hs, ms, colon := strings.Cut(w, ":")
	if !colon {
		ms = "00"
		if suffix == "" {
			return 0, 0, false, nil // a bare number is not a time
		}
	}
	if hs == "" || len(hs) > 2 || len(ms) != 2 || !digits(hs) || !digits(ms) {
		if colon || suffix != "" {
			return 0, 0, false, userErr("`%s` is not a time of day. Use 24-hour HH:MM, e.g. `09:00` or `17:30`.", w+suffix)
		}
		return 0, 0, false, nil
	}
	h, _ = strconv.Atoi(hs)
	m, _ = strconv.Atoi(ms)
	if suffix != "" {
		if h < 1 || h > 12 {
			return 0, 0, false, userErr("`%s` is not a time of day. Use e.g. `9am`, `5:30pm` or 24-hour `17:30`.", w+suffix)
		}
		h %= 12
		if suffix == "pm" {
			h += 12
		}
	}
	if h > 23 || m > 59 {
		return 0, 0, false, userErr("`%s` is not a time of day: hours go 00-23 and minutes 00-59. Example: `09:00` or `17:30`.", w+suffix)
	}
	return h, m, true, nil
}

func digits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
