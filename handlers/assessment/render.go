package assessment

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/handlers/blockkit"
	"github.com/advisor-bot/advisor/knowledge"
)

// Action ids of the assessment's own buttons; blockkit has the ones other
// features show too (ActionAssessStart, ActionAssessRestart, ActionFAQ).
// Answer buttons carry the option in the id as well as the value, because
// action ids must be unique within a block.
const (
	ActionAnswer = blockkit.PrefixAssess + "answer"
	ActionBack   = blockkit.PrefixAssess + "back"
	ActionCancel = blockkit.PrefixAssess + "cancel"
	ActionResume = blockkit.PrefixAssess + "resume"
	ActionShare  = blockkit.PrefixAssess + "share"
)

func progress(q, n int) string { return strconv.Itoa(q+1) + "/" + strconv.Itoa(n) }

// listBlocks offers every assessment with a Start button.
func listBlocks(as []*knowledge.Assessment) []slack.Block {
	blocks := []slack.Block{blockkit.Section("*Assessments* — a few questions each, with a scored recommendation at the end.")}
	for _, a := range as {
		if len(blocks) >= 49 {
			break
		}
		text := fmt.Sprintf("*%s* (%d questions)\n%s", a.Title, len(a.Questions), a.Summary)
		blocks = append(blocks, blockkit.SectionButton(text, blockkit.EmojiButton(blockkit.ActionAssessStart, a.ID, "Start")))
	}
	return blocks
}

// pairBlocks offers the paired assessments, taken with a co-founder
// (handlers/pairs answers the button).
func pairBlocks(ps []*knowledge.Pair) []slack.Block {
	if len(ps) == 0 {
		return nil
	}
	blocks := []slack.Block{blockkit.Section("*With a co-founder* — you both answer privately, then see where you disagree.")}
	for i, p := range ps {
		if i == 10 {
			break
		}
		text := fmt.Sprintf("*%s* (%d questions)\n%s", p.Title, len(p.Questions), p.Summary)
		blocks = append(blocks, blockkit.SectionButton(text, blockkit.EmojiButton(blockkit.ActionPairStart, p.ID, "Take it with a co-founder")))
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
		opts = append(opts, blockkit.EmojiButton(ActionAnswer+":"+strconv.Itoa(i), v, strconv.Itoa(i+1)+". "+o.Label))
	}
	nav := ref{SID: sid, Run: run, Question: q, Option: -1}.value()
	var navs []slack.BlockElement
	if q > 0 {
		navs = append(navs, blockkit.EmojiButton(ActionBack, nav, "Back"))
	}
	navs = append(navs, blockkit.EmojiButton(blockkit.ActionAssessRestart, nav, "Restart"), blockkit.EmojiButton(ActionCancel, nav, "Cancel"))
	return []slack.Block{
		blockkit.Section(questionText(a, q)),
		blockkit.Actions("answers", opts...),
		blockkit.Context("hint", "Click an option or reply with its number or words. Also: `back`, `restart`, `cancel`."),
		blockkit.Actions("nav", navs...),
	}
}

// answeredBlocks replaces a question once answered: the choice, no buttons.
func answeredBlocks(a *knowledge.Assessment, q, opt int) []slack.Block {
	label := ""
	if opt >= 0 && opt < len(a.Questions[q].Options) {
		label = a.Questions[q].Options[opt].Label
	}
	return []slack.Block{blockkit.Section(questionText(a, q) + "\n:white_check_mark: " + label)}
}

// closedBlocks replaces a question that was left by back, restart or cancel.
func closedBlocks(a *knowledge.Assessment, q int, note string) []slack.Block {
	return []slack.Block{blockkit.Section(questionText(a, q) + "\n_" + note + "_")}
}

// expiredBlocks offers to start an expired assessment again.
func expiredBlocks(a *knowledge.Assessment) []slack.Block {
	text := "That assessment expired before it was finished."
	if a == nil {
		return []slack.Block{blockkit.Section(text)}
	}
	return []slack.Block{blockkit.SectionButton(text+" Start *"+a.Title+"* again?", blockkit.EmojiButton(blockkit.ActionAssessStart, a.ID, "Start again"))}
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
	blocks := []slack.Block{blockkit.Section(b.String())}
	rec := "*" + o.Band + "*\n" + o.Recommendation
	if len(o.Reasons) > 0 {
		rec += "\n*Why:*\n• " + strings.Join(o.Reasons, "\n• ")
	}
	blocks = append(blocks, blockkit.Section(rec))
	for i, id := range o.Read {
		e, ok := s.kb.Entry(id)
		if !ok || i >= 5 {
			continue
		}
		blocks = append(blocks, blockkit.SectionButton(":book: "+e.Question, blockkit.EmojiButton(blockkit.ActionFAQ, e.ID, "Read")))
	}
	var acts []slack.BlockElement
	if shareable {
		acts = append(acts, blockkit.EmojiButton(ActionShare, o.ID, "Share result"))
	}
	acts = append(acts, blockkit.EmojiButton(blockkit.ActionAssessStart, o.AssessmentID, "Take it again"))
	return append(blocks, blockkit.Actions("result", acts...))
}

// resultText is the notification text of a result.
func resultText(o *Outcome) string {
	return fmt.Sprintf("%s: %d/%d — %s", o.Title, o.Total, o.Max, o.Band)
}
