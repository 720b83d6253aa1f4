package scheduler

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestNextAcrossDST(t *testing.T) {
	tests := []struct {
		name string
		s    Schedule
		from time.Time
		want []time.Time // successive next-fire instants
	}{
		{"new york spring forward weekly", Schedule{Kind: KindWeekly, Weekday: time.Sunday, Hour: 9, TZ: "America/New_York"},
			time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC),
			[]time.Time{time.Date(2026, 3, 1, 14, 0, 0, 0, time.UTC), time.Date(2026, 3, 8, 13, 0, 0, 0, time.UTC), time.Date(2026, 3, 15, 13, 0, 0, 0, time.UTC)}},
		{"new york fall back weekly", Schedule{Kind: KindWeekly, Weekday: time.Sunday, Hour: 9, TZ: "America/New_York"},
			time.Date(2026, 10, 25, 0, 0, 0, 0, time.UTC),
			[]time.Time{time.Date(2026, 10, 25, 13, 0, 0, 0, time.UTC), time.Date(2026, 11, 1, 14, 0, 0, 0, time.UTC)}},
		{"berlin spring forward daily", Schedule{Kind: KindDaily, Hour: 8, Minute: 30, TZ: "Europe/Berlin"},
			time.Date(2026, 3, 28, 0, 0, 0, 0, time.UTC),
			[]time.Time{time.Date(2026, 3, 28, 7, 30, 0, 0, time.UTC), time.Date(2026, 3, 29, 6, 30, 0, 0, time.UTC), time.Date(2026, 3, 30, 6, 30, 0, 0, time.UTC)}},
		{"berlin fall back weekdays", Schedule{Kind: KindWeekdays, Hour: 10, TZ: "Europe/Berlin"},
			time.Date(2026, 10, 23, 0, 0, 0, 0, time.UTC), // Friday; DST ends Sunday 25th
			[]time.Time{time.Date(2026, 10, 23, 8, 0, 0, 0, time.UTC), time.Date(2026, 10, 26, 9, 0, 0, 0, time.UTC)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			at := tt.from
			for i, want := range tt.want {
				at = tt.s.Next(at)
				if !at.Equal(want) {
					t.Fatalf("fire %d got %v, want %v", i, at.UTC(), want.UTC())
				}
				local := at.In(tt.s.Location())
				if local.Hour() != tt.s.Hour || local.Minute() != tt.s.Minute {
					t.Fatalf("fire %d at local %v, want %02d:%02d", i, local, tt.s.Hour, tt.s.Minute)
				}
			}
		})
	}
}

// A time the clocks skip when DST starts fires at the first valid minute
// after the gap, that day; the days around it are untouched.
func TestSkippedTimeFiresWhenTheGapEnds(t *testing.T) {
	ny, _ := time.LoadLocation("America/New_York")
	berlin, _ := time.LoadLocation("Europe/Berlin")
	tests := []struct {
		name string
		s    Schedule
		from time.Time
		want []time.Time // successive next-fire instants
	}{
		{"new york daily 02:30", Schedule{Kind: KindDaily, Hour: 2, Minute: 30, TZ: "America/New_York"},
			time.Date(2026, 3, 7, 12, 0, 0, 0, ny),
			[]time.Time{time.Date(2026, 3, 8, 3, 0, 0, 0, ny), time.Date(2026, 3, 9, 2, 30, 0, 0, ny)}},
		{"new york weekly sunday 02:00 does not lose a week", Schedule{Kind: KindWeekly, Weekday: time.Sunday, Hour: 2, TZ: "America/New_York"},
			time.Date(2026, 3, 1, 12, 0, 0, 0, ny),
			[]time.Time{time.Date(2026, 3, 8, 3, 0, 0, 0, ny), time.Date(2026, 3, 15, 2, 0, 0, 0, ny)}},
		{"berlin weekdays 02:15 on a sunday gap: not a weekday", Schedule{Kind: KindWeekdays, Hour: 2, Minute: 15, TZ: "Europe/Berlin"},
			time.Date(2026, 3, 27, 12, 0, 0, 0, berlin), // Friday; the gap is Sunday 29th
			[]time.Time{time.Date(2026, 3, 30, 2, 15, 0, 0, berlin)}},
		{"berlin cron 02:59 on the gap day", Schedule{Kind: KindCron, Cron: "59 2 * * *", TZ: "Europe/Berlin"},
			time.Date(2026, 3, 28, 12, 0, 0, 0, berlin),
			[]time.Time{time.Date(2026, 3, 29, 3, 0, 0, 0, berlin), time.Date(2026, 3, 30, 2, 59, 0, 0, berlin)}},
		{"hourly: the skipped 02:00 is the 03:00, once", Schedule{Kind: KindCron, Cron: "0 * * * *", TZ: "America/New_York"},
			time.Date(2026, 3, 8, 1, 30, 0, 0, ny),
			[]time.Time{time.Date(2026, 3, 8, 3, 0, 0, 0, ny), time.Date(2026, 3, 8, 4, 0, 0, 0, ny)}},
		{"not at the gap's hour: untouched", Schedule{Kind: KindDaily, Hour: 3, Minute: 30, TZ: "America/New_York"},
			time.Date(2026, 3, 7, 12, 0, 0, 0, ny),
			[]time.Time{time.Date(2026, 3, 8, 3, 30, 0, 0, ny), time.Date(2026, 3, 9, 3, 30, 0, 0, ny)}},
		{"utc has no gap", Schedule{Kind: KindDaily, Hour: 2, Minute: 30, TZ: "UTC"},
			time.Date(2026, 3, 8, 0, 0, 0, 0, time.UTC),
			[]time.Time{time.Date(2026, 3, 8, 2, 30, 0, 0, time.UTC), time.Date(2026, 3, 9, 2, 30, 0, 0, time.UTC)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			at := tt.from
			for i, want := range tt.want {
				at = tt.s.Next(at)
				if !at.Equal(want) {
					t.Fatalf("fire %d got %v, want %v", i, at.In(want.Location()), want)
				}
			}
		})
	}
}

