// Package bot is the Slack transport: the Socket Mode connections, acks,
// decoding envelopes into Requests, de-duplication and the in-flight
// journal, the worker pool, and delivering each Reply back to Slack. It is
// the only package that imports socketmode.
//
// Every envelope is acked first and handled after, except a modal's
// submission (KindViewSubmission): Slack wants its answer (field errors,
// the next view) in the ack, so its handler runs before the ack, within a
// 2.5 s budget, and returns that answer as Reply.View; the rest of the
// Reply is delivered after the ack like any other. Client has the Web API
// methods the surfaces need: views, the assistant pane, permalinks, files.
//
// It owns the Redis keys under <prefix>{journal:N} (see Journal) and no
// action ids. It must not import any of the advisor's other packages
// (handlers, scheduler, knowledge, config): they import its Request, Reply
// and Message.
package bot

import (
	"context"
	"fmt"

	"github.com/slack-go/slack"
)

// Kind says where a Request came from.
type Kind int

// Kinds of Request.
const (
	KindCommand    Kind = iota + 1 // a slash command
	KindMention                    // an app_mention in a channel
	KindDM                         // a message in the bot's DM (message.im)
	KindThread                     // a message in a channel thread the bot follows
	KindAction                     // a block_actions button click
	KindHomeOpened                 // app_home_opened, home tab
	KindBotJoined                  // the bot was added to a channel

	// Surfaces beside messages. A view submission is the one Request whose
	// handler runs before the ack: see Reply.View.
	KindViewSubmission          // view_submission: a modal's Submit; Values holds its inputs
	KindViewClosed              // view_closed: a modal opened with notify_on_close was closed
	KindShortcut                // a global shortcut (CallbackID), from the ⚡ menu or the search bar
	KindMessageShortcut         // a message shortcut (CallbackID): Text is the message's text
	KindAssistantStarted        // assistant_thread_started: the user opened the assistant pane
	KindAssistantContextChanged // assistant_thread_context_changed: the user now looks at ContextChannelID
	KindAssistantMessage        // a user's message in an assistant thread (a DM thread)
)

// String names the kind for logs.
func (k Kind) String() string {
	switch k {
	case KindCommand:
		return "command"
	case KindMention:
		return "mention"
	case KindDM:
		return "dm"
	case KindThread:
		return "thread"
	case KindAction:
		return "action"
	case KindHomeOpened:
		return "home_opened"
	case KindBotJoined:
		return "bot_joined"
	case KindViewSubmission:
		return "view_submission"
	case KindViewClosed:
		return "view_closed"
	case KindShortcut:
		return "shortcut"
	case KindMessageShortcut:
		return "message_shortcut"
	case KindAssistantStarted:
		return "assistant_started"
	case KindAssistantContextChanged:
		return "assistant_context"
	case KindAssistantMessage:
		return "assistant_message"
	}
	return "unknown"
}

// Request is one thing a user did, decoded from a Socket Mode envelope into
// the fields handlers need. Handlers never see slack-go's envelope types.
type Request struct {
	Kind        Kind
	ID          string // event_id for events, envelope_id otherwise: the de-duplication key
	TeamID      string
	UserID      string
	ChannelID   string
	ChannelType string // "im", "channel", "group", "mpim" where known
	Command     string // the slash command, e.g. "/ceo-vs-cto"
	Text        string // the user's text, the bot's own mention removed
	MessageTS   string // the message itself (mention/DM), or the message holding the clicked button
	ThreadTS    string // the thread the message is in, "" at top level
	ResponseURL string // slash commands and message button clicks
	TriggerID   string
	ActionID    string // block_actions: the clicked element's action_id
	ActionValue string // block_actions: the clicked element's value
	Ephemeral   bool   // block_actions: the clicked button sits on an ephemeral message
	OnHome      bool   // block_actions: the clicked element is on the App Home tab (no channel, no response_url)

	// Shortcuts and views.
	CallbackID      string // shortcuts and views: the callback_id the manifest or the view names
	ViewID          string // views, and clicks inside a modal: the view's id, for views.update
	ViewHash        string // the view's hash: a views.update with it fails if the view changed since
	PrivateMetadata string // views: what the feature put in the modal's private_metadata (≤ 3,000 chars)
	Values          Form   `json:",omitempty"` // view_submission, and clicks inside a modal: the inputs' values
	MessageUserID   string // message shortcut: who wrote the message, a user id (a bot id for a bot's post); Text, MessageTS and ThreadTS are the message's

	// ContextChannelID is, in an assistant thread, the channel the user is
	// looking at beside the pane ("" when none or unknown): Slack sends it
	// with assistant_thread_started and _context_changed only, so the
	// router fills it in for later messages from what it remembered.
	ContextChannelID string
}

