package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/rs/zerolog"
	"github.com/slack-go/slack/socketmode"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/config"
	"github.com/advisor-bot/advisor/handlers"
	"github.com/advisor-bot/advisor/handlers/assessment"
	"github.com/advisor-bot/advisor/handlers/blockkit"
	"github.com/advisor-bot/advisor/handlers/drafts"
	"github.com/advisor-bot/advisor/handlers/experts"
	"github.com/advisor-bot/advisor/handlers/pairs"
	"github.com/advisor-bot/advisor/handlers/tips"
	"github.com/advisor-bot/advisor/internal/redisconn"
	"github.com/advisor-bot/advisor/knowledge"
	"github.com/advisor-bot/advisor/scheduler"
)

// App is the whole advisor, built from a Config: the same constructor runs
// in main and in the end-to-end tests.
type App struct {
	cfg     *config.Config
	log     zerolog.Logger
	prefix  string // every Redis key starts with it
	rdb     redis.UniversalClient
	closeR  func()
	kb      *knowledge.Base // as loaded from the files
	live    *knowledge.Live // what the router searches: kb and the entries published at run time
	client  *bot.Client
	router  *handlers.Router
	bot     *bot.Bot
	assess  *assessment.Service
	pairs   *pairs.Service
	drafts  *drafts.Service
	experts *experts.Service
	now     func() time.Time // the pairs' clock; nil is time.Now (tests set it)
	sched   *scheduler.Scheduler
	metrics *metrics
	health  *http.Server

	schedOpts []scheduler.Option // tests: a clock
	draftOpts []drafts.Option    // the console: publish applies at once
	httpLn    net.Listener
}

// appOption adjusts an App for tests (ping intervals and the like).
type appOption func(*appSettings)

type appSettings struct {
	botOpts   []bot.Option
	schedOpts []scheduler.Option
	prefix    string
	now       func() time.Time
}

// withClock gives the paired assessments a clock, so a test can let days
// pass between two founders' answers.
func withClock(now func() time.Time) appOption { return func(s *appSettings) { s.now = now } }

// withKeyPrefix keeps the App's Redis keys under prefix (tests use their own).
func withKeyPrefix(p string) appOption { return func(s *appSettings) { s.prefix = p } }

func withBotOptions(o ...bot.Option) appOption {
	return func(s *appSettings) { s.botOpts = append(s.botOpts, o...) }
}

// withSchedulerOptions adds options to the tips' scheduler (a test's clock).
func withSchedulerOptions(o ...scheduler.Option) appOption {
	return func(s *appSettings) { s.schedOpts = append(s.schedOpts, o...) }
}

func withSocketOptions(o ...socketmode.Option) appOption {
	return withBotOptions(bot.WithSocketOptions(o...))
}

// NewApp builds everything: Redis, knowledge, the Slack client, handlers
// and the bot. Nothing connects to Slack until Run.
func NewApp(ctx context.Context, cfg *config.Config, log zerolog.Logger, opts ...appOption) (*App, error) {
	st := appSettings{prefix: cfg.KeyPrefix}
	for _, o := range opts {
		o(&st)
	}
	a, err := newCore(ctx, cfg, log)
	if err != nil {
		return nil, err
	}
	a.prefix, a.schedOpts, a.now = st.prefix, st.schedOpts, st.now
	// Keep enough idle connections for every worker: the default two per
	// host made most Web API calls open a new connection (a TLS handshake
	// each, against real Slack) under load.
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = max(64, 2*cfg.Workers)
	httpc := &http.Client{Timeout: 30 * time.Second, Transport: slackTransport{next: tr, m: a.metrics}}
	api := bot.NewSlackAPI(cfg.BotToken.Value(), cfg.AppToken.Value(), cfg.SlackAPIURL, httpc)
	a.client = bot.NewClient(api)
	a.router = newRouter(a, a.client)
	if err := a.drafts.Reconcile(ctx); err != nil {
		log.Warn().Err(err).Msg("published knowledge not loaded yet; it is retried every few seconds")
	}
	botOpts := append([]bot.Option{
		bot.WithWorkers(cfg.Workers),
		bot.WithConnections(cfg.Connections),
		bot.WithShutdownTimeout(cfg.ShutdownTimeout),
		bot.WithAllowedTeams(cfg.AllowedTeamIDs),
		bot.WithObserver(a.metrics),
	}, st.botOpts...)
	a.bot = bot.New(api, a.client, a.router, bot.NewJournal(a.rdb, a.prefix, bot.WithLease(cfg.JournalLease)), log, botOpts...)
	if cfg.HTTPAddr != "" {
		if a.httpLn, err = net.Listen("tcp", cfg.HTTPAddr); err != nil {
			a.Close()
			return nil, fmt.Errorf("listen on HTTP_ADDR %s: %w", cfg.HTTPAddr, err)
		}
		a.health = &http.Server{Handler: a.healthMux(), ReadHeaderTimeout: 5 * time.Second}
	}
	return a, nil
}

