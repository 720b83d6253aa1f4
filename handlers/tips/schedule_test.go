package tips

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/advisor-bot/advisor/scheduler"
)

func TestParseSchedule(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		want  scheduler.Schedule
		words string // describe()
	}{
		{"default", "", scheduler.Schedule{Kind: scheduler.KindWeekly, Weekday: time.Monday, Hour: 9, TZ: "Europe/Berlin"}, "weekly, Mondays 09:00 Europe/Berlin"},
		{"weekly full", "weekly mon 09:00 America/New_York", scheduler.Schedule{Kind: scheduler.KindWeekly, Weekday: time.Monday, Hour: 9, TZ: "America/New_York"}, "weekly, Mondays 09:00 America/New_York"},
		{"weekly day only", "weekly friday", scheduler.Schedule{Kind: scheduler.KindWeekly, Weekday: time.Friday, Hour: 9, TZ: "Europe/Berlin"}, ""},
		{"weekly no keyword", "Thursdays at 4pm", scheduler.Schedule{Kind: scheduler.KindWeekly, Weekday: time.Thursday, Hour: 16, TZ: "Europe/Berlin"}, ""},
		{"daily", "daily 08:30 Europe/Berlin", scheduler.Schedule{Kind: scheduler.KindDaily, Hour: 8, Minute: 30, TZ: "Europe/Berlin"}, "daily, 08:30 Europe/Berlin"},
		{"daily single digit hour", "daily 7:05 UTC", scheduler.Schedule{Kind: scheduler.KindDaily, Hour: 7, Minute: 5, TZ: "UTC"}, ""},
		{"daily 12am", "daily 12am", scheduler.Schedule{Kind: scheduler.KindDaily, Hour: 0, TZ: "Europe/Berlin"}, ""},
		{"weekdays", "weekdays 10:00", scheduler.Schedule{Kind: scheduler.KindWeekdays, Hour: 10, TZ: "Europe/Berlin"}, "weekdays, Monday to Friday 10:00 Europe/Berlin"},
		{"cron quoted", `cron "0 9 * * 1"`, scheduler.Schedule{Kind: scheduler.KindCron, Cron: "0 9 * * 1", TZ: "Europe/Berlin"}, "on the cron schedule `0 9 * * 1` in Europe/Berlin"},
		{"cron smart quotes tz", "cron “30 7 * * 1-5” Asia/Tokyo", scheduler.Schedule{Kind: scheduler.KindCron, Cron: "30 7 * * 1-5", TZ: "Asia/Tokyo"}, ""},
		{"cron bare", "cron 0 9 * * 1", scheduler.Schedule{Kind: scheduler.KindCron, Cron: "0 9 * * 1", TZ: "Europe/Berlin"}, ""},
		{"five fields no keyword", "0 9 1 * * in UTC", scheduler.Schedule{Kind: scheduler.KindCron, Cron: "0 9 1 * *", TZ: "UTC"}, ""},
		{"cron CRON_TZ", "cron CRON_TZ=America/New_York 15 8 * * *", scheduler.Schedule{Kind: scheduler.KindCron, Cron: "15 8 * * *", TZ: "America/New_York"}, ""},
		{"cron descriptor", "cron @daily", scheduler.Schedule{Kind: scheduler.KindCron, Cron: "@daily", TZ: "Europe/Berlin"}, ""},
		{"hourly is allowed", `cron "0 * * * *"`, scheduler.Schedule{Kind: scheduler.KindCron, Cron: "0 * * * *", TZ: "Europe/Berlin"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseSchedule(strings.Fields(tt.in), "Europe/Berlin")
			if err != nil {
				t.Fatalf("ParseSchedule(%q): %v", tt.in, err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("got %+v, want %+v", got, tt.want)
			}
			if tt.words != "" && describe(got) != tt.words {
				t.Fatalf("describe() got %q, want %q", describe(got), tt.words)
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
		if describe(s) == "" {
			t.Fatalf("empty description for %+v", s)
		}
	})
}
