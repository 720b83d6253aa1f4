package blockkit

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/slack-go/slack"
)

// Slack's limits on Block Kit text, in characters.
const (
	MaxSectionText = 3000 // a section's text
	MaxFieldText   = 2000 // a section field, a context element
	MaxButtonText  = 75   // a button's label
	MaxHeaderText  = 150  // a header block
)

// Clip cuts s to at most n runes, marking the cut with "…".
func Clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// Plain is plain text with :emoji: codes left as typed.
func Plain(s string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.PlainTextType, s, false, false)
}

// Mrkdwn is mrkdwn text clipped to a section's limit.
func Mrkdwn(s string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.MarkdownType, Clip(s, MaxSectionText), false, false)
}

// Field is mrkdwn text clipped to a field's limit.
func Field(s string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.MarkdownType, Clip(s, MaxFieldText), false, false)
}

// Header is a header block.
func Header(text string) *slack.HeaderBlock {
	return slack.NewHeaderBlock(Plain(Clip(text, MaxHeaderText)))
}

// Section is a section of mrkdwn text.
func Section(mrkdwn string) *slack.SectionBlock {
	return slack.NewSectionBlock(Mrkdwn(mrkdwn), nil, nil)
}

// SectionButton is a section of mrkdwn text with a button beside it.
func SectionButton(mrkdwn string, b *slack.ButtonBlockElement) *slack.SectionBlock {
	return slack.NewSectionBlock(Mrkdwn(mrkdwn), nil, slack.NewAccessory(b))
}

// Context is a context block of one mrkdwn element.
func Context(blockID, mrkdwn string) *slack.ContextBlock {
	return slack.NewContextBlock(blockID, Field(mrkdwn))
}

// Button is a button with a plain-text label clipped to Slack's limit.
func Button(actionID, value, label string) *slack.ButtonBlockElement {
	return slack.NewButtonBlockElement(actionID, value, Plain(Clip(label, MaxButtonText)))
}

// EmojiButton is Button with :emoji: codes in the label shown as emoji.
func EmojiButton(actionID, value, label string) *slack.ButtonBlockElement {
	return slack.NewButtonBlockElement(actionID, value,
		slack.NewTextBlockObject(slack.PlainTextType, Clip(label, MaxButtonText), true, false))
}

// Actions builds an actions block whose buttons have unique action ids, as
// Slack requires within a block: a repeated id gets a "#n" suffix, which
// BaseAction strips when the click comes back.
func Actions(blockID string, elems ...slack.BlockElement) *slack.ActionBlock {
	seen := map[string]int{}
	for _, e := range elems {
		if b, ok := e.(*slack.ButtonBlockElement); ok {
			if n := seen[b.ActionID]; n > 0 {
				seen[b.ActionID] = n + 1
				b.ActionID += "#" + strconv.Itoa(n)
			} else {
				seen[b.ActionID] = 1
			}
		}
	}
	return slack.NewActionBlock(blockID, elems...)
}

// BaseAction strips the "#n" suffix Actions added.
func BaseAction(id string) string {
	if i := strings.LastIndexByte(id, '#'); i > 0 {
		return id[:i]
	}
	return id
}

// Fields is a section of mrkdwn fields side by side (Slack shows up to
// 10), each clipped to a field's limit, under text unless it is empty.
func Fields(text string, fields ...string) *slack.SectionBlock {
	var t *slack.TextBlockObject
	if text != "" {
		t = Mrkdwn(text)
	}
	objs := make([]*slack.TextBlockObject, len(fields))
	for i, f := range fields {
		objs[i] = Field(f)
	}
	return slack.NewSectionBlock(t, objs, nil)
}

// Feedback is Slack's own 👍/👎 (a feedback_buttons element in a
// context_actions block, which only messages take): a click arrives as
// actionID with the value of the button pressed, up or down.
func Feedback(actionID, up, down string) *slack.ContextActionsBlock {
	yes := slack.NewFeedbackButton(slack.NewTextBlockObject(slack.PlainTextType, ":thumbsup: Helpful", true, false), up).
		WithAccessibilityLabel("This answer was helpful")
	no := slack.NewFeedbackButton(slack.NewTextBlockObject(slack.PlainTextType, ":thumbsdown: Not helpful", true, false), down).
		WithAccessibilityLabel("This answer was not helpful")
	return slack.NewContextActionsBlock("feedback", slack.NewFeedbackButtonsBlockElement(actionID, yes, no))
}