// newCore loads the knowledge and opens Redis: what the console and Slack
// modes share.
func newCore(ctx context.Context, cfg *config.Config, log zerolog.Logger) (*App, error) {
	kb, err := knowledge.Load(cfg.KnowledgeDir)
	if err != nil {
		return nil, fmt.Errorf("load knowledge: %w", err)
	}
	rdb, closeR, err := redisconn.Open(ctx, cfg.RedisURL.Value(), log)
	if err != nil {
		return nil, err
	}
	m := newMetrics()
	rdb.AddHook(redisHook{m: m})
	return &App{cfg: cfg, log: log, rdb: rdb, closeR: closeR, kb: kb, live: knowledge.NewLive(kb), prefix: cfg.KeyPrefix, metrics: m}, nil
}

// Slack is everything the handlers, assessments and tips call on the Web
// API: *bot.Client in Slack mode, the terminal in console mode.
type Slack interface {
	handlers.Slack
	handlers.Assistant
	assessment.Slack
	pairs.Slack
	experts.Slack
	tips.Slack
	drafts.Slack
}

// newRouter builds the assessments, the scheduler and the command router
// over sl.
func newRouter(a *App, sl Slack) *handlers.Router {
	cfg := a.cfg
	a.assess = assessment.NewService(a.rdb, a.prefix, a.kb, sl, a.log,
		assessment.WithTTL(cfg.SessionTTL), assessment.WithReminderDelay(cfg.ReminderDelay),
		assessment.WithObserver(a.metrics))
	schedOpts := append([]scheduler.Option{scheduler.WithGrace(cfg.TipGrace), scheduler.WithGlobalRate(cfg.TipRate),
		scheduler.WithWeakness(a.assess), scheduler.WithDefaultTimezone(cfg.DefaultTimezone.String()),
		scheduler.WithObserver(a.metrics)}, a.schedOpts...)
	a.sched = tips.NewScheduler(a.rdb, a.prefix, a.kb, sl, a.log, schedOpts...)
	a.sched.Every("assessment reminders", assessment.ReminderInterval, a.assess.RemindDue)
	pairOpts := []pairs.Option{pairs.WithReminderDelay(cfg.ReminderDelay)}
	if a.now != nil {
		pairOpts = append(pairOpts, pairs.WithClock(a.now))
	}
	a.pairs = pairs.NewService(a.rdb, a.prefix, a.kb, sl, a.log, pairOpts...)
	a.sched.Every("pair reminders", pairs.ReminderInterval, a.pairs.RemindDue)
	var router *handlers.Router
	isAdmin := func(ctx context.Context, u string) bool { return router.IsAdmin(ctx, u) }
	a.drafts = drafts.NewService(a.rdb, a.prefix, a.live, cfg.KnowledgeDir, sl, isAdmin, a.log,
		append([]drafts.Option{drafts.WithObserver(a.metrics)}, a.draftOpts...)...)
	expertOpts := []experts.Option{experts.WithChannel(cfg.ExpertsChannel), experts.WithReminder(cfg.ExpertReminder),
		experts.WithObserver(a.metrics), experts.WithDrafts(draftSink{a.drafts})}
	if a.now != nil {
		expertOpts = append(expertOpts, experts.WithClock(a.now))
	}
	a.experts = experts.NewService(a.rdb, a.prefix, sl, isAdmin, a.log, expertOpts...)
	a.sched.Every("expert reminders", experts.ReminderInterval, a.experts.RemindDue)
	tipCmds := tips.NewCommands(a.sched, sl, cfg.AdminUserIDs, cfg.DefaultTimezone.String())
	store := handlers.NewStore(a.rdb, a.prefix)
	store.OnUnanswered(a.metrics.unanswered.Inc)
	router = handlers.NewRouter(a.kb, sl, store,
		handlers.WithKnowledge(a.live),
		handlers.WithAdmins(cfg.AdminUserIDs),
		handlers.WithAssistant(sl),
		handlers.WithAssessments(a.assess),
		handlers.WithCallbacks(blockkit.PrefixAssess, a.assess),
		handlers.WithPairs(a.pairs),
		handlers.WithCallbacks(blockkit.PrefixPair, a.pairs),
		handlers.WithExperts(a.experts),
		handlers.WithCallbacks(blockkit.PrefixExperts, a.experts),
		handlers.WithTips(tipCmds),
		handlers.WithCallbacks(blockkit.PrefixTips, tipCmds),
		handlers.WithCommand("drafts", "Drafts", a.drafts),
		handlers.WithCommand("kb", "Knowledge edits", a.drafts.KB()),
		handlers.WithActions(drafts.Prefix, a.drafts),
		handlers.WithCallbacks(drafts.Prefix, a.drafts),
		handlers.WithHomeSections(
			a.assess,
			a.pairs,
			tips.Home{Subs: a.sched, IsAdmin: isAdmin},
			a.drafts,
		))
	return router
}

