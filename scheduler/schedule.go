package scheduler

import (
	"errors"
	"fmt"
	"math/bits"
	"strconv"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
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
	Kind    string         `json:"kind"`
	Weekday time.Weekday   `json:"weekday,omitempty"` // KindWeekly, one day
	Days    []time.Weekday `json:"days,omitempty"`    // KindWeekly on several days (Weekday is then ignored)
	Hour    int            `json:"hour,omitempty"`
	Minute  int            `json:"minute,omitempty"`
	Cron    string         `json:"cron,omitempty"` // KindCron: five fields, no CRON_TZ
	TZ      string         `json:"tz"`
}

// parser accepts the standard five fields and descriptors such as @daily.
var parser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// Spec returns the five-field cron expression, without the timezone.
func (s Schedule) Spec() string {
	switch s.Kind {
	case KindWeekly:
		if len(s.Days) > 0 {
			days := make([]string, len(s.Days))
			for i, d := range s.Days {
				days[i] = strconv.Itoa(int(d))
			}
			return fmt.Sprintf("%d %d * * %s", s.Minute, s.Hour, strings.Join(days, ","))
		}
		return fmt.Sprintf("%d %d * * %d", s.Minute, s.Hour, int(s.Weekday))
	case KindDaily:
		return fmt.Sprintf("%d %d * * *", s.Minute, s.Hour)
	case KindWeekdays:
		return fmt.Sprintf("%d %d * * 1-5", s.Minute, s.Hour)
	}
	return s.Cron
}

// cronSchedule returns the schedule as a robfig/cron schedule in its own
// timezone, that also fires for a time skipped when DST starts (see
// gapSchedule).
func (s Schedule) cronSchedule() (cron.Schedule, error) {
	sch, err := parser.Parse("CRON_TZ=" + s.TZ + " " + s.Spec())
	if err != nil {
		return nil, fmt.Errorf("parse schedule %q in %s: %w", s.Spec(), s.TZ, err)
	}
	if spec, ok := sch.(*cron.SpecSchedule); ok {
		return gapSchedule{spec: spec}, nil
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

// Errors of Validate, for a schedule the scheduler cannot run.
var (
	ErrUnreadable   = errors.New("cron expression cannot be read")
	ErrNotFixedTime = errors.New("schedule has no fixed times")
	ErrTooOften     = errors.New("schedule fires more than once an hour")
	ErrNeverFires   = errors.New("schedule never fires")
)

// ScheduleError says why Validate refused a schedule. errors.Is matches it
// to its Reason; Err is the cron parser's error for ErrUnreadable.
type ScheduleError struct {
	Spec   string
	Reason error
	Err    error
}

// Error says what is wrong with the schedule.
func (e *ScheduleError) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("schedule %q: %v: %v", e.Spec, e.Reason, e.Err)
	}
	return fmt.Sprintf("schedule %q: %v", e.Spec, e.Reason)
}

// Unwrap gives errors.Is and errors.As the reason and the cause.
func (e *ScheduleError) Unwrap() []error { return []error{e.Reason, e.Err} }

// Validate checks the schedule can be read, fires at all and fires no more
// than hourly (claims and pacing assume that).
func (s Schedule) Validate() error {
	sch, err := s.cronSchedule()
	if err != nil {
		return &ScheduleError{Spec: s.Spec(), Reason: ErrUnreadable, Err: err}
	}
	g, ok := sch.(gapSchedule)
	if !ok {
		return &ScheduleError{Spec: s.Spec(), Reason: ErrNotFixedTime}
	}
	if bits.OnesCount64(g.spec.Minute&^starBit) != 1 || bits.OnesCount64(g.spec.Second&^starBit) != 1 {
		return &ScheduleError{Spec: s.Spec(), Reason: ErrTooOften}
	}
	// Probe from a fixed instant and from now: cron gives up after five years.
	if sch.Next(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)).IsZero() || sch.Next(time.Now()).IsZero() {
		return &ScheduleError{Spec: s.Spec(), Reason: ErrNeverFires}
	}
	return nil
}
