package drafts

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/handlers/blockkit"
	"github.com/advisor-bot/advisor/knowledge"
)

// entryRef starts an Edit button's value that names an entry, not a draft.
const entryRef = "entry:"

// Block ids of the edit modal's inputs.
const (
	fieldQuestion   = "question"
	fieldAlternates = "alternates"
	fieldShort      = "short"
	fieldLong       = "long"
	fieldRelated    = "related"
)

// Slack's limit on a plain-text input, and the knowledge's on answers.
const (
	maxInput    = 3000
	maxQuestion = 300
	maxLong     = 2900
)

// editMeta rides in the modal's private_metadata: what it edits, and
// whether it was opened from the App Home (which is drawn again after).
type editMeta struct {
	Draft string `json:"d,omitempty"`
	Entry string `json:"e,omitempty"`
	Home  bool   `json:"h,omitempty"`
}

// unescape undoes the mrkdwn escaping stored text has, for the modal's
// plain-text inputs, which show text as it is.
var unescape = strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">")

// openEdit opens the edit modal on a draft (ref is its id) or an entry
// (entry:<id>), filled in.
func (s *Service) openEdit(ctx context.Context, req *bot.Request, ref string) (bot.Reply, error) {
	meta := editMeta{Home: req.OnHome}
	var e knowledge.Entry
	title, note := "Edit draft", ""
	if id, ok := strings.CutPrefix(ref, entryRef); ok {
		cur, found := s.live.Base().Entry(id)
		if !found {
			return blockkit.EphemeralText("That entry is no longer in the knowledge base."), nil
		}
		e, meta.Entry, title = *cur, id, "Edit entry"
		note = fmt.Sprintf("Entry `%s`. Publishing replaces it for everyone", id)
		if cur.Source != knowledge.SourcePublished {
			note += " (an override of the built-in entry: `advisor kb export` writes it to a file)"
		}
		note += "."
	} else {
		d, err := s.st.draft(ctx, ref)
		if errors.Is(err, ErrDraftGone) {
			return blockkit.EphemeralText("That draft was already published or discarded."), nil
		}
		if err != nil {
			return bot.Reply{}, err
		}
		e, meta.Draft = entryOf(d), d.ID
		note = fmt.Sprintf("Answered by %s for %s, %s. Publishing adds it to the knowledge base.", mention(d.ExpertID), mention(d.AskerID), d.At.UTC().Format("Jan 2"))
	}
	if _, err := s.sl.OpenView(ctx, req.TriggerID, editModal(e, meta, title, note)); err != nil {
		return bot.Reply{}, fmt.Errorf("open the edit modal for %s: %w", ref, err)
	}
	return bot.Reply{}, nil
}

// editModal is the edit form filled in with e: text shown as typed.
func editModal(e knowledge.Entry, meta editMeta, title, note string) slack.ModalViewRequest {
	raw, _ := json.Marshal(meta)
	input := func(id, value string, multiline bool, max int) *slack.PlainTextInputBlockElement {
		in := slack.NewPlainTextInputBlockElement(nil, id)
		in.InitialValue = blockkit.Clip(unescape.Replace(value), max)
		in.Multiline, in.MaxLength = multiline, max
		return in
	}
	blocks := []slack.Block{
		blockkit.Context("", note),
		blockkit.Input(fieldQuestion, "Question", "How people ask it; the reply shows it in bold.", false, input(fieldQuestion, e.Question, false, maxQuestion)),
		blockkit.Input(fieldAlternates, "Other phrasings", "One a line: more ways people ask this find it.", true,
			input(fieldAlternates, strings.Join(e.Alternates, "\n"), true, maxInput)),
		blockkit.Input(fieldShort, "Short answer", "One or two sentences, shown first (at most 300 characters).", false, input(fieldShort, e.Short, true, 300)),
		blockkit.Input(fieldLong, "Long answer", "The fuller answer (mrkdwn: *bold*, _italic_).", false, input(fieldLong, e.Long, true, maxLong)),
		blockkit.Input(fieldRelated, "Related entries", "Entry ids, separated by commas.", true, input(fieldRelated, strings.Join(e.Related, ", "), false, 500)),
	}
	return blockkit.Modal(CallbackEdit, title, "Publish", string(raw), blocks...)
}

