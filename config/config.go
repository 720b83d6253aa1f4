// Package config reads the advisor's settings from the environment (and a
// .env file in the working directory, if present) and validates them,
// reporting every problem at once. Only main imports it; it imports none of
// the advisor's packages.
package config

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/joho/godotenv"
	"github.com/rs/zerolog"
)

// DefaultSlackAPIURL is Slack's public Web API base. GovSlack and test
// servers use their own, set with SLACK_API_URL.
const DefaultSlackAPIURL = "https://slack.com/api/"

// Config is every setting the advisor reads. Tokens are Secrets so that they
// never print.
type Config struct {
	AppToken        Secret        // SLACK_APP_TOKEN, xapp-…
	BotToken        Secret        // SLACK_BOT_TOKEN, xoxb-…
	SlackAPIURL     string        // SLACK_API_URL, ends with "/"
	RedisURL        Secret        // REDIS_URL; empty means an embedded server (state is not kept)
	KeyPrefix       string        // KEY_PREFIX starts every Redis key, so deployments can share a Redis
	LogLevel        zerolog.Level // LOG_LEVEL
	LogFormat       string        // LOG_FORMAT: json | console
	HTTPAddr        string        // HTTP_ADDR for /healthz, /readyz, /metrics; empty disables
	KnowledgeDir    string        // KNOWLEDGE_DIR adds or replaces knowledge entries
	DefaultTimezone *time.Location
	AdminUserIDs    []string // ADMIN_USER_IDS, comma separated
	AllowedTeamIDs  []string // ALLOWED_TEAM_IDS, comma separated; empty allows all
	Workers         int      // WORKERS: handler goroutines
	Connections     int      // SOCKET_CONNECTIONS: Socket Mode connections per process
	SessionTTL      time.Duration
	ReminderDelay   time.Duration
	TipGrace        time.Duration
	TipRate         float64 // TIP_RATE: posts per second across all channels
	ShutdownTimeout time.Duration
	JournalLease    time.Duration // JOURNAL_LEASE: a dead replica's acked envelopes are taken over this long after it stopped renewing
	ExpertsChannel  string        // EXPERTS_CHANNEL: where Ask a person posts until an admin runs `experts here`; empty: none
	ExpertReminder  time.Duration // EXPERT_REMINDER: an open question for a person gets its one reminder after this
}

// Secret is a string that never prints: it keeps tokens out of logs.
type Secret string

// String hides the value.
func (s Secret) String() string {
	if s == "" {
		return ""
	}
	return "[redacted]"
}

// MarshalText hides the value from encoders (zerolog, JSON).
func (s Secret) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Value returns the secret itself, for the one place that needs it.
func (s Secret) Value() string { return string(s) }

// Mode says what the process is started for: Slack needs tokens, the
// console does not.
type Mode int

// Modes of Load.
const (
	ModeSlack Mode = iota
	ModeConsole
)

// ValidationError lists every problem found in the settings.
type ValidationError struct{ Problems []string }

func (e *ValidationError) Error() string {
	return "invalid configuration:\n  - " + strings.Join(e.Problems, "\n  - ")
}

// Load reads .env (if present) then the environment, and validates.
func Load(mode Mode) (*Config, error) {
	if err := godotenv.Load(); err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, &ValidationError{Problems: []string{"cannot read .env: " + err.Error()}}
	}
	return FromEnv(os.Getenv, mode)
}

