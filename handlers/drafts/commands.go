package drafts

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/rs/zerolog"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/handlers/blockkit"
	"github.com/advisor-bot/advisor/knowledge"
)

const adminOnly = ":lock: Only the advisor's admins and workspace admins can review and publish knowledge."

// Handle answers `drafts`: the drafts to review, for admins.
func (s *Service) Handle(ctx context.Context, req *bot.Request, _ []string) (bot.Reply, error) {
	if !s.isAdmin(ctx, req.UserID) {
		return blockkit.EphemeralText(adminOnly), nil
	}
	return s.list(ctx, "")
}

// HandleAction answers Publish, Edit, Discard and "See all" on a draft,
// wherever they were shown (the drafts list, the App Home), and Edit on
// an entry (`kb edit`). Every one checks that the user is an admin.
func (s *Service) HandleAction(ctx context.Context, req *bot.Request) (bot.Reply, error) {
	if !s.isAdmin(ctx, req.UserID) {
		return blockkit.EphemeralText(adminOnly), nil
	}
	switch req.ActionID {
	case ActionEdit:
		return s.openEdit(ctx, req, req.ActionValue)
	case ActionList:
		return s.list(ctx, "")
	case ActionPublish:
		p, err := s.PublishDraft(ctx, req.ActionValue, req.UserID, nil)
		if err != nil {
			return s.refused(ctx, req, err)
		}
		return s.done(ctx, req, fmt.Sprintf(":white_check_mark: Published *%s* as `%s`: the next person who asks gets it, on every replica within seconds.",
			blockkit.Echo(p.Entry.Question, 200), p.Entry.ID))
	case ActionDiscard:
		if err := s.Discard(ctx, req.ActionValue); err != nil {
			return s.refused(ctx, req, err)
		}
		return s.done(ctx, req, ":wastebasket: Draft discarded.")
	}
	zerolog.Ctx(ctx).Warn().Str("action", req.ActionID).Msg("unknown drafts action")
	return blockkit.EphemeralText("That button is no longer active."), nil
}

// done answers a publish or discard where it was clicked: on the App Home
// the Home is drawn again; on the drafts list the list is, under status.
func (s *Service) done(ctx context.Context, req *bot.Request, status string) (bot.Reply, error) {
	if req.OnHome {
		blockkit.HomeChanged(ctx)
		return bot.Reply{}, nil
	}
	reply, err := s.list(ctx, status)
	reply.ReplaceOriginal = req.ResponseURL != ""
	return reply, err
}

// refused says why a publish or discard did not happen: the draft went
// meanwhile, or the lint's reasons, with Edit to fix them.
func (s *Service) refused(ctx context.Context, req *bot.Request, err error) (bot.Reply, error) {
	var ve *knowledge.ValidationError
	switch {
	case errors.Is(err, ErrDraftGone):
		if req.OnHome {
			blockkit.HomeChanged(ctx)
		}
		return blockkit.EphemeralText("That draft was already published or discarded."), nil
	case errors.Is(err, ErrBusy):
		return blockkit.EphemeralText(":hourglass: Others are publishing at the same moment; please try again."), nil
	case errors.As(err, &ve):
		text := ":warning: Not published: it does not pass the knowledge lint (`advisor kb lint`):\n" + reasons(ve)
		return blockkit.Ephemeral(text, blockkit.Section(text),
			blockkit.Actions("draft-fix", blockkit.Button(ActionEdit, req.ActionValue, "Edit it"))), nil
	}
	return bot.Reply{}, err
}

// reasons lists the lint's problems, one a line.
func reasons(ve *knowledge.ValidationError) string {
	var b strings.Builder
	for i, p := range ve.Problems {
		if i == 10 {
			fmt.Fprintf(&b, "…and %d more\n", len(ve.Problems)-i)
			break
		}
		fmt.Fprintf(&b, "• %s\n", blockkit.Echo(problemText(p), 300))
	}
	return b.String()
}

// problemText is a problem as an admin reads it: about the entry being
// published, its message alone; about another, with the entry named.
func problemText(p knowledge.Problem) string {
	if p.File == knowledge.SourcePublished {
		return p.Message
	}
	return p.String()
}

// KB answers `kb`: `kb edit <entry-id>` opens an entry, built in or
// published, in the edit modal, for admins.
type KB struct{ s *Service }

// KB is the `kb` command.
func (s *Service) KB() KB { return KB{s} }

// Handle implements handlers.CommandHandler.
func (k KB) Handle(ctx context.Context, req *bot.Request, args []string) (bot.Reply, error) {
	if !k.s.isAdmin(ctx, req.UserID) {
		return blockkit.EphemeralText(adminOnly), nil
	}
	if len(args) != 2 || !strings.EqualFold(args[0], "edit") {
		return blockkit.EphemeralText("`" + blockkit.SlashCommand + " kb edit <entry-id>` opens an entry in the editor; publishing it there replaces the entry " +
			"for everyone (a built-in entry gets an override). Entry ids are in `stats` and on the App Home; `drafts` lists the drafts to review."), nil
	}
	id := strings.ToLower(args[1])
	e, ok := k.s.live.Base().Entry(id)
	if !ok {
		return blockkit.EphemeralText(fmt.Sprintf("I have no entry `%s`. Entry ids are in `stats`.", blockkit.Echo(id, 80))), nil
	}
	if req.TriggerID == "" { // typed in a DM or a mention: Slack gives no way to open a modal
		return blockkit.Ephemeral("Edit "+e.ID, blockkit.SectionButton("*"+blockkit.Echo(e.Question, 300)+"*", blockkit.Button(ActionEdit, entryRef+e.ID, "Edit"))), nil
	}
	return k.s.openEdit(ctx, req, entryRef+e.ID)
}