// formEntry reads the submitted form as an entry, escaped for mrkdwn.
func formEntry(f bot.Form) knowledge.Entry {
	echo := func(id string) string { return strings.TrimSpace(blockkit.Echo(f.Value(id), 0)) }
	var related []string
	for _, r := range strings.FieldsFunc(f.Value(fieldRelated), func(r rune) bool { return r == ',' || r == ' ' || r == '\n' }) {
		related = append(related, strings.ToLower(strings.Trim(r, "`")))
	}
	return knowledge.Entry{Question: echo(fieldQuestion), Alternates: dedupe(strings.Split(echo(fieldAlternates), "\n")),
		Short: echo(fieldShort), Long: echo(fieldLong), Related: related}
}

// HandleCallback answers the edit modal's submission in its ack: the
// lint's reasons under their fields (nothing written), or the entry
// published and the modal saying so.
func (s *Service) HandleCallback(ctx context.Context, req *bot.Request) (bot.Reply, error) {
	if req.Kind != bot.KindViewSubmission || req.CallbackID != CallbackEdit {
		return bot.Reply{}, nil
	}
	if !s.isAdmin(ctx, req.UserID) {
		return blockkit.FieldErrors(map[string]string{fieldQuestion: "Only the advisor's admins and workspace admins can publish knowledge."}), nil
	}
	var meta editMeta
	_ = json.Unmarshal([]byte(req.PrivateMetadata), &meta)
	e := formEntry(req.Values)
	var (
		p   Published
		err error
	)
	switch {
	case meta.Draft != "":
		p, err = s.PublishDraft(ctx, meta.Draft, req.UserID, &e)
	case meta.Entry != "":
		p, err = s.PublishEdit(ctx, meta.Entry, req.UserID, e)
	default:
		return bot.Reply{}, nil
	}
	var ve *knowledge.ValidationError
	switch {
	case errors.As(err, &ve):
		return blockkit.FieldErrors(fieldErrors(ve)), nil
	case errors.Is(err, ErrDraftGone):
		return blockkit.FieldErrors(map[string]string{fieldQuestion: "This draft was published or discarded meanwhile."}), nil
	case errors.Is(err, ErrNoEntry):
		return blockkit.FieldErrors(map[string]string{fieldQuestion: "This entry is no longer in the knowledge base."}), nil
	case errors.Is(err, ErrBusy):
		return blockkit.FieldErrors(map[string]string{fieldQuestion: "Others are publishing at the same moment; press Publish again."}), nil
	case err != nil:
		return bot.Reply{}, err
	}
	if meta.Home {
		blockkit.HomeChanged(ctx)
	}
	done := blockkit.Notice(CallbackEdit+"-done", "Published", fmt.Sprintf(":white_check_mark: Published *%s* as `%s`: the next person who asks gets it, on every replica within seconds.",
		blockkit.Echo(p.Entry.Question, 200), p.Entry.ID))
	return bot.Reply{View: blockkit.Update(done)}, nil
}

// fieldErrors puts each of the lint's problems under the input it is
// about (by the field its message names); the rest under the question.
func fieldErrors(ve *knowledge.ValidationError) map[string]string {
	errs := map[string]string{}
	for _, p := range ve.Problems {
		field := fieldQuestion
		for _, f := range []string{fieldShort, fieldLong, fieldRelated, fieldQuestion} {
			if strings.HasPrefix(p.Message, f) && p.File == knowledge.SourcePublished {
				field = f
			}
		}
		msg := problemText(p)
		if prev := errs[field]; prev != "" {
			msg = prev + "; " + msg
		}
		errs[field] = msg
	}
	return errs
}
