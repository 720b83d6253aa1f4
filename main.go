// Command advisor is a Slack bot that compares the CEO and CTO seats,
// answers questions about them from its knowledge base, runs short
// assessments as threaded conversations and posts scheduled tips.
//
//	advisor [run]         connect to Slack over Socket Mode
//	advisor console       the same handlers on standard input and output
//	advisor kb lint DIR   validate knowledge files
//	advisor kb eval FILE  score the replies to a question set
//	advisor kb export DIR write the entries published from Slack as files
//	advisor healthcheck   probe /readyz
//	advisor version
//
// main.go holds the commands, app.go the wiring (NewApp, the constructor the
// end-to-end tests use too, and the health server), metrics.go the
// Prometheus metrics. This package is the only one that imports config and
// handlers; the map of the others is in the README's architecture section.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/rs/zerolog"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/config"
	"github.com/advisor-bot/advisor/console"
	"github.com/advisor-bot/advisor/handlers/blockkit"
	"github.com/advisor-bot/advisor/handlers/drafts"
	"github.com/advisor-bot/advisor/internal/evalset"
	"github.com/advisor-bot/advisor/knowledge"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

const usage = `advisor: the CEO vs CTO advisor for Slack.

Usage:
  advisor [run]          connect to Slack over Socket Mode (needs SLACK_APP_TOKEN, SLACK_BOT_TOKEN)
  advisor console        type commands and questions; answers print here (no Slack needed)
  advisor kb lint [DIR]  validate the knowledge base (embedded, plus DIR if given)
  advisor kb eval FILE   score the replies to a question set (e.g. ../shared/eval/questions.yaml)
  advisor kb export [DIR] write the entries published from Slack as knowledge files (needs REDIS_URL)
  advisor healthcheck    exit 0 if this host's /readyz answers 200 (for container health checks)
  advisor version        print the version

Settings come from the environment or a .env file; see README.md.
`

// run is main without os.Exit, so tests can call it. Exit codes: 0 ok,
// 1 runtime failure, 2 bad usage or configuration.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cmd := "run"
	if len(args) > 0 {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "-h", "--help", "help":
		fmt.Fprint(stdout, usage)
		return 0
	case "version", "--version":
		fmt.Fprintln(stdout, "advisor", version)
		return 0
	case "run":
		return runSlack(args, stdout, stderr)
	case "console":
		return runConsole(args, stdin, stdout, stderr)
	case "kb":
		return runKB(args, stdout, stderr)
	case "healthcheck":
		return runHealthcheck(args, stdout, stderr)
	}
	fmt.Fprintf(stderr, "advisor: unknown command %q\n\n%s", cmd, usage)
	return 2
}

// parseFlags parses a subcommand's flags, defined by the define funcs; it
// returns the exit code and false when the command should not run.
func parseFlags(name, help string, args []string, stdout, stderr io.Writer, define ...func(*flag.FlagSet)) (*flag.FlagSet, int, bool) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	for _, d := range define {
		d(fs)
	}
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stdout, help) }
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return fs, 0, false
		}
		return fs, 2, false
	}
	return fs, 0, true
}

func runSlack(args []string, stdout, stderr io.Writer) int {
	const help = "Usage: advisor run\n\nConnects to Slack over Socket Mode and answers until SIGINT or SIGTERM.\n" +
		"Needs SLACK_APP_TOKEN (xapp-…) and SLACK_BOT_TOKEN (xoxb-…); see README.md for every setting.\n"
	if _, code, ok := parseFlags("run", help, args, stdout, stderr); !ok {
		return code
	}
	cfg, err := config.Load(config.ModeSlack)
	if err != nil {
		fmt.Fprintln(stderr, "advisor:", err)
		return 2
	}
	log := newLogger(cfg, stderr)
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	started := time.Now()
	app, err := NewApp(ctx, cfg, log)
	if err != nil {
		log.Error().Err(err).Msg("cannot start")
		return 1
	}
	defer app.Close()
	log.Info().Str("version", version).Dur("startup", time.Since(started)).Msg("advisor starting")
	if err := app.Run(ctx); err != nil {
		if errors.Is(err, bot.ErrAuth) {
			log.Error().Err(err).Msg("Slack rejected a token: check SLACK_BOT_TOKEN and SLACK_APP_TOKEN")
			return 2
		}
		log.Error().Err(err).Msg("stopped with an error")
		return 1
	}
	log.Info().Msg("advisor stopped")
	return 0
}

func runKB(args []string, stdout, stderr io.Writer) int {
	const help = "Usage: advisor kb lint [DIR]\n       advisor kb eval [-q] FILE\n       advisor kb export [DIR]\n\nlint validates the embedded knowledge base, plus the YAML files in DIR if given;\nexits 1 and lists every problem if any. eval scores the advisor's replies to a\nquestion set (see advisor kb eval -h).\n"
	if len(args) > 0 && args[0] == "eval" {
		return runKBEval(args[1:], stdout, stderr)
	}
	if len(args) > 0 && args[0] == "export" {
		return runKBExport(args[1:], stdout, stderr)
	}
	if len(args) == 0 || args[0] != "lint" {
		fmt.Fprint(stderr, help)
		return 2
	}
	fs, code, ok := parseFlags("kb lint", help, args[1:], stdout, stderr)
	if !ok {
		return code
	}
	dir := fs.Arg(0)
	if err := knowledge.Lint(dir); err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	kb, _ := knowledge.Load(dir)
	fmt.Fprintf(stdout, "knowledge ok: %d comparisons, %d FAQ entries, %d tips, %d assessments\n",
		len(kb.Comparisons), len(kb.FAQ), len(kb.Tips), len(kb.Assessments))
	return 0
}

