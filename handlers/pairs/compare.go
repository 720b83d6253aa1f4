package pairs

import (
	"context"
	"fmt"
	"strings"

	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/handlers/blockkit"
	"github.com/advisor-bot/advisor/internal/chart"
	"github.com/advisor-bot/advisor/knowledge"
)

// biggest is how many gaps the summary names.
const biggest = 3

// comparison is a revealed take, ready to show.
type comparison struct {
	pair     *knowledge.Pair
	cid, run string
	a, b     string // the two users: a invited b
	gaps     []knowledge.PairGap
}

func (s *Service) comparisonOf(p *knowledge.Pair, cid, run, a, b string, aa, ab []int) (*comparison, error) {
	gaps, err := p.Compare(aa, ab)
	if err != nil {
		return nil, err
	}
	return &comparison{pair: p, cid: cid, run: run, a: a, b: b, gaps: gaps}, nil
}

func (c *comparison) agreed() int {
	n := 0
	for _, g := range c.gaps {
		if g.Same() {
			n++
		}
	}
	return n
}

// apart says how far apart two different answers are.
func apart(g knowledge.PairGap) string {
	switch {
	case !g.Question.IsScale():
		return "different answers"
	case g.Steps == 1:
		return "1 step apart"
	}
	return fmt.Sprintf("%d steps apart", g.Steps)
}

// summary is the comparison's first line and its biggest gaps.
func (c *comparison) summary() string {
	var b strings.Builder
	fmt.Fprintf(&b, "*%s* — <@%s> and <@%s> side by side\nYou agree on *%d of %d*.", c.pair.Title, c.a, c.b, c.agreed(), len(c.gaps))
	big := knowledge.BiggestGaps(c.gaps, biggest)
	if len(big) == 0 {
		b.WriteString(" You answered every question the same way: write that down, it is rarer than it sounds.")
		return b.String()
	}
	parts := make([]string, len(big))
	for i, g := range big {
		parts[i] = fmt.Sprintf("*%s* (%s)", g.Question.Topic, apart(g))
	}
	b.WriteString("\n*Biggest gaps:* " + strings.Join(parts, " · "))
	return b.String()
}

// line is one question of the comparison: the two answers, and the advice
// that applies.
func (c *comparison) line(g knowledge.PairGap) string {
	q := g.Question
	var b strings.Builder
	if g.Same() {
		fmt.Fprintf(&b, ":white_check_mark: *%s* — you agree: _%s_", q.Topic, q.Options[g.A].Label)
	} else {
		fmt.Fprintf(&b, ":left_right_arrow: *%s* — <@%s>: _%s_ · <@%s>: _%s_ (%s)", q.Topic,
			c.a, q.Options[g.A].Label, c.b, q.Options[g.B].Label, apart(g))
	}
	for _, a := range g.Advice {
		b.WriteString("\n> " + a)
	}
	return b.String()
}

// blocks shows the comparison; private adds what only the two may do.
func (c *comparison) blocks(private bool) []slack.Block {
	blocks := []slack.Block{blockkit.Section(c.summary()), slack.NewDividerBlock()}
	for _, g := range c.gaps {
		if len(g.Read) > 0 {
			blocks = append(blocks, blockkit.SectionButton(c.line(g), blockkit.Button(blockkit.ActionFAQ, g.Read[0], "Read more")))
		} else {
			blocks = append(blocks, blockkit.Section(c.line(g)))
		}
	}
	if !private {
		return append(blocks, blockkit.Context("shared", "Posted because both founders agreed to post it here."))
	}
	v := ref{CID: c.cid, Run: c.run, Question: -1, Option: -1}.value()
	return append(blocks,
		blockkit.Context("private", "Only the two of you can see this. It goes to a channel only if you both pick the same one."),
		blockkit.Actions("compare", blockkit.Button(ActionPost, v, "Post to a channel"), blockkit.Button(blockkit.ActionPairAgain, c.cid, "Take it again later")))
}

// text is the comparison's notification text.
func (c *comparison) text() string {
	return fmt.Sprintf("%s: you agree on %d of %d", c.pair.Title, c.agreed(), len(c.gaps))
}

// postComparison posts the comparison in channel, then its chart below it.
// The chart is a picture of what the text says, so its failure is only
// logged.
func (s *Service) postComparison(ctx context.Context, c *comparison, channel string, private bool) error {
	if _, err := s.sl.Post(ctx, bot.Message{Channel: channel, Text: c.text(), Blocks: c.blocks(private)}); err != nil {
		return fmt.Errorf("post comparison of %s in %s: %w", c.cid, channel, err)
	}
	png, alt, err := s.chartOf(ctx, c)
	if err == nil {
		_, err = s.sl.UploadFile(ctx, bot.File{Channel: channel, Name: c.pair.ID + "-side-by-side.png",
			Title: c.pair.Title + ": side by side", AltText: alt, Content: png})
	}
	if err != nil {
		s.log.Warn().Err(err).Str("pair", c.cid).Str("channel", channel).Msg("comparison chart")
	}
	return nil
}

// chartOf draws the scale questions side by side, with the two names.
func (s *Service) chartOf(ctx context.Context, c *comparison) ([]byte, string, error) {
	na, nb := s.nameOf(ctx, c.a), s.nameOf(ctx, c.b)
	var rows []chart.Row
	var alt []string
	for _, g := range c.gaps {
		q := g.Question
		alt = append(alt, fmt.Sprintf("%s: %s %q, %s %q", q.Topic, na, q.Options[g.A].Label, nb, q.Options[g.B].Label))
		if q.IsScale() {
			rows = append(rows, chart.Row{Label: q.Topic, Low: q.Low, High: q.High, A: q.Position(g.A), B: q.Position(g.B)})
		}
	}
	png, err := chart.SideBySide(c.pair.Title, na, nb, rows)
	return png, blockkit.Clip(strings.Join(alt, "; "), 1000), err
}

// nameOf is how a chart names a user: their display name, else their real
// name, else "Co-founder".
func (s *Service) nameOf(ctx context.Context, id string) string {
	u, err := s.sl.UserInfo(ctx, id)
	if err != nil || u == nil {
		return "Co-founder"
	}
	for _, n := range []string{u.Profile.DisplayName, u.RealName, u.Name} {
		if strings.TrimSpace(n) != "" {
			return n
		}
	}
	return "Co-founder"
}
