package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/rs/zerolog"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/config"
	"github.com/advisor-bot/advisor/handlers/blockkit"
)

// Console identities: the local user talks to the advisor in a DM.
const (
	consoleUser    = "ULOCAL"
	consoleDM      = "DLOCAL"
	consoleTeam    = "TLOCAL"
	maxConsoleLine = 64 << 10
)

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
	log := newLogger(cfg, stderr)
	ctx := context.Background()
	c, err := newConsole(ctx, cfg, log, stdout)
	if err != nil {
		fmt.Fprintln(stderr, "advisor:", err)
		return 1
	}
	defer c.app.Close()
	if err := c.run(ctx, stdin); err != nil {
		fmt.Fprintln(stderr, "advisor:", err)
		return 1
	}
	return 0
}

// console runs the real handlers against a terminal instead of Slack.
type console struct {
	app     *App
	out     *screen
	handler bot.Handler
	seq     int
}

func newConsole(ctx context.Context, cfg *config.Config, log zerolog.Logger, w io.Writer) (*console, error) {
	out := newScreen(w)
	app, err := newCore(ctx, cfg, log)
	if err != nil {
		return nil, err
	}
	app.router = newRouter(app, out)
	return &console{app: app, out: out, handler: app.router}, nil
}

func (c *console) run(ctx context.Context, in io.Reader) error {
	c.out.println("advisor console: type a question or a command (help, compare, assess, tips …). Buttons show as [n]: type n to press one. End with Ctrl-D.")
	r := bufio.NewReaderSize(in, 64<<10)
	for {
		line, err := r.ReadString('\n')
		if len(line) > maxConsoleLine {
			line = line[:maxConsoleLine]
		}
		if strings.TrimSpace(line) != "" {
			c.handle(ctx, strings.TrimSpace(line))
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read input: %w", err)
		}
	}
}

// handle turns one typed line into a Request: a number presses a button
// shown before, a /ceo-vs-cto line is the slash command, anything else a DM.
func (c *console) handle(ctx context.Context, line string) {
	c.seq++
	req := &bot.Request{ID: "console-" + strconv.Itoa(c.seq), TeamID: consoleTeam, UserID: consoleUser,
		ChannelID: consoleDM, ChannelType: "im", MessageTS: c.out.nextTS()}
	if n, err := strconv.Atoi(line); err == nil {
		if b, ok := c.out.button(n); ok {
			req.Kind, req.ActionID, req.ActionValue = bot.KindAction, b.actionID, b.value
			req.MessageTS, req.ThreadTS, req.Ephemeral = b.messageTS, b.threadTS, b.ephemeral
			req.ResponseURL = "console://" + b.messageTS
			c.out.println("(pressed [" + line + "] " + b.label + ")")
			c.dispatch(ctx, req)
			return
		}
	}
	if cmd, rest, ok := strings.Cut(line, " "); strings.HasPrefix(line, blockkit.SlashCommand) {
		if !ok || cmd != blockkit.SlashCommand {
			rest = strings.TrimPrefix(line, blockkit.SlashCommand)
		}
		req.Kind, req.Command, req.Text = bot.KindCommand, blockkit.SlashCommand, strings.TrimSpace(rest)
		req.ResponseURL = "console://command"
	} else {
		req.Kind, req.Text = bot.KindDM, line
	}
	c.dispatch(ctx, req)
}

func (c *console) dispatch(ctx context.Context, req *bot.Request) {
	c.out.newTurn()
	reply, err := c.handler.Handle(ctx, req)
	if err != nil {
		c.out.println(":warning: Sorry, something went wrong: " + err.Error())
		return
	}
	if err := bot.Deliver(ctx, c.out, req, reply); err != nil {
		c.out.println(":warning: could not show the reply: " + err.Error())
	}
}
