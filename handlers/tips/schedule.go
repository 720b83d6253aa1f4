package tips

import (
	"strconv"
	"strings"
	"time"

	"github.com/advisor-bot/advisor/scheduler"
)

// DefaultSchedule is what `tips subscribe` with no words means: Mondays at 09:00.
func DefaultSchedule(tz string) scheduler.Schedule {
	return scheduler.Schedule{Kind: scheduler.KindWeekly, Weekday: time.Monday, Hour: 9, TZ: tz}
}

// ParseSchedule reads the words after `tips subscribe` (audience words
// already removed): nothing, `weekly [day] [HH:MM] [TZ]`, `daily [HH:MM] [TZ]`,
// `weekdays [HH:MM] [TZ]`, `cron "0 9 * * 1" [TZ]` or five bare cron fields.
// Missing parts default to Monday, 09:00 and defaultTZ. Errors are
// *UserError sentences that say what is wrong and give an example.
func ParseSchedule(words []string, defaultTZ string) (scheduler.Schedule, error) {
	words = clean(words)
	s := DefaultSchedule(defaultTZ)
	if len(words) == 0 {
		return s, checkTZ(s)
	}
	first := strings.ToLower(words[0])
	rest := words[1:]
	switch {
	case first == "weekly" || first == "every" || first == "week":
	case first == "daily" || first == "everyday" || first == "day":
		s.Kind = scheduler.KindDaily
	case first == "weekdays" || first == "weekday" || first == "workdays":
		s.Kind = scheduler.KindWeekdays
	case first == "cron":
		return parseCron(rest, defaultTZ)
	case looksLikeCron(words):
		return parseCron(words, defaultTZ)
	default:
		rest = words // e.g. `mon 09:00`: weekly with a day
	}
	if s.Kind != scheduler.KindWeekly {
		s.Weekday = 0
	}
	if err := readWords(&s, rest); err != nil {
		return scheduler.Schedule{}, err
	}
	if err := checkTZ(s); err != nil {
		return scheduler.Schedule{}, err
	}
	return s, explain(s.Validate())
}

// readWords reads the day, time of day and timezone words of a weekly,
// daily or weekdays schedule into s.
func readWords(s *scheduler.Schedule, words []string) error {
	var gotDay, gotTime, gotTZ bool
	for _, w := range words {
		lw := strings.ToLower(w)
		if lw == "at" || lw == "on" || lw == "in" || lw == "every" {
			continue
		}
		if d, ok := parseWeekday(w); ok {
			if s.Kind != scheduler.KindWeekly {
				return userErr("%s tips don't take a day. For one day a week say e.g. `tips subscribe weekly %s 09:00`.", s.Kind, strings.ToLower(w))
			}
			if gotDay {
				return userErr("Weekly tips go out on one day. Example: `tips subscribe weekly mon 09:00`; for Monday to Friday say `tips subscribe weekdays 09:00`.")
			}
			s.Weekday, gotDay = d, true
			continue
		}
		h, m, ok, err := parseClock(w)
		if err != nil {
			return err
		}
		if ok {
			if gotTime {
				return userErr("Give one time of day. Example: `tips subscribe daily 08:30 Europe/Berlin`.")
			}
			s.Hour, s.Minute, gotTime = h, m, true
			continue
		}
		if isTZWord(w) {
			if gotTZ {
				return userErr("Give one timezone. Example: `tips subscribe weekly mon 09:00 America/New_York`.")
			}
			s.TZ, gotTZ = w, true
			if err := checkTZ(*s); err != nil {
				return err
			}
			continue
		}
		if looksLikeDay(lw) {
			return userErr("`%s` is not a day of the week. Use mon, tue, wed, thu, fri, sat or sun, e.g. `tips subscribe weekly mon 09:00`.", w)
		}
		return userErr("I didn't understand `%s`. Examples: `tips subscribe weekly mon 09:00 America/New_York`, `tips subscribe daily 08:30 Europe/Berlin`, `tips subscribe weekdays 10:00`, `tips subscribe cron \"0 9 * * 1\"`.", w)
	}
	return nil
}

