package blockkit

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/slack-go/slack"
)

func TestModalBuildersKeepSlackLimits(t *testing.T) {
	long := strings.Repeat("é", 3000)
	m := Modal("tips:x", long, long, "meta", Input("b", long, long, true, slack.NewTimePickerBlockElement("t")))
	if n := utf8.RuneCountInString(m.Title.Text); n != MaxViewTitle {
		t.Errorf("title got %d runes, want %d", n, MaxViewTitle)
	}
	if n := utf8.RuneCountInString(m.Submit.Text); n != MaxViewTitle || m.Close == nil {
		t.Errorf("submit got %d runes (close %v), want %d and a Cancel", n, m.Close, MaxViewTitle)
	}
	in := m.Blocks.BlockSet[0].(*slack.InputBlock)
	if utf8.RuneCountInString(in.Label.Text) != MaxInputLabel || utf8.RuneCountInString(in.Hint.Text) != MaxInputLabel || !in.Optional {
		t.Errorf("input got label %d hint %d optional %v, want both clipped and optional", utf8.RuneCountInString(in.Label.Text),
			utf8.RuneCountInString(in.Hint.Text), in.Optional)
	}
	if n := utf8.RuneCountInString(Option("v", long).Text.Text); n != MaxOptionText {
		t.Errorf("option got %d runes, want %d", n, MaxOptionText)
	}
	if n := Notice("tips:done", "Saved", "ok"); n.Submit != nil || len(n.Blocks.BlockSet) != 1 {
		t.Errorf("notice got %+v, want no submit and one section", n)
	}
	r := FieldErrors(map[string]string{"b": long})
	if r.View == nil || r.View.ResponseAction != slack.RAErrors || utf8.RuneCountInString(r.View.Errors["b"]) != MaxInputLabel || !r.Empty() {
		t.Errorf("got %+v, want an errors answer clipped, posting nothing", r)
	}
}