// FromEnv builds a Config from a lookup function, so tests need not touch
// the process environment. It is long on purpose: one setting after
// another, in the README's order, each read and checked in place, with
// every problem collected for one report.
func FromEnv(getenv func(string) string, mode Mode) (*Config, error) {
	var p []string
	get := func(k string) string { return strings.TrimSpace(getenv(k)) }
	c := &Config{
		AppToken:       Secret(get("SLACK_APP_TOKEN")),
		BotToken:       Secret(get("SLACK_BOT_TOKEN")),
		SlackAPIURL:    get("SLACK_API_URL"),
		RedisURL:       Secret(get("REDIS_URL")),
		LogFormat:      strings.ToLower(get("LOG_FORMAT")),
		HTTPAddr:       get("HTTP_ADDR"),
		KnowledgeDir:   get("KNOWLEDGE_DIR"),
		KeyPrefix:      get("KEY_PREFIX"),
		AdminUserIDs:   list(get("ADMIN_USER_IDS")),
		AllowedTeamIDs: list(get("ALLOWED_TEAM_IDS")),
	}
	if mode == ModeSlack {
		p = append(p, checkToken("SLACK_APP_TOKEN", c.AppToken, "xapp-")...)
		p = append(p, checkToken("SLACK_BOT_TOKEN", c.BotToken, "xoxb-")...)
	}
	if c.SlackAPIURL == "" {
		c.SlackAPIURL = DefaultSlackAPIURL
	} else if u, err := url.Parse(c.SlackAPIURL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		p = append(p, fmt.Sprintf("SLACK_API_URL %q is not an http(s) URL, e.g. https://slack.com/api/", c.SlackAPIURL))
	} else if !strings.HasSuffix(c.SlackAPIURL, "/") {
		c.SlackAPIURL += "/"
	}
	if r := c.RedisURL.Value(); r != "" {
		if u, err := url.Parse(r); err != nil || !validRedisScheme(u.Scheme) {
			p = append(p, "REDIS_URL must start with redis://, rediss://, redis-cluster:// or rediss-cluster:// (the value is not shown)")
		}
	}
	if c.KeyPrefix == "" {
		c.KeyPrefix = "advisor:"
	} else if strings.ContainsAny(c.KeyPrefix, "{} \t\n") || len(c.KeyPrefix) > 64 {
		p = append(p, fmt.Sprintf("KEY_PREFIX %q must be at most 64 characters without spaces or braces", c.KeyPrefix))
	}
	lvl := get("LOG_LEVEL")
	if lvl == "" {
		lvl = "info"
	}
	if l, err := zerolog.ParseLevel(strings.ToLower(lvl)); err != nil || l == zerolog.NoLevel {
		p = append(p, fmt.Sprintf("LOG_LEVEL %q is not one of trace, debug, info, warn, error", lvl))
	} else {
		c.LogLevel = l
	}
	switch c.LogFormat {
	case "":
		c.LogFormat = "json"
	case "json", "console":
	default:
		p = append(p, fmt.Sprintf("LOG_FORMAT %q must be json or console", c.LogFormat))
	}
	tz := get("DEFAULT_TIMEZONE")
	if tz == "" {
		tz = "UTC"
	}
	if loc, err := time.LoadLocation(tz); err != nil {
		p = append(p, fmt.Sprintf("DEFAULT_TIMEZONE %q is not a known IANA timezone, e.g. Europe/Berlin", tz))
	} else {
		c.DefaultTimezone = loc
	}
	if c.KnowledgeDir != "" {
		if st, err := os.Stat(c.KnowledgeDir); err != nil || !st.IsDir() {
			p = append(p, fmt.Sprintf("KNOWLEDGE_DIR %q is not a readable directory", c.KnowledgeDir))
		}
	}
	for _, id := range c.AdminUserIDs {
		if !validID(id, "UW") {
			p = append(p, fmt.Sprintf("ADMIN_USER_IDS: %q is not a Slack user id like U012ABCDEF", id))
		}
	}
	for _, id := range c.AllowedTeamIDs {
		if !validID(id, "TE") {
			p = append(p, fmt.Sprintf("ALLOWED_TEAM_IDS: %q is not a Slack team id like T012ABCDEF", id))
		}
	}
	c.Workers = intSetting(get, "WORKERS", 16, 1, 1024, &p)
	c.Connections = intSetting(get, "SOCKET_CONNECTIONS", 2, 1, 10, &p)
	c.SessionTTL = durSetting(get, "SESSION_TTL", 24*time.Hour, &p)
	c.ReminderDelay = durSetting(get, "REMINDER_DELAY", 4*time.Hour, &p)
	c.TipGrace = durSetting(get, "TIP_GRACE", time.Hour, &p)
	c.ShutdownTimeout = durSetting(get, "SHUTDOWN_TIMEOUT", 10*time.Second, &p)
	c.JournalLease = durSetting(get, "JOURNAL_LEASE", 10*time.Second, &p)
	if c.JournalLease > 0 && c.JournalLease < 500*time.Millisecond {
		p = append(p, fmt.Sprintf("JOURNAL_LEASE %s is too short to renew in time: use 500ms or more", c.JournalLease))
	}
	c.TipRate = float64(intSetting(get, "TIP_RATE", 20, 1, 1000, &p))
	c.ExpertReminder = durSetting(get, "EXPERT_REMINDER", 24*time.Hour, &p)
	if c.ExpertsChannel = strings.TrimSpace(get("EXPERTS_CHANNEL")); c.ExpertsChannel != "" && !validID(c.ExpertsChannel, "CG") {
		p = append(p, fmt.Sprintf("EXPERTS_CHANNEL %q is not a Slack channel id like C012ABCDEF", c.ExpertsChannel))
	}
	if len(p) > 0 {
		return nil, &ValidationError{Problems: p}
	}
	return c, nil
}

func checkToken(name string, v Secret, prefix string) []string {
	switch {
	case v == "":
		return []string{fmt.Sprintf("%s is not set (it starts with %s)", name, prefix)}
	case !strings.HasPrefix(v.Value(), prefix):
		return []string{fmt.Sprintf("%s must start with %s (the value is not shown)", name, prefix)}
	}
	return nil
}

func validRedisScheme(s string) bool {
	switch s {
	case "redis", "rediss", "redis-cluster", "rediss-cluster":
		return true
	}
	return false
}

func validID(id, firsts string) bool {
	if len(id) < 3 || len(id) > 20 || !strings.ContainsRune(firsts, rune(id[0])) {
		return false
	}
	for _, r := range id {
		if (r < 'A' || r > 'Z') && (r < '0' || r > '9') {
			return false
		}
	}
	return true
}

func list(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func intSetting(get func(string) string, name string, def, lo, hi int, p *[]string) int {
	v := get(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		*p = append(*p, fmt.Sprintf("%s %q must be a whole number from %d to %d", name, v, lo, hi))
		return def
	}
	return n
}

func durSetting(get func(string) string, name string, def time.Duration, p *[]string) time.Duration {
	v := get(name)
	if v == "" {
		return def
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		*p = append(*p, fmt.Sprintf("%s %q must be a positive duration such as 4h or 30m", name, v))
		return def
	}
	return d
}
