package drafts

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/handlers/blockkit"
)

// How many drafts a list shows: a message has 50 blocks, the App Home 100
// for every section.
const (
	maxListed = 10
	maxHome   = 5
)

// userID is what a Slack user id looks like: only such ids become mentions.
var userID = regexp.MustCompile(`^[UW][A-Z0-9]{2,20}$`)

func mention(id string) string {
	if userID.MatchString(id) {
		return "<@" + id + ">"
	}
	return "someone"
}

// draftBlocks shows one draft with its buttons: the question and the
// answer (escaped when the draft was added, and again here: Echo twice is
// Echo once), who answered it for whom, and when.
func draftBlocks(d Draft) []slack.Block {
	text := "*" + blockkit.Echo(d.Question, 300) + "*\n" + blockkit.Echo(d.Short, 700)
	if d.Long != d.Short && d.Long != "" {
		text += "\n" + blockkit.Echo(d.Long, 700)
	}
	who := fmt.Sprintf("Answered by %s for %s, %s", mention(d.ExpertID), mention(d.AskerID), d.At.UTC().Format("Jan 2 15:04 MST"))
	publish := blockkit.Button(ActionPublish, d.ID, "Publish")
	publish.Style = slack.StylePrimary
	discard := blockkit.Button(ActionDiscard, d.ID, "Discard")
	discard.Style = slack.StyleDanger
	return []slack.Block{
		blockkit.Section(text),
		blockkit.Context("", who),
		blockkit.Actions("draft-"+d.ID, publish, blockkit.Button(ActionEdit, d.ID, "Edit"), discard),
	}
}

// listBlocks is the drafts to review, newest first, under status (if
// any): what the `drafts` command shows.
func listBlocks(status string, ds []Draft, total int) []slack.Block {
	var blocks []slack.Block
	if status != "" {
		blocks = append(blocks, blockkit.Section(status))
	}
	if total == 0 {
		return append(blocks, blockkit.Section("*Drafts to review*\nNone: when an expert answers a question and adds it as a draft, it waits here for an admin."))
	}
	blocks = append(blocks, blockkit.Section(fmt.Sprintf("*Drafts to review* (%d, newest first)", total)))
	for _, d := range ds {
		blocks = append(blocks, draftBlocks(d)...)
	}
	if total > len(ds) {
		blocks = append(blocks, blockkit.Context("", fmt.Sprintf("…and %d older: publish or discard these to see them.", total-len(ds))))
	}
	return blocks
}

// list is the drafts list as a reply, under status.
func (s *Service) list(ctx context.Context, status string) (bot.Reply, error) {
	ds, total, err := s.st.latest(ctx, maxListed)
	if err != nil {
		return bot.Reply{}, err
	}
	text := fmt.Sprintf("Drafts to review: %d", total)
	if status != "" {
		text = status
	}
	return blockkit.Ephemeral(text, listBlocks(status, ds, total)...), nil
}

// HomeBlocks implements handlers.HomeSection: for admins, the drafts to
// review with their buttons and the entries published lately; nothing
// for anyone else.
func (s *Service) HomeBlocks(ctx context.Context, userID string) ([]slack.Block, error) {
	if !s.isAdmin(ctx, userID) {
		return nil, nil
	}
	ds, total, err := s.st.latest(ctx, maxHome)
	if err != nil {
		return nil, err
	}
	recent, published, err := s.st.recent(ctx)
	if err != nil {
		return nil, err
	}
	blocks := []slack.Block{slack.NewDividerBlock(),
		blockkit.Section(fmt.Sprintf("*Drafts to review* (%d) · %d published by your team", total, published))}
	if total == 0 {
		blocks = append(blocks, blockkit.Context("", "No drafts: experts' answers added to the knowledge base wait here for an admin."))
	}
	for _, d := range ds {
		blocks = append(blocks, draftBlocks(d)...)
	}
	if total > len(ds) {
		blocks = append(blocks, blockkit.Actions("drafts_more", blockkit.Button(ActionList, "", fmt.Sprintf("See all %d drafts", total))))
	}
	if len(recent) > 0 {
		var b strings.Builder
		b.WriteString("Published lately:")
		for _, p := range recent {
			fmt.Fprintf(&b, "\n• %s (`%s`), %s by %s", blockkit.Echo(p.Entry.Question, 120), p.Entry.ID, p.At.UTC().Format("Jan 2"), mention(p.By))
		}
		blocks = append(blocks, blockkit.Context("", b.String()))
	}
	return blocks, nil
}