// draftSink hands an expert's answer to the drafts (the two features know
// nothing of each other): the asker's question, the expert's text as the
// short answer (drafts splits a long one), who, when, and the request it
// answers, which keeps it to one draft per request.
type draftSink struct{ d *drafts.Service }

// AddDraft implements experts.DraftSink.
func (s draftSink) AddDraft(ctx context.Context, d experts.Draft) error {
	return s.d.AddDraft(ctx, drafts.Draft{Question: d.Question, Short: d.Answer, ExpertID: d.ExpertID,
		AskerID: d.AskerID, At: d.At, RequestID: d.RequestID})
}

// Run authenticates, then serves Slack until ctx is cancelled.
func (a *App) Run(ctx context.Context) error {
	if err := a.bot.Authenticate(ctx); err != nil {
		return err
	}
	var wg sync.WaitGroup
	if a.health != nil {
		wg.Go(func() {
			if err := a.health.Serve(a.httpLn); err != nil && !errors.Is(err, http.ErrServerClosed) {
				a.log.Error().Err(err).Msg("health server stopped")
			}
		})
	}
	wg.Go(func() {
		if err := a.drafts.Run(ctx); err != nil {
			a.log.Error().Err(err).Msg("published knowledge stopped following")
		}
	})
	wg.Go(func() {
		if err := a.sched.Run(ctx); err != nil {
			a.log.Error().Err(err).Msg("scheduler stopped")
		}
	})
	err := a.bot.Run(ctx)
	if a.health != nil {
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Second)
		_ = a.health.Shutdown(sctx)
		cancel()
	}
	wg.Wait()
	return err
}

// HTTPAddr is the address /healthz, /readyz and /metrics listen on, or "".
func (a *App) HTTPAddr() string {
	if a.httpLn == nil {
		return ""
	}
	return a.httpLn.Addr().String()
}

// Close releases Redis (and the embedded server, if any).
func (a *App) Close() {
	a.closeR()
}

func (a *App) healthMux() *http.ServeMux {
	mux := http.NewServeMux()
	mux.Handle("/metrics", a.metrics.handler())
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("/readyz", func(w http.ResponseWriter, r *http.Request) {
		var problems []string
		if !a.bot.Connected() {
			problems = append(problems, "socket mode: not connected")
		}
		ctx, cancel := context.WithTimeout(r.Context(), time.Second)
		defer cancel()
		if err := a.rdb.Ping(ctx).Err(); err != nil {
			problems = append(problems, "redis: not reachable")
		}
		if !a.sched.Running() {
			problems = append(problems, "scheduler: not running (waiting for redis)")
		}
		if len(problems) > 0 {
			w.WriteHeader(http.StatusServiceUnavailable)
			for _, p := range problems {
				_, _ = w.Write([]byte(p + "\n"))
			}
			return
		}
		_, _ = w.Write([]byte("ready\n"))
	})
	return mux
}
