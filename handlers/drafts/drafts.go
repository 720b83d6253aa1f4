// Package drafts is how the knowledge grows from Slack: an expert's answer
// becomes a draft entry (AddDraft), admins review the drafts (the
// `drafts` command and the App Home's "Drafts to review": Publish, Edit,
// Discard), edit built-in entries the same way (`kb edit <entry-id>`,
// which publishes an override), and a published entry reaches every
// replica's knowledge base within seconds: each replica holds its base in
// a knowledge.Live, rebuilt off the request path and swapped whole when
// the published entries change (a notice on pub/sub, and a reconcile every
// few seconds for notices missed). A published entry is validated exactly
// as `advisor kb lint` validates files (knowledge.CheckExtended) before
// anything is written; `advisor kb export` writes them back as files.
//
// It owns the Redis keys under <prefix>{kb}: (drafts, drafts:time,
// drafts:req, entries, version, seq, recent) and the pub/sub channel
// <prefix>{kb}:changed; the action ids and callback ids starting with
// Prefix. It must not import handlers or another feature.
package drafts

import (
	"time"

	"github.com/advisor-bot/advisor/knowledge"
)

// Prefix starts every action id and callback id this package answers.
const Prefix = "drafts:"

// Action and callback ids.
const (
	ActionPublish = Prefix + "publish" // value: a draft id
	ActionEdit    = Prefix + "edit"    // value: a draft id, or "entry:<id>" for a published or built-in entry
	ActionDiscard = Prefix + "discard" // value: a draft id
	ActionList    = Prefix + "list"    // value: "": the drafts list as a message
	CallbackEdit  = Prefix + "edit"    // the edit modal
)

// Draft is an answer waiting for an admin: the asker's question, the
// expert's answer, who and when. Text is mrkdwn, escaped on the way in
// (AddDraft), so it shows what was typed and can ping nobody.
type Draft struct {
	ID         string    `json:"id"`
	Question   string    `json:"q"`
	Alternates []string  `json:"alt,omitempty"`
	Short      string    `json:"short"`
	Long       string    `json:"long,omitempty"`
	Related    []string  `json:"rel,omitempty"`
	ExpertID   string    `json:"expert,omitempty"`
	AskerID    string    `json:"asker,omitempty"`
	At         time.Time `json:"at"`
	RequestID  string    `json:"req,omitempty"` // the expert request it answers: one draft per request
}

// Published is an entry published at run time: a new one from a draft, or
// an override of a built-in entry, with who published it and when.
type Published struct {
	Entry    knowledge.Entry `json:"entry"`
	By       string          `json:"by"`
	At       time.Time       `json:"at"`
	Override bool            `json:"override,omitempty"` // it replaces a built-in entry
	ExpertID string          `json:"expert,omitempty"`
	DraftID  string          `json:"draft,omitempty"`
}