// parseCron reads a cron expression, quoted or as bare fields, then an
// optional timezone.
func parseCron(words []string, defaultTZ string) (scheduler.Schedule, error) {
	const example = "Example: `tips subscribe cron \"0 9 * * 1\" Europe/Berlin` (minute hour day-of-month month day-of-week)."
	joined := strings.TrimSpace(strings.Join(words, " "))
	var expr, tail string
	if q := strings.IndexAny(joined, "\"'“”‘’`"); q == 0 {
		_, size := firstRune(joined)
		body := joined[size:]
		end := strings.IndexAny(body, "\"'“”‘’`")
		if end < 0 {
			return scheduler.Schedule{}, userErr("The cron expression is missing its closing quote. %s", example)
		}
		_, esize := firstRune(body[end:])
		expr, tail = body[:end], body[end+esize:]
	} else {
		f := strings.Fields(joined)
		if len(f) > 0 && strings.EqualFold(f[0], "@every") {
			return scheduler.Schedule{}, userErr("Only cron expressions with fixed times are supported, not `@every`. %s", example)
		}
		n := 5
		if len(f) > 0 && (strings.HasPrefix(f[0], "@") || strings.HasPrefix(strings.ToUpper(f[0]), "CRON_TZ=") || strings.HasPrefix(strings.ToUpper(f[0]), "TZ=")) {
			n = 1
			if !strings.HasPrefix(f[0], "@") {
				n = 6
			}
		}
		if len(f) < n {
			return scheduler.Schedule{}, userErr("A cron expression needs five fields. %s", example)
		}
		expr, tail = strings.Join(f[:n], " "), strings.Join(f[n:], " ")
	}
	s := scheduler.Schedule{Kind: scheduler.KindCron, TZ: defaultTZ}
	f := strings.Fields(expr)
	if len(f) > 0 {
		if k, v, ok := strings.Cut(f[0], "="); ok && (strings.EqualFold(k, "CRON_TZ") || strings.EqualFold(k, "TZ")) {
			s.TZ, f = v, f[1:]
		}
	}
	if len(f) == 0 || (len(f) != 5 && !(len(f) == 1 && strings.HasPrefix(f[0], "@"))) {
		return scheduler.Schedule{}, userErr("A cron expression needs exactly five fields. %s", example)
	}
	s.Cron = strings.Join(f, " ")
	t := strings.Fields(tail)
	if len(t) > 0 && strings.EqualFold(t[0], "in") {
		t = t[1:]
	}
	switch len(t) {
	case 0:
	case 1:
		s.TZ = t[0]
	default:
		return scheduler.Schedule{}, userErr("After the cron expression I expected at most a timezone, not `%s`. %s", strings.Join(t, " "), example)
	}
	if err := checkTZ(s); err != nil {
		return scheduler.Schedule{}, err
	}
	return s, explain(s.Validate())
}

func firstRune(s string) (rune, int) {
	for _, r := range s {
		return r, len(string(r))
	}
	return 0, 0
}

// looksLikeCron reports whether bare words start a cron expression.
func looksLikeCron(words []string) bool {
	w := words[0]
	if strings.HasPrefix(w, "@") || strings.HasPrefix(strings.ToUpper(w), "CRON_TZ=") {
		return true
	}
	return len(words) >= 5 && (w[0] == '*' || (w[0] >= '0' && w[0] <= '9')) && !strings.Contains(w, ":")
}

// isTZWord reports whether w is meant as a timezone, known or not.
func isTZWord(w string) bool {
	if strings.Contains(w, "/") {
		return true
	}
	if _, err := time.LoadLocation(w); err == nil && w != "" && !strings.EqualFold(w, "local") {
		return true
	}
	return false
}

func looksLikeDay(w string) bool {
	for _, suf := range []string{"day", "days"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf) {
			return true
		}
	}
	return len(w) == 3 && !digits(w)
}

// checkTZ rejects unknown timezones with an example.
func checkTZ(s scheduler.Schedule) error {
	if s.TZ == "" || strings.EqualFold(s.TZ, "local") {
		return userErr("I need a timezone. Use an IANA name such as `Europe/Berlin` or `America/New_York`, e.g. `tips subscribe daily 08:30 Europe/Berlin`.")
	}
	if _, err := time.LoadLocation(s.TZ); err != nil {
		return userErr("`%s` is not a timezone I know. Use an IANA name such as `Europe/Berlin` or `America/New_York`, e.g. `tips subscribe weekly mon 09:00 America/New_York`.", s.TZ)
	}
	return nil
}

func clean(words []string) []string {
	out := make([]string, 0, len(words))
	for _, w := range words {
		out = append(out, strings.Fields(w)...)
	}
	return out
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
