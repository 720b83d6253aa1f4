package scheduler

import (
	"time"

	"github.com/robfig/cron/v3"
)

// gapSchedule is a cron schedule that also fires for a local time the
// clocks skip when daylight saving time starts: robfig/cron passes over
// such a time (a daily 02:30 in New York fires on 7 and 9 March 2026, not
// on the 8th, and a weekly one loses a week), where a schedule that
// handles DST fires at the first valid minute after the gap (03:00 on the
// 8th). The hour repeated when DST ends fires twice in cron; the claim,
// keyed by wall-clock time, makes that one post.
type gapSchedule struct {
	spec *cron.SpecSchedule
}

// gapHorizon bounds how far ahead Next looks for a skipped time.
const gapHorizon = 400 * 24 * time.Hour

// starBit marks a field given as "*" in a cron.SpecSchedule.
const starBit = 1 << 63

// Next implements cron.Schedule: the earlier of cron's next time and the
// end of the next gap that skips a scheduled time.
func (g gapSchedule) Next(t time.Time) time.Time {
	next := g.spec.Next(t)
	// robfig/cron can land on the wrong day where DST skips midnight (a
	// Saturday schedule fired on Sunday 8 September 2024 in Santiago): a
	// time on a day the schedule does not name is passed over.
	for range 8 {
		if next.IsZero() || g.dayMatches(next.In(g.spec.Location)) {
			break
		}
		next = g.spec.Next(next)
	}
	limit := next
	if limit.IsZero() || limit.Sub(t) > gapHorizon {
		limit = t.Add(gapHorizon)
	}
	loc := g.spec.Location
	day := time.Date(t.In(loc).Year(), t.In(loc).Month(), t.In(loc).Day(), 0, 0, 0, 0, loc)
	for ; !day.After(limit); day = day.AddDate(0, 0, 1) {
		end, ok := g.gapEnd(day)
		if ok && end.After(t) && !end.After(limit) {
			return end
		}
	}
	return next
}

// gapEnd returns, for a day on which the clocks go forward and skip a time
// this schedule fires at, the instant the gap ends.
func (g gapSchedule) gapEnd(day time.Time) (time.Time, bool) {
	if !g.dayMatches(day) {
		return time.Time{}, false
	}
	// Where the clocks skip midnight itself (America/Santiago goes from
	// 00:00 to 01:00), time.Date put the day's midnight at the gap's end:
	// dayStart finds the day's real bounds.
	from, to := dayStart(day).Unix(), dayStart(day.AddDate(0, 0, 1)).Unix()
	_, off0 := time.Unix(from, 0).In(day.Location()).Zone()
	_, off1 := time.Unix(to, 0).In(day.Location()).Zone()
	if off1 <= off0 {
		return time.Time{}, false // no gap that day (or the clocks go back)
	}
	for to-from > 1 { // the transition: the first second with the new offset
		mid := from + (to-from)/2
		if _, off := time.Unix(mid, 0).In(day.Location()).Zone(); off == off0 {
			from = mid
		} else {
			to = mid
		}
	}
	end := time.Unix(to, 0).In(day.Location())
	// The clock jumps from end on the old offset to end on the new: the
	// times in between, read on the old offset, never happen that day.
	old := time.FixedZone("", off0)
	for i := end; i.Before(end.Add(time.Duration(off1-off0) * time.Second)); i = i.Add(time.Minute) {
		h, m, _ := i.In(old).Clock()
		if g.spec.Hour&(1<<uint(h)) != 0 && g.spec.Minute&(1<<uint(m)) != 0 {
			return end, true
		}
	}
	return time.Time{}, false
}

// dayStart is the first instant of day's date: day itself, or the instant
// an hour or two before when time.Date put a skipped midnight at the gap's
// end (read on the new offset, the clock then shows 00:00 on the old).
func dayStart(day time.Time) time.Time {
	return day.Add(-time.Duration(day.Hour())*time.Hour - time.Duration(day.Minute())*time.Minute)
}

// dayMatches is cron's day rule: day of month and weekday both, or either
// when neither is "*".
func (g gapSchedule) dayMatches(day time.Time) bool {
	s := g.spec
	if 1<<uint(day.Month())&s.Month == 0 {
		return false
	}
	dom := 1<<uint(day.Day())&s.Dom != 0
	dow := 1<<uint(day.Weekday())&s.Dow != 0
	if s.Dom&starBit != 0 || s.Dow&starBit != 0 {
		return dom && dow
	}
	return dom || dow
}