// runKBEval sends every case of a question set through the path a DM
// takes (decode, router, rendering, delivery) and scores the prose a
// person would read, buttons stripped.
func runKBEval(args []string, stdout, stderr io.Writer) int {
	const help = "Usage: advisor kb eval [-q] FILE\n\nSends every case of FILE (the shared question-set format: cases with id, q,\n" +
		"kind, must_any, must_not) to the advisor as a DM, scores the replies and prints\n" +
		"the pass rate per kind, the confident wrong answers and every failure.\n" +
		"-q prints the rates only. Exits 1 if FILE cannot be read.\n"
	var quiet bool
	fs, code, ok := parseFlags("kb eval", help, args, stdout, stderr, func(fs *flag.FlagSet) {
		fs.BoolVar(&quiet, "q", false, "print the rates only")
	})
	if !ok {
		return code
	}
	if fs.NArg() != 1 {
		fmt.Fprint(stderr, help)
		return 2
	}
	set, err := evalset.Load(fs.Arg(0))
	if err != nil {
		fmt.Fprintln(stderr, "advisor:", err)
		return 1
	}
	rep, err := evaluate(context.Background(), set)
	if err != nil {
		fmt.Fprintln(stderr, "advisor:", err)
		return 1
	}
	rep.Write(stdout, !quiet)
	return 0
}

// evaluate runs set through a fresh advisor (embedded Redis unless
// REDIS_URL says otherwise, knowledge from KNOWLEDGE_DIR if set).
func evaluate(ctx context.Context, set *evalset.Set) (*evalset.Report, error) {
	cfg, err := config.Load(config.ModeConsole)
	if err != nil {
		return nil, err
	}
	cfg.KeyPrefix = fmt.Sprintf("advisor-eval:%d:", os.Getpid())
	app, err := newCore(ctx, cfg, zerolog.Nop())
	if err != nil {
		return nil, err
	}
	defer app.Close()
	out := &console.Transcript{}
	return console.Eval(ctx, newRouter(app, out), out, set)
}

// runConsole runs the real handlers against this terminal instead of Slack.
func runConsole(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	const help = "Usage: advisor console\n\nReads lines from standard input, each a DM to the advisor (a line starting with\n" +
		"/ceo-vs-cto is the slash command), and prints the replies. Buttons print as numbered\n" +
		"choices: type the number to press one. Uses an embedded Redis unless REDIS_URL is set.\n"
	if _, code, ok := parseFlags("console", help, args, stdout, stderr); !ok {
		return code
	}
	cfg, err := config.Load(config.ModeConsole)
	if err != nil {
		fmt.Fprintln(stderr, "advisor:", err)
		return 2
	}
	if os.Getenv("LOG_LEVEL") == "" {
		cfg.LogLevel = zerolog.ErrorLevel // keep the conversation readable
	}
	cfg.LogFormat = "console"
	if cfg.ExpertsChannel == "" {
		cfg.ExpertsChannel = console.Experts // you are the expert too: Ask a person posts to the console
	}
	ctx := context.Background()
	app, err := newCore(ctx, cfg, newLogger(cfg, stderr))
	if err != nil {
		fmt.Fprintln(stderr, "advisor:", err)
		return 1
	}
	defer app.Close()
	screen := console.NewScreen(stdout)
	app.draftOpts = []drafts.Option{drafts.WithSyncApply()}
	app.router = newRouter(app, screen)
	if err := app.drafts.Reconcile(ctx); err != nil {
		fmt.Fprintln(stderr, "advisor: published knowledge:", err)
	}
	if err := console.Run(ctx, stdin, app.router, screen, blockkit.SlashCommand); err != nil {
		fmt.Fprintln(stderr, "advisor:", err)
		return 1
	}
	return 0
}

// runHealthcheck asks the running advisor's /readyz (on HTTP_ADDR) whether
// it is ready: a container health check for images without curl.
func runHealthcheck(args []string, stdout, stderr io.Writer) int {
	const help = "Usage: advisor healthcheck [URL]\n\nGETs URL (default http://127.0.0.1<HTTP_ADDR port>/readyz) and exits 0 on 200.\n"
	fs, code, ok := parseFlags("healthcheck", help, args, stdout, stderr)
	if !ok {
		return code
	}
	url := fs.Arg(0)
	if url == "" {
		addr := os.Getenv("HTTP_ADDR")
		if addr == "" {
			fmt.Fprintln(stderr, "advisor healthcheck: HTTP_ADDR is not set")
			return 2
		}
		if strings.HasPrefix(addr, ":") {
			addr = "127.0.0.1" + addr
		}
		url = "http://" + addr + "/readyz"
	}
	c := &http.Client{Timeout: 3 * time.Second}
	res, err := c.Get(url)
	if err != nil {
		fmt.Fprintln(stderr, "advisor healthcheck:", err)
		return 1
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(res.Body, 4096))
	fmt.Fprint(stdout, string(body))
	if res.StatusCode != http.StatusOK {
		return 1
	}
	return 0
}

func newLogger(cfg *config.Config, w io.Writer) zerolog.Logger {
	zerolog.TimeFieldFormat = time.RFC3339Nano
	out := w
	if cfg.LogFormat == "console" {
		out = zerolog.ConsoleWriter{Out: w, TimeFormat: "15:04:05.000"}
	}
	return zerolog.New(out).Level(cfg.LogLevel).With().Timestamp().Str("app", "advisor").Logger()
}
