package console

import (
	"context"
	"strings"
	"sync"

	"github.com/advisor-bot/advisor/bot"
	"github.com/slack-go/slack"
)

// Transcript is the eval's Slack: it keeps the prose of what the advisor
// posts and drops every button, as the question set's scoring says.
type Transcript struct {
	mu sync.Mutex
	b  strings.Builder
}

func (t *Transcript) reset() { t.mu.Lock(); t.b.Reset(); t.mu.Unlock() }

func (t *Transcript) text() string { t.mu.Lock(); defer t.mu.Unlock(); return t.b.String() }

func (t *Transcript) add(text string, blocks []slack.Block) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(blocks) == 0 {
		t.b.WriteString(text + "\n")
	}
	for _, blk := range blocks {
		switch v := blk.(type) {
		case *slack.HeaderBlock:
			t.b.WriteString(v.Text.Text + "\n")
		case *slack.SectionBlock:
			if v.Text != nil {
				t.b.WriteString(v.Text.Text + "\n")
			}
			for _, f := range v.Fields {
				t.b.WriteString(f.Text + "\n")
			}
		case *slack.ContextBlock:
			for _, e := range v.ContextElements.Elements {
				if o, ok := e.(*slack.TextBlockObject); ok {
					t.b.WriteString(o.Text + "\n")
				}
			}
		}
	}
}

// Post keeps the prose of a posted message.
func (t *Transcript) Post(_ context.Context, m bot.Message) (string, error) {
	t.add(m.Text, m.Blocks)
	return "1700000001.000001", nil
}

// PostEphemeral keeps the prose of an ephemeral message.
func (t *Transcript) PostEphemeral(_ context.Context, m bot.Message) error {
	t.add(m.Text, m.Blocks)
	return nil
}

// Update keeps the prose of an updated message.
func (t *Transcript) Update(_ context.Context, _, _ string, m bot.Message) error {
	t.add(m.Text, m.Blocks)
	return nil
}

// Respond keeps the prose of a reply to a slash command or a click.
func (t *Transcript) Respond(_ context.Context, _ string, r bot.Reply, _ bool) error {
	t.add(r.Text, r.Blocks)
	return nil
}

// DeleteOriginal does nothing: a removed message was already read.
func (t *Transcript) DeleteOriginal(context.Context, string) error { return nil }

// OpenDM returns the user's DM, "D" and their id, as the eval names it.
func (t *Transcript) OpenDM(_ context.Context, user string) (string, error) { return "D" + user, nil }

// UserInfo describes any user as a non-admin in UTC.
func (t *Transcript) UserInfo(_ context.Context, id string) (*slack.User, error) {
	return &slack.User{ID: id, Name: "eval", TZ: "UTC"}, nil
}

// PublishHome does nothing: the eval reads DMs only.
func (t *Transcript) PublishHome(context.Context, string, []slack.Block) error { return nil }

// IsMember: the eval is a member everywhere.
func (t *Transcript) IsMember(context.Context, string) (bool, error) { return true, nil }

// HasMember: everyone is in every conversation.
func (t *Transcript) HasMember(context.Context, string, string) (bool, error) { return true, nil }

// OpenView notes a modal's prose: the eval fills in no forms.
func (t *Transcript) OpenView(_ context.Context, _ string, v slack.ModalViewRequest) (string, error) {
	t.add("", v.Blocks.BlockSet)
	return "VEVAL", nil
}

// PushView is OpenView.
func (t *Transcript) PushView(ctx context.Context, trigger string, v slack.ModalViewRequest) (string, error) {
	return t.OpenView(ctx, trigger, v)
}

// UpdateView keeps the prose of the new modal.
func (t *Transcript) UpdateView(ctx context.Context, _, _ string, v slack.ModalViewRequest) error {
	_, err := t.OpenView(ctx, "", v)
	return err
}

// Permalink names the message; the eval links nowhere.
func (t *Transcript) Permalink(_ context.Context, channel, ts string) (string, error) {
	return "eval://" + channel + "/" + ts, nil
}

// SetSuggestedPrompts does nothing: the eval has no assistant pane.
func (t *Transcript) SetSuggestedPrompts(context.Context, string, string, string, []slack.AssistantThreadsPrompt) error {
	return nil
}

// SetThreadTitle does nothing: the eval has no assistant pane.
func (t *Transcript) SetThreadTitle(context.Context, string, string, string) error { return nil }

// SetThreadStatus does nothing: the eval has no assistant pane.
func (t *Transcript) SetThreadStatus(context.Context, string, string, string) error { return nil }

// UploadFile keeps nothing: the eval scores prose, and a chart's message
// says in text what its image shows.
func (t *Transcript) UploadFile(context.Context, bot.File) (string, error) { return "F1", nil }
