package drafts

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/advisor-bot/advisor/knowledge"
)

// ErrEmpty is a draft without a question or an answer.
var ErrEmpty = errors.New("question and answer are required")

// maxShort is the knowledge's limit on a short answer (the lint's).
const maxShort = 300

// entryOf is the entry a draft becomes, as published unedited: the
// asker's question as its question and first alternate, the expert's
// answer, the day it was answered.
func entryOf(d Draft) knowledge.Entry {
	alts := append([]string{d.Question}, d.Alternates...)
	return knowledge.Entry{Question: d.Question, Alternates: dedupe(alts), Short: d.Short, Long: d.Long,
		Related: d.Related, Answered: d.At.UTC().Format(time.DateOnly)}
}

// PublishDraft publishes draft id as a new entry (edited to e's question,
// alternates, answers and related entries when e is not nil) for admin
// by. Nothing is written unless the whole knowledge base with it passes
// the lint; a *knowledge.ValidationError says why not.
func (s *Service) PublishDraft(ctx context.Context, id, by string, e *knowledge.Entry) (Published, error) {
	d, err := s.st.draft(ctx, id)
	if err != nil {
		return Published{}, err
	}
	entry := entryOf(d)
	if e != nil {
		entry.Question, entry.Alternates, entry.Short, entry.Long, entry.Related = e.Question, e.Alternates, e.Short, e.Long, e.Related
	}
	p := Published{Entry: entry, By: by, At: s.now(), ExpertID: d.ExpertID, DraftID: d.ID}
	return s.publish(ctx, p, d.ID)
}

// PublishEdit publishes an edit of entry id (built in, or published
// before) for admin by: the fields the edit modal has replaced, the rest
// (situations, tags, figures) kept. An edit of a built-in entry is an
// override of it.
func (s *Service) PublishEdit(ctx context.Context, id, by string, e knowledge.Entry) (Published, error) {
	cur, ok := s.live.Base().Entry(id)
	if !ok {
		return Published{}, fmt.Errorf("edit entry %s: %w", id, ErrNoEntry)
	}
	entry := *cur
	entry.Source = ""
	entry.Question, entry.Alternates, entry.Short, entry.Long, entry.Related = e.Question, e.Alternates, e.Short, e.Long, e.Related
	p := Published{Entry: entry, By: by, At: s.now(), Override: cur.Source != knowledge.SourcePublished}
	return s.publish(ctx, p, "")
}

// ErrNoEntry is an edit of an entry the knowledge base does not have.
var ErrNoEntry = errors.New("no such entry")

// publish checks p against the whole knowledge base with every published
// entry, writes it, and starts the rebuild. A new entry gets an id of its
// own here, from its question.
func (s *Service) publish(ctx context.Context, p Published, draftID string) (Published, error) {
	base := s.live.Base()
	fresh := p.Entry.ID == ""
	_, err := s.st.publish(ctx, draftID, func(snap snapshot) (Published, error) {
		if fresh {
			p.Entry.ID = newID(p.Entry.Question, func(id string) bool {
				_, inBase := base.Entry(id)
				_, inRedis := snap.entries[id]
				return inBase || inRedis
			})
		}
		if prev, ok := snap.entries[p.Entry.ID]; ok && !fresh {
			p.Override, p.ExpertID, p.DraftID = prev.Override, prev.ExpertID, prev.DraftID
		}
		snap.entries[p.Entry.ID] = p
		return p, knowledge.CheckExtended(s.dir, entriesOf(snap))
	})
	if err != nil {
		return Published{}, err
	}
	if draftID != "" && s.obs != nil {
		s.obs.DraftPublished()
	}
	s.log.Info().Str("entry", p.Entry.ID).Str("by", p.By).Bool("override", p.Override).Str("draft", draftID).Msg("entry published")
	s.changed(ctx)
	return p, nil
}

var nonWord = regexp.MustCompile(`[^a-z0-9]+`)

// newID makes an entry id from a question: "team-" and its first words,
// with a number after it if taken says the id is in use.
func newID(question string, taken func(string) bool) string {
	words := strings.Fields(nonWord.ReplaceAllString(strings.ToLower(unescape.Replace(question)), " "))
	slug := strings.Join(words[:min(6, len(words))], "-")
	if len(slug) > 48 {
		slug = strings.TrimRight(slug[:48], "-")
	}
	id := "team"
	if slug != "" {
		id += "-" + slug
	}
	for n, cand := 2, id; ; n++ {
		if !taken(cand) {
			return cand
		}
		cand = id + "-" + strconv.Itoa(n)
	}
}

// splitAnswer cuts an expert's answer into the short answer shown first
// (its leading sentences, within the knowledge's limit) and the rest. An
// answer of one short paragraph is both: the reply shows it once.
func splitAnswer(text string) (short, long string) {
	text = strings.TrimSpace(text)
	if text == "" {
		return "", ""
	}
	first, rest, _ := strings.Cut(text, "\n\n")
	if utf8.RuneCountInString(first) <= maxShort && strings.TrimSpace(rest) != "" {
		return strings.TrimSpace(first), strings.TrimSpace(rest)
	}
	if utf8.RuneCountInString(text) <= maxShort {
		return text, text
	}
	cut := 0
	for i, r := range text {
		if utf8.RuneCountInString(text[:i]) >= maxShort {
			break
		}
		if (r == '.' || r == '?' || r == '!' || r == '\n') && i > 0 {
			cut = i + 1
		}
	}
	if cut == 0 {
		r := []rune(text)
		return string(r[:maxShort-1]) + "…", text
	}
	return strings.TrimSpace(text[:cut]), strings.TrimSpace(text[cut:])
}

// dedupe drops empty and repeated lines, keeping the first of each.
func dedupe(lines []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if k := strings.ToLower(l); l != "" && !seen[k] {
			seen[k] = true
			out = append(out, l)
		}
	}
	return out
}