// The hour repeated when DST ends makes cron fire 01:30 twice; the claim is
// keyed by wall-clock time so both map to one post.
func TestClaimKeyRepeatedHour(t *testing.T) {
	s := Schedule{Kind: KindDaily, Hour: 1, Minute: 30, TZ: "America/New_York"}
	first := s.Next(time.Date(2026, 10, 31, 12, 0, 0, 0, time.UTC))
	second := s.Next(first)
	if second.Sub(first) != time.Hour {
		t.Fatalf("cron fired at %v then %v, want the repeated hour", first.UTC(), second.UTC())
	}
	st := store{prefix: "p:"}
	if a, b := st.claimKey("C", first, s.Location()), st.claimKey("C", second, s.Location()); a != b {
		t.Fatalf("claim keys got %q and %q, want equal", a, b)
	}
}

func TestValidateSaysWhy(t *testing.T) {
	tests := []struct {
		name string
		s    Schedule
		want error // nil: valid
	}{
		{"weekly", Schedule{Kind: KindWeekly, Weekday: time.Monday, Hour: 9, TZ: "UTC"}, nil},
		{"hourly cron", Schedule{Kind: KindCron, Cron: "0 * * * *", TZ: "UTC"}, nil},
		{"unreadable", Schedule{Kind: KindCron, Cron: "0 99 * * 1", TZ: "UTC"}, ErrUnreadable},
		{"unknown timezone", Schedule{Kind: KindDaily, Hour: 9, TZ: "Mars/Olympus"}, ErrUnreadable},
		{"not fixed times", Schedule{Kind: KindCron, Cron: "@every 5m", TZ: "UTC"}, ErrNotFixedTime},
		{"too often", Schedule{Kind: KindCron, Cron: "*/5 * * * *", TZ: "UTC"}, ErrTooOften},
		{"never fires", Schedule{Kind: KindCron, Cron: "0 9 30 2 *", TZ: "UTC"}, ErrNeverFires},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.s.Validate()
			if tt.want == nil {
				if err != nil {
					t.Fatalf("got %v, want valid", err)
				}
				return
			}
			var se *ScheduleError
			if !errors.Is(err, tt.want) || !errors.As(err, &se) || se.Spec != tt.s.Spec() {
				t.Fatalf("got %v, want a *ScheduleError for %q that is %v", err, tt.s.Spec(), tt.want)
			}
			if errors.Is(tt.want, ErrUnreadable) && se.Err == nil {
				t.Fatal("an unreadable schedule carries no parser error")
			}
		})
	}
}

func TestSubscribeRefusesAScheduleItCannotRun(t *testing.T) {
	rdb, prefix := redisFor(t)
	r := newRig(t, rdb, prefix, nil, nil)
	_, err := r.s.Subscribe(context.Background(), Subscription{Channel: "C1", Schedule: Schedule{Kind: KindCron, Cron: "*/5 * * * *", TZ: "UTC"}})
	if !errors.Is(err, ErrTooOften) {
		t.Fatalf("got %v, want ErrTooOften", err)
	}
	if _, err := r.s.Get(context.Background(), "C1"); !errors.Is(err, ErrNotSubscribed) {
		t.Fatalf("got %v, want nothing stored", err)
	}
}
