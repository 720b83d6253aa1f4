// Package console runs the advisor's handlers without Slack. Run reads a
// terminal's lines as DMs and slash commands and prints the replies on a
// Screen, the console's stand-in for the Web API; Eval sends a question set
// through the path a DM takes, to a Transcript that keeps the prose, and
// scores it.
//
// It owns no Redis keys and no action ids: the handlers it is given do.
// It imports bot (Request, Reply, Decode, Deliver) and internal/evalset;
// it must not import handlers or its features (the command name and the
// handler come from main).
package console

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/advisor-bot/advisor/bot"
)

// The console's identities: the local user talks to the advisor in a DM,
// and is the expert too: the experts channel prints in the same terminal.
const (
	User    = "ULOCAL"
	DM      = "DLOCAL"
	Team    = "TLOCAL"
	Experts = "CEXPERTS"
)

// maxLine caps one typed line.
const maxLine = 64 << 10

// Run reads lines from in until it ends, each a DM to h (or, starting
// with command, the slash command; or a number, a press of a button shown
// before), and prints the replies on s. While a modal is open, each line
// answers its next input instead (see modal.go).
func Run(ctx context.Context, in io.Reader, h bot.Handler, s *Screen, command string) error {
	c := &session{out: s, handler: h, command: command}
	s.println("advisor console: type a question or a command (help, compare, assess, tips …). Buttons show as [n]: type n to press one. End with Ctrl-D.")
	r := bufio.NewReaderSize(in, 64<<10)
	for {
		line, err := r.ReadString('\n')
		if len(line) > maxLine {
			line = line[:maxLine]
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

// session is one console run: the handlers against a terminal.
type session struct {
	out     *Screen
	handler bot.Handler
	command string
	seq     int
}

// handle turns one typed line into a Request: a number presses a button
// shown before, a slash-command line is the slash command, anything else a DM.
func (c *session) handle(ctx context.Context, line string) {
	c.seq++
	if c.fillModal(ctx, line) {
		return
	}
	req := &bot.Request{ID: "console-" + strconv.Itoa(c.seq), TeamID: Team, UserID: User,
		ChannelID: DM, ChannelType: "im", MessageTS: c.out.nextTS()}
	if n, err := strconv.Atoi(line); err == nil {
		if b, ok := c.out.button(n); ok {
			req.Kind, req.ActionID, req.ActionValue = bot.KindAction, b.actionID, b.value
			req.MessageTS, req.ThreadTS, req.Ephemeral = b.messageTS, b.threadTS, b.ephemeral
			req.ResponseURL, req.TriggerID = "console://"+b.messageTS, "console-trigger-"+strconv.Itoa(c.seq)
			c.out.println("(pressed [" + line + "] " + b.label + ")")
			c.dispatch(ctx, req)
			return
		}
	}
	if cmd, rest, ok := strings.Cut(line, " "); strings.HasPrefix(line, c.command) {
		if !ok || cmd != c.command {
			rest = strings.TrimPrefix(line, c.command)
		}
		req.Kind, req.Command, req.Text = bot.KindCommand, c.command, strings.TrimSpace(rest)
		req.ResponseURL, req.TriggerID = "console://command", "console-trigger-"+strconv.Itoa(c.seq)
	} else {
		req.Kind, req.Text = bot.KindDM, line
	}
	c.dispatch(ctx, req)
}

func (c *session) dispatch(ctx context.Context, req *bot.Request) {
	c.out.newTurn()
	reply, err := c.handler.Handle(ctx, req)
	if err != nil {
		c.out.println(":warning: Sorry, something went wrong: " + err.Error())
		return
	}
	c.deliver(ctx, req, reply)
}

// deliver shows reply as Slack would, then runs what comes after it.
func (c *session) deliver(ctx context.Context, req *bot.Request, reply bot.Reply) {
	if err := bot.Deliver(ctx, c.out, req, reply); err != nil {
		c.out.println(":warning: could not show the reply: " + err.Error())
	}
	if reply.After != nil {
		if err := reply.After(ctx); err != nil {
			c.out.println(":warning: " + err.Error())
		}
	}
}