// Visibility says who sees a Reply.
type Visibility int

// Visibilities of a Reply. The default depends on the Request's kind:
// ephemeral for slash commands and clicks on ephemeral messages, visible in
// the thread for mentions, and in the DM for direct messages.
const (
	VisibilityDefault Visibility = iota
	VisibilityEphemeral
	VisibilityInChannel
)

// Reply is what a handler wants said in answer to a Request. The bot
// delivers it to the right place: the response_url of a slash command, the
// thread under a mention, the DM. The zero Reply sends nothing.
type Reply struct {
	Text            string // notification and fallback text; mrkdwn
	Blocks          []slack.Block
	Visibility      Visibility
	ReplaceOriginal bool // for clicks: replace the message holding the button
	DeleteOriginal  bool // for clicks: delete the (ephemeral) message holding the button after posting
	ThreadTS        string

	// Channel is where the message goes for a Request with no conversation
	// of its own (a view submission or close, a global shortcut): "" means
	// the user's DM. Ephemeral there shows it to the user only.
	Channel string

	// View answers a view_submission in its ack, which Slack needs within
	// 3 seconds: response_action errors (block_id → message under that
	// input), update, push or clear. Nil acks plainly, which closes the
	// modal. The bot runs a view submission's handler before the ack (see
	// Bot), sends View in it, and only then delivers the message, if any;
	// for every other kind View is ignored.
	View *slack.ViewSubmissionResponse `json:"-"`

	// After is work that must wait for the ack and the message above:
	// a view submission's posts elsewhere (the handler has a 2.5 s budget
	// before its ack; After has the envelope's whole time). It runs with
	// the delivery's context, so its posts are journaled and made once,
	// and an error is logged like a handler's. A re-run after a takeover
	// calls the handler again, which returns After again: it must be safe
	// to run twice, as every handler is.
	After func(ctx context.Context) error `json:"-"`
}

// Empty reports whether the Reply posts nothing (a View is no post).
func (r Reply) Empty() bool { return r.Text == "" && len(r.Blocks) == 0 && !r.DeleteOriginal }

// runAfter runs r.After, if any, once r itself was delivered.
func (r Reply) runAfter(ctx context.Context) error {
	if r.After == nil {
		return nil
	}
	if err := r.After(ctx); err != nil {
		return fmt.Errorf("after the reply: %w", err)
	}
	return nil
}

// Message is a message to post with the Web API.
type Message struct {
	Channel  string
	ThreadTS string
	Text     string
	Blocks   []slack.Block
	User     string // for ephemeral posts: the only user who sees it
	// Mark, outside a journaled delivery (which marks its own posts),
	// labels the post in its message metadata, so that a post whose fate
	// is unknown can be found; with InDoubt the post is looked up first
	// and made only if Slack does not have it.
	Mark    string
	InDoubt bool
}

// Handler answers Requests. An error is logged and answered with a generic
// apology; a handler that wants to say something specific returns a Reply.
type Handler interface {
	Handle(ctx context.Context, req *Request) (Reply, error)
}

// HandlerFunc adapts a function to Handler.
type HandlerFunc func(ctx context.Context, req *Request) (Reply, error)

// Handle calls f.
func (f HandlerFunc) Handle(ctx context.Context, req *Request) (Reply, error) { return f(ctx, req) }
