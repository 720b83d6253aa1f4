package scheduler

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestParseSchedule(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		want  Schedule
		words string // String()
	}{
		{"default", "", Schedule{Kind: KindWeekly, Weekday: time.Monday, Hour: 9, TZ: "Europe/Berlin"}, "weekly, Mondays 09:00 Europe/Berlin"},
		{"weekly full", "weekly mon 09:00 America/New_York", Schedule{Kind: KindWeekly, Weekday: time.Monday, Hour: 9, TZ: "America/New_York"}, "weekly, Mondays 09:00 America/New_York"},
		{"weekly day only", "weekly friday", Schedule{Kind: KindWeekly, Weekday: time.Friday, Hour: 9, TZ: "Europe/Berlin"}, ""},
		{"weekly no keyword", "Thursdays at 4pm", Schedule{Kind: KindWeekly, Weekday: time.Thursday, Hour: 16, TZ: "Europe/Berlin"}, ""},
		{"daily", "daily 08:30 Europe/Berlin", Schedule{Kind: KindDaily, Hour: 8, Minute: 30, TZ: "Europe/Berlin"}, "daily, 08:30 Europe/Berlin"},
		{"daily single digit hour", "daily 7:05 UTC", Schedule{Kind: KindDaily, Hour: 7, Minute: 5, TZ: "UTC"}, ""},
		{"daily 12am", "daily 12am", Schedule{Kind: KindDaily, Hour: 0, TZ: "Europe/Berlin"}, ""},
		{"weekdays", "weekdays 10:00", Schedule{Kind: KindWeekdays, Hour: 10, TZ: "Europe/Berlin"}, "weekdays, Monday to Friday 10:00 Europe/Berlin"},
		{"cron quoted", `cron "0 9 * * 1"`, Schedule{Kind: KindCron, Cron: "0 9 * * 1", TZ: "Europe/Berlin"}, "on the cron schedule `0 9 * * 1` in Europe/Berlin"},
		{"cron smart quotes tz", "cron “30 7 * * 1-5” Asia/Tokyo", Schedule{Kind: KindCron, Cron: "30 7 * * 1-5", TZ: "Asia/Tokyo"}, ""},
		{"cron bare", "cron 0 9 * * 1", Schedule{Kind: KindCron, Cron: "0 9 * * 1", TZ: "Europe/Berlin"}, ""},
		{"five fields no keyword", "0 9 1 * * in UTC", Schedule{Kind: KindCron, Cron: "0 9 1 * *", TZ: "UTC"}, ""},
		{"cron CRON_TZ", "cron CRON_TZ=America/New_York 15 8 * * *", Schedule{Kind: KindCron, Cron: "15 8 * * *", TZ: "America/New_York"}, ""},
		{"cron descriptor", "cron @daily", Schedule{Kind: KindCron, Cron: "@daily", TZ: "Europe/Berlin"}, ""},
		{"hourly is allowed", `cron "0 * * * *"`, Schedule{Kind: KindCron, Cron: "0 * * * *", TZ: "Europe/Berlin"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseSchedule(strings.Fields(tt.in), "Europe/Berlin")
			if err != nil {
				t.Fatalf("ParseSchedule(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Fatalf("got %+v, want %+v", got, tt.want)
			}
			if tt.words != "" && got.String() != tt.words {
				t.Fatalf("String() got %q, want %q", got.String(), tt.words)
			}
		})
	}
}

func TestParseScheduleErrors(t *testing.T) {
	tests := []struct {
		name, in string
		says     string // part of the user-facing message
	}{
		{"unknown day", "weekly mun 09:00", "not a day of the week"},
		{"unknown day long", "weekly funday", "not a day of the week"},
		{"hour 25", "daily 25:00", "not a time of day"},
		{"minute 61", "daily 09:61", "not a time of day"},
		{"13pm", "daily 13pm", "not a time of day"},
		{"unknown tz", "weekly mon 09:00 Mars/Olympus", "not a timezone"},
		{"unknown tz cron", `cron "0 9 * * 1" Mars/Base`, "not a timezone"},
		{"day on daily", "daily mon 09:00", "don't take a day"},
		{"two times", "daily 09:00 10:00", "one time"},
		{"gibberish", "whenever you like", "didn't understand"},
		{"cron never fires", `cron "0 9 30 2 *"`, "never fires"},
		{"cron too often", `cron "*/5 * * * *"`, "more than once an hour"},
		{"cron twice an hour", `cron "0,30 9 * * *"`, "more than once an hour"},
		{"cron every", "cron @every 5m", "fixed times"},
		{"cron four fields", `cron "0 9 * *"`, "five fields"},
		{"cron six fields", `cron "0 0 9 * * 1"`, "five fields"},
		{"cron bad field", `cron "0 99 * * 1"`, "couldn't read"},
		{"cron unclosed quote", `cron "0 9 * * 1`, "closing quote"},
		{"cron junk after", `cron "0 9 * * 1" Europe/Berlin please`, "at most a timezone"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseSchedule(strings.Fields(tt.in), "UTC")
			var ue *UserError
			if !errors.As(err, &ue) {
				t.Fatalf("ParseSchedule(%q) error got %v, want a *UserError", tt.in, err)
			}
			if !strings.Contains(ue.Msg, tt.says) {
				t.Fatalf("message got %q, want it to say %q", ue.Msg, tt.says)
			}
			if !strings.Contains(ue.Msg, "`") {
				t.Fatalf("message %q gives no example", ue.Msg)
			}
		})
	}
}

func TestParseScheduleEscapesInput(t *testing.T) {
	_, err := ParseSchedule([]string{"<!channel>"}, "UTC")
	if err == nil || strings.Contains(err.Error(), "<!channel>") {
		t.Fatalf("got %v, want the input escaped", err)
	}
}

func TestNextAcrossDST(t *testing.T) {
	ny, _ := time.LoadLocation("America/New_York")
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
		{"new york 02:30 skips the missing hour", Schedule{Kind: KindDaily, Hour: 2, Minute: 30, TZ: "America/New_York"},
			time.Date(2026, 3, 7, 12, 0, 0, 0, ny),
			[]time.Time{time.Date(2026, 3, 9, 2, 30, 0, 0, ny)}},
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

func FuzzParseSchedule(f *testing.F) {
	for _, s := range []string{"", "weekly mon 09:00 America/New_York", "daily 08:30 Europe/Berlin", "weekdays 10:00",
		`cron "0 9 * * 1"`, "0 9 * * 1", "daily 25:00", "cron @hourly", "cron “1 2 3 4 5”", "5pm fri", "cron 'x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		s, err := ParseSchedule(strings.Fields(in), "UTC")
		if err != nil {
			var ue *UserError
			if !errors.As(err, &ue) || ue.Msg == "" {
				t.Fatalf("ParseSchedule(%q) error %v is not a user error", in, err)
			}
			return
		}
		from := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		a := s.Next(from)
		if a.IsZero() {
			t.Fatalf("ParseSchedule(%q) accepted %+v that never fires", in, s)
		}
		if b := s.Next(a); !b.IsZero() && b.Sub(a) < time.Hour && b.In(s.Location()).Format("15:04") != a.In(s.Location()).Format("15:04") {
			t.Fatalf("ParseSchedule(%q) accepted %+v firing %v then %v", in, s, a, b)
		}
		if s.String() == "" {
			t.Fatalf("empty description for %+v", s)
		}
	})
}
