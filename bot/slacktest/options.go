package slacktest

import (
	"time"

	"github.com/rs/zerolog"
)

// config holds what the Options set.
type config struct {
	botUserID    string
	botID        string
	teamID       string
	appID        string
	botToken     string
	appToken     string
	pingInterval time.Duration
	triggerTTL   time.Duration
	now          func() time.Time
	log          zerolog.Logger
}

func defaultConfig() config {
	return config{
		botUserID:    DefaultBotUserID,
		botID:        DefaultBotID,
		teamID:       DefaultTeamID,
		appID:        DefaultAppID,
		botToken:     DefaultBotToken,
		appToken:     DefaultAppToken,
		pingInterval: DefaultPingInterval,
		triggerTTL:   DefaultTriggerTTL,
		now:          time.Now,
		log:          zerolog.Nop(),
	}
}

// Option configures a Server in New.
type Option func(*config)

// WithBotUserID sets the bot's user id (auth.test user_id, the mention in
// app_mention text).
func WithBotUserID(id string) Option { return func(c *config) { c.botUserID = id } }

// WithBotID sets the bot id auth.test reports (bot_id).
func WithBotID(id string) Option { return func(c *config) { c.botID = id } }

// WithTeamID sets the workspace id used in envelopes and auth.test.
func WithTeamID(id string) Option { return func(c *config) { c.teamID = id } }

// WithAppID sets the app id sent in hello and in every payload.
func WithAppID(id string) Option { return func(c *config) { c.appID = id } }

// WithBotToken sets the only bot token Web API methods accept; any other gets
// invalid_auth.
func WithBotToken(token string) Option { return func(c *config) { c.botToken = token } }

// WithAppToken sets the only app-level token apps.connections.open accepts;
// any other gets invalid_auth (which slack-go's RunContext treats as fatal).
func WithAppToken(token string) Option { return func(c *config) { c.appToken = token } }

// WithPingInterval sets how often the server pings each WebSocket. slack-go
// drops a connection that sees no ping within its OptionPingInterval (30 s by
// default), so keep this well below the client's setting.
func WithPingInterval(d time.Duration) Option { return func(c *config) { c.pingInterval = d } }

// WithLogger makes the server log connections, envelopes and injected
// failures (debug level) to l.
func WithLogger(l zerolog.Logger) Option { return func(c *config) { c.log = l } }

// WithTriggerTTL sets how long a trigger_id can open a modal (default
// DefaultTriggerTTL, Slack's 3 s); a test of the expiry sets it near zero.
func WithTriggerTTL(d time.Duration) Option { return func(c *config) { c.triggerTTL = d } }
