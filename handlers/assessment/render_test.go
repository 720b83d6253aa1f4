package assessment

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/handlers/blockkit"
	"github.com/advisor-bot/advisor/knowledge"
)

// checkBlocks enforces Slack's limits: 50 blocks, section text 3000,
// button text 75, value 2000, action ids unique within a block.
func checkBlocks(t *testing.T, name string, blocks []slack.Block) {
	t.Helper()
	if len(blocks) > 50 {
		t.Errorf("%s: %d blocks", name, len(blocks))
	}
	checkButton := func(b *slack.ButtonBlockElement, seen map[string]bool) {
		if utf8.RuneCountInString(b.Text.Text) > 75 || len(b.Value) > 2000 || len(b.ActionID) > 255 {
			t.Errorf("%s: button %q over the limits", name, b.Text.Text)
		}
		if seen[b.ActionID] {
			t.Errorf("%s: action id %s twice in a block", name, b.ActionID)
		}
		seen[b.ActionID] = true
	}
	for _, bl := range blocks {
		seen := map[string]bool{}
		switch bl := bl.(type) {
		case *slack.SectionBlock:
			if utf8.RuneCountInString(bl.Text.Text) > 3000 {
				t.Errorf("%s: section of %d chars", name, len(bl.Text.Text))
			}
			if bl.Accessory != nil && bl.Accessory.ButtonElement != nil {
				checkButton(bl.Accessory.ButtonElement, seen)
			}
		case *slack.ActionBlock:
			for _, el := range bl.Elements.ElementSet {
				checkButton(el.(*slack.ButtonBlockElement), seen)
			}
		}
	}
}

func TestBlocksWithinLimits(t *testing.T) {
	bases := []*knowledge.Base{testKB(t)}
	if kb, err := knowledge.Load(""); err == nil {
		bases = append(bases, kb) // the shipped content, where it loads
	} else {
		t.Logf("embedded knowledge does not load yet: %v", err)
	}
	n := 0
	for _, kb := range bases {
		s := &Service{kb: kb}
		checkBlocks(t, "list", listBlocks(kb.Assessments))
		for _, a := range kb.Assessments {
			sid := sessionID("C0123456789ABCDEF", "1700000000.123456")
			for q, qu := range a.Questions {
				checkBlocks(t, a.ID, questionBlocks(a, sid, newRun(), q))
				n++
				labels := make([]string, len(qu.Options))
				for j, o := range qu.Options {
					labels[j] = o.Label
				}
				for j, l := range labels { // every label can be typed
					if got, ok := ParseAnswer(l, labels); !ok || got != j {
						t.Errorf("%s question %d: typing %q gives %d %v, want %d", a.ID, q+1, l, got, ok, j)
					}
				}
			}
			answers := make([]int, len(a.Questions))
			o, err := newOutcome(a, "run", answers, time.Time{}, "C1")
			if err != nil {
				t.Fatalf("score %s: %v", a.ID, err)
			}
			checkBlocks(t, a.ID+" result", s.resultBlocks(o, true))
		}
	}
	t.Logf("checked %d questions", n)
	if n == 0 {
		t.Fatal("checked no questions")
	}
	if long := blockkit.Clip(strings.Repeat("é", 100), 75); utf8.RuneCountInString(long) != 75 {
		t.Errorf("clip gave %d runes, want 75", utf8.RuneCountInString(long))
	}
}
