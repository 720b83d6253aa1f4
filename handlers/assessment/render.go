package assessment

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/knowledge"
)

// Action ids. Answer buttons carry the option in the id as well as the
// value, because action ids must be unique within a block.
const (
	ActionStart   = "assess:start"
	ActionAnswer  = "assess:answer"
	ActionBack    = "assess:back"
	ActionRestart = "assess:restart"
	ActionCancel  = "assess:cancel"
	ActionResume  = "assess:resume"
	ActionShare   = "assess:share"
	// ActionFAQ is handled by the router: show the FAQ entry named by the value.
	ActionFAQ = "faq:show"
)

const maxButtonText = 75

func button(actionID, text, value string) *slack.ButtonBlockElement {
	return slack.NewButtonBlockElement(actionID, value, slack.NewTextBlockObject(slack.PlainTextType, clip(text, maxButtonText), true, false))
}

func mrkdwn(text string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.MarkdownType, clip(text, 3000), false, false)
}

func section(text string) *slack.SectionBlock { return slack.NewSectionBlock(mrkdwn(text), nil, nil) }

// clip cuts s to at most n runes, marking the cut.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func progress(q, n int) string { return strconv.Itoa(q+1) + "/" + strconv.Itoa(n) }

// listBlocks offers every assessment with a Start button.
func listBlocks(as []*knowledge.Assessment) []slack.Block {
	blocks := []slack.Block{section("*Assessments* — a few questions each, with a scored recommendation at the end.")}
	for _, a := range as {
		if len(blocks) >= 49 {
			break
		}
		text := fmt.Sprintf("*%s* (%d questions)\n%s", a.Title, len(a.Questions), a.Summary)
		blocks = append(blocks, slack.NewSectionBlock(mrkdwn(text), nil,
			slack.NewAccessory(button(ActionStart, "Start", a.ID))))
	}
	return blocks
}

// questionText is the question with its progress marker.
func questionText(a *knowledge.Assessment, q int) string {
	return fmt.Sprintf("*%s* · %s\n*%s*", a.Title, progress(q, len(a.Questions)), a.Questions[q].Text)
}

// questionBlocks shows question q with a button per option and the
// navigation buttons.
func questionBlocks(a *knowledge.Assessment, sid, run string, q int) []slack.Block {
	opts := make([]slack.BlockElement, 0, len(a.Questions[q].Options))
	for i, o := range a.Questions[q].Options {
		v := ref{SID: sid, Run: run, Question: q, Option: i}.value()
		opts = append(opts, button(ActionAnswer+":"+strconv.Itoa(i), strconv.Itoa(i+1)+". "+o.Label, v))
	}
	nav := ref{SID: sid, Run: run, Question: q, Option: -1}.value()
	var navs []slack.BlockElement
	if q > 0 {
		navs = append(navs, button(ActionBack, "Back", nav))
	}
	navs = append(navs, button(ActionRestart, "Restart", nav), button(ActionCancel, "Cancel", nav))
	return []slack.Block{
		section(questionText(a, q)),
		slack.NewActionBlock("answers", opts...),
		slack.NewContextBlock("hint", mrkdwn("Click an option or reply with its number or words. Also: `back`, `restart`, `cancel`.")),
		slack.NewActionBlock("nav", navs...),
	}
}

// answeredBlocks replaces a question once answered: the choice, no buttons.
func answeredBlocks(a *knowledge.Assessment, q, opt int) []slack.Block {
	label := ""
	if opt >= 0 && opt < len(a.Questions[q].Options) {
		label = a.Questions[q].Options[opt].Label
	}
	return []slack.Block{section(questionText(a, q) + "\n:white_check_mark: " + label)}
}

// closedBlocks replaces a question that was left by back, restart or cancel.
func closedBlocks(a *knowledge.Assessment, q int, note string) []slack.Block {
	return []slack.Block{section(questionText(a, q) + "\n_" + note + "_")}
}

// expiredBlocks offers to start an expired assessment again.
func expiredBlocks(a *knowledge.Assessment) []slack.Block {
	text := "That assessment expired before it was finished."
	if a == nil {
		return []slack.Block{section(text)}
	}
	return []slack.Block{slack.NewSectionBlock(mrkdwn(text+" Start *"+a.Title+"* again?"), nil,
		slack.NewAccessory(button(ActionStart, "Start again", a.ID)))}
}

// bar draws a ten-step bar for a percentage.
func bar(pct int) string {
	n := max(0, min(10, (pct+5)/10))
	return strings.Repeat("█", n) + strings.Repeat("░", 10-n)
}

// resultBlocks shows an outcome: scores by dimension, the recommendation
// and why, FAQ entries to read next, and Share / Take again buttons.
func (s *Service) resultBlocks(o *Outcome, shareable bool) []slack.Block {
	var b strings.Builder
	fmt.Fprintf(&b, "*%s* — your result: *%d/%d*\n", o.Title, o.Total, o.Max)
	for _, d := range o.Dimensions {
		if d.Max > 0 {
			fmt.Fprintf(&b, "`%s` %s: %d/%d (%d%%)\n", bar(d.Percent()), d.Name, d.Score, d.Max, d.Percent())
		}
	}
	blocks := []slack.Block{section(b.String())}
	rec := "*" + o.Band + "*\n" + o.Recommendation
	if len(o.Reasons) > 0 {
		rec += "\n*Why:*\n• " + strings.Join(o.Reasons, "\n• ")
	}
	blocks = append(blocks, section(rec))
	for i, id := range o.Read {
		e, ok := s.entry(id)
		if !ok || i >= 5 {
			continue
		}
		blocks = append(blocks, slack.NewSectionBlock(mrkdwn(":book: "+e.Question), nil,
			slack.NewAccessory(button(ActionFAQ, "Read", e.ID))))
	}
	var acts []slack.BlockElement
	if shareable {
		acts = append(acts, button(ActionShare, "Share result", o.ID))
	}
	acts = append(acts, button(ActionStart, "Take it again", o.AssessmentID))
	return append(blocks, slack.NewActionBlock("result", acts...))
}

// resultText is the notification text of a result.
func resultText(o *Outcome) string {
	return fmt.Sprintf("%s: %d/%d — %s", o.Title, o.Total, o.Max, o.Band)
}
