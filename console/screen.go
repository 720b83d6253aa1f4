package console

import (
	"context"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/bot"
)

// Screen is the console's Slack: every Web API call the handlers make
// prints as readable text, and buttons become numbered choices.
type Screen struct {
	mu      sync.Mutex
	w       io.Writer
	ts      int
	buttons []shownButton
	modal   *modal // the modal being filled in, if any
	views   int
}

type shownButton struct {
	label, actionID, value string
	messageTS, threadTS    string
	ephemeral              bool
}

// NewScreen prints to w.
func NewScreen(w io.Writer) *Screen { return &Screen{w: w} }

func (s *Screen) println(line string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fmt.Fprintln(s.w, line)
}

func (s *Screen) nextTS() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ts++
	return fmt.Sprintf("1700000000.%06d", s.ts)
}

// newTurn forgets the buttons of earlier turns: numbers refer to what the
// last answer showed.
func (s *Screen) newTurn() {
	s.mu.Lock()
	s.buttons = nil
	s.mu.Unlock()
}

func (s *Screen) button(n int) (shownButton, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if n < 1 || n > len(s.buttons) {
		return shownButton{}, false
	}
	return s.buttons[n-1], true
}

// show prints a message: its blocks rendered as text, or its text.
func (s *Screen) show(header, text string, blocks []slack.Block, ts, thread string, ephemeral bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var b strings.Builder
	b.WriteString("\n" + header + "\n")
	if len(blocks) == 0 {
		b.WriteString(indent(terminalText(text)) + "\n")
	}
	for _, blk := range blocks {
		s.renderBlock(&b, blk, ts, thread, ephemeral)
	}
	fmt.Fprint(s.w, b.String())
}

func (s *Screen) renderBlock(b *strings.Builder, blk slack.Block, ts, thread string, ephemeral bool) {
	switch v := blk.(type) {
	case *slack.HeaderBlock:
		b.WriteString(indent("== "+v.Text.Text+" ==") + "\n")
	case *slack.SectionBlock:
		if v.Text != nil {
			b.WriteString(indent(terminalText(v.Text.Text)) + "\n")
		}
		for _, f := range v.Fields {
			b.WriteString(indent("  "+strings.ReplaceAll(terminalText(f.Text), "\n", "\n    ")) + "\n")
		}
		if v.Accessory != nil && v.Accessory.ButtonElement != nil {
			s.addButton(b, v.Accessory.ButtonElement, ts, thread, ephemeral)
		}
	case *slack.ContextBlock:
		for _, e := range v.ContextElements.Elements {
			if t, ok := e.(*slack.TextBlockObject); ok {
				b.WriteString(indent("  ("+terminalText(t.Text)+")") + "\n")
			}
		}
	case *slack.DividerBlock:
		b.WriteString(indent("----") + "\n")
	case *slack.ActionBlock:
		for _, e := range v.Elements.ElementSet {
			if btn, ok := e.(*slack.ButtonBlockElement); ok {
				s.addButton(b, btn, ts, thread, ephemeral)
			}
		}
	case *slack.ContextActionsBlock:
		for _, e := range v.Elements.ElementSet {
			if fb, ok := e.(*slack.FeedbackButtonsBlockElement); ok {
				for _, fbb := range []*slack.FeedbackButton{fb.PositiveButton, fb.NegativeButton} {
					s.addButton(b, slack.NewButtonBlockElement(fb.ActionID, fbb.Value, fbb.Text), ts, thread, ephemeral)
				}
			}
		}
	}
}

func (s *Screen) addButton(b *strings.Builder, btn *slack.ButtonBlockElement, ts, thread string, ephemeral bool) {
	label := ""
	if btn.Text != nil {
		label = btn.Text.Text
	}
	s.buttons = append(s.buttons, shownButton{label: label, actionID: btn.ActionID, value: btn.Value,
		messageTS: ts, threadTS: thread, ephemeral: ephemeral})
	b.WriteString(indent("  ["+strconv.Itoa(len(s.buttons))+"] "+label) + "\n")
}

func indent(s string) string { return "  " + strings.ReplaceAll(s, "\n", "\n  ") }

var (
	userRef = regexp.MustCompile(`<@([A-Z0-9]+)>`)
	linkRef = regexp.MustCompile(`<(https?://[^|>]+)\|([^>]+)>`)
)

