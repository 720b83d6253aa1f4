package scheduler

import (
	"testing"
	"time"
)

// Where DST starts at midnight (America/Santiago: 00:00 becomes 01:00 on 7
// September 2025), a time in the skipped hour fires at 01:00 that day; a
// weekly one lost the whole week (31 August, then 14 September).
func TestGapAtMidnight(t *testing.T) {
	scl, _ := time.LoadLocation("America/Santiago")
	tests := []struct {
		name string
		s    Schedule
		from time.Time
		want []time.Time
	}{
		{"weekly sunday 00:05", Schedule{Kind: KindWeekly, Weekday: time.Sunday, Minute: 5, TZ: "America/Santiago"},
			time.Date(2025, 9, 1, 12, 0, 0, 0, scl),
			[]time.Time{time.Date(2025, 9, 7, 1, 0, 0, 0, scl), time.Date(2025, 9, 14, 0, 5, 0, 0, scl)}},
		{"weekly saturday 00:35: the gap on sunday is not saturday's", Schedule{Kind: KindWeekly, Weekday: time.Saturday, Minute: 35, TZ: "America/Santiago"},
			time.Date(2025, 9, 1, 12, 0, 0, 0, scl),
			[]time.Time{time.Date(2025, 9, 6, 0, 35, 0, 0, scl), time.Date(2025, 9, 13, 0, 35, 0, 0, scl)}},
		{"daily 00:30", Schedule{Kind: KindDaily, Minute: 30, TZ: "America/Santiago"},
			time.Date(2025, 9, 6, 12, 0, 0, 0, scl),
			[]time.Time{time.Date(2025, 9, 7, 1, 0, 0, 0, scl), time.Date(2025, 9, 8, 0, 30, 0, 0, scl)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			at := tt.from
			for i, want := range tt.want {
				at = tt.s.Next(at)
				if !at.Equal(want) {
					t.Fatalf("fire %d got %v, want %v", i, at.In(scl), want)
				}
			}
		})
	}
}

// robfig/cron put a Saturday 05:30 on Sunday 8 September 2024 in Santiago
// (DST skipped that midnight): a weekly tip posted on a day it never names.
func TestWeeklyKeepsItsDayWhenMidnightIsSkipped(t *testing.T) {
	scl, _ := time.LoadLocation("America/Santiago")
	s := Schedule{Kind: KindWeekly, Weekday: time.Saturday, Hour: 5, Minute: 30, TZ: "America/Santiago"}
	at := time.Date(2024, 9, 1, 12, 0, 0, 0, scl)
	for _, want := range []time.Time{time.Date(2024, 9, 7, 5, 30, 0, 0, scl), time.Date(2024, 9, 14, 5, 30, 0, 0, scl)} {
		if at = s.Next(at); !at.Equal(want) {
			t.Fatalf("got %v, want %v", at.In(scl).Format(time.RFC1123Z), want.Format(time.RFC1123Z))
		}
	}
}