// terminalText turns mrkdwn markup into plain readable text.
func terminalText(s string) string {
	s = userRef.ReplaceAllString(s, "@$1")
	s = linkRef.ReplaceAllString(s, "$2 ($1)")
	return strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&").Replace(s)
}

// Post prints a message the bot posts.
func (s *Screen) Post(_ context.Context, m bot.Message) (string, error) {
	ts := s.nextTS()
	where := "advisor:"
	switch {
	case m.Channel == Experts:
		where = "advisor, in the experts channel (you are the expert here):"
	case m.ThreadTS != "":
		where = "advisor (in thread):"
	}
	s.show(where, m.Text, m.Blocks, ts, m.ThreadTS, false)
	return ts, nil
}

// PostEphemeral prints a message only the user would see.
func (s *Screen) PostEphemeral(_ context.Context, m bot.Message) error {
	s.show("advisor (only you can see this):", m.Text, m.Blocks, s.nextTS(), m.ThreadTS, true)
	return nil
}

// Update prints the new version of an earlier message.
func (s *Screen) Update(_ context.Context, channel, ts string, m bot.Message) error {
	header := "advisor (updated an earlier message):"
	if channel == Experts {
		header = "advisor (updated its message in the experts channel):"
	}
	s.show(header, m.Text, m.Blocks, ts, "", false)
	return nil
}

// Respond prints a reply to a slash command or a button.
func (s *Screen) Respond(_ context.Context, _ string, r bot.Reply, inChannel bool) error {
	header := "advisor (only you can see this):"
	if inChannel {
		header = "advisor (posted in the channel):"
	}
	if r.ReplaceOriginal {
		header = "advisor (replaced the message):"
	}
	s.show(header, r.Text, r.Blocks, s.nextTS(), "", !inChannel)
	return nil
}

// DeleteOriginal notes that a private message went away.
func (s *Screen) DeleteOriginal(context.Context, string) error {
	s.println("  (the private message was removed)")
	return nil
}

// OpenDM returns the console's DM.
func (s *Screen) OpenDM(context.Context, string) (string, error) { return DM, nil }

// UserInfo describes the local user: an admin, in the default timezone.
func (s *Screen) UserInfo(_ context.Context, id string) (*slack.User, error) {
	return &slack.User{ID: id, Name: "you", IsAdmin: true, TZ: "UTC"}, nil
}

// PublishHome prints the App Home.
func (s *Screen) PublishHome(_ context.Context, _ string, blocks []slack.Block) error {
	s.show("App Home:", "", blocks, s.nextTS(), "", true)
	return nil
}

// IsMember: the console is always a member of its own DM.
func (s *Screen) IsMember(context.Context, string) (bool, error) { return true, nil }

// HasMember: the local user is in every conversation, the experts channel
// too.
func (s *Screen) HasMember(context.Context, string, string) (bool, error) { return true, nil }

// Permalink names a message of the console's conversation.
func (s *Screen) Permalink(_ context.Context, channel, ts string) (string, error) {
	return "console://" + channel + "/" + ts, nil
}

// SetSuggestedPrompts prints the prompts the assistant pane would offer.
func (s *Screen) SetSuggestedPrompts(_ context.Context, _, _, title string, prompts []slack.AssistantThreadsPrompt) error {
	var names []string
	for _, p := range prompts {
		names = append(names, p.Title)
	}
	s.println("  (" + title + ": " + strings.Join(names, " · ") + ")")
	return nil
}

// SetThreadTitle prints the title the assistant pane would show.
func (s *Screen) SetThreadTitle(_ context.Context, _, _, title string) error {
	s.println("  (thread title: " + title + ")")
	return nil
}

// SetThreadStatus prints the status line the assistant pane would show.
func (s *Screen) SetThreadStatus(_ context.Context, _, _, status string) error {
	if status != "" {
		s.println("  (advisor " + status + ")")
	}
	return nil
}

// UploadFile prints what a shared file is: a terminal shows no image, and
// every chart's message says the same in text.
func (s *Screen) UploadFile(_ context.Context, f bot.File) (string, error) {
	s.println(indent(fmt.Sprintf("[%s: %s, %d bytes] %s", f.Name, f.Title, len(f.Content), terminalText(f.AltText))))
	return "F" + strconv.Itoa(len(f.Content)), nil
}
