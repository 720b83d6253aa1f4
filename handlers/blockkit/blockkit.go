// Package blockkit is the Slack vocabulary the handlers share, in one
// place: the slash command's name, the action ids that more than one
// feature uses, Block Kit builders built on slack-go's types with Slack's
// length limits applied (Feedback, Slack's own 👍/👎, among them),
// ephemeral replies, IsDM, the modal kit (Views, Modal, Input, Option,
// FieldErrors, Update, Notice: see Views for how a feature runs a modal)
// Busy, which puts the assistant pane's status line up before slow work,
// and HomeChanged, which has the App Home published again after a change
// made on it.
//
// It owns no state and no Redis keys. It imports slack-go and bot's
// Request and Reply only: it must not import handlers, its features
// (handlers/assessment, handlers/tips), scheduler or knowledge, which
// import it. An action id used by one feature only lives in that feature.
package blockkit

import (
	"strings"

	"github.com/advisor-bot/advisor/bot"
)

// SlashCommand is the advisor's slash command, as the manifest declares it.
const SlashCommand = "/ceo-vs-cto"

// Action ids that cross features. The router (package handlers) answers
// ActionRun and ActionFAQ whoever showed the button, and hands every id
// starting with PrefixAssess, PrefixTips, PrefixPair or PrefixExperts to
// that feature.
const (
	ActionRun           = "run"            // value: a command to run as if typed
	ActionFAQ           = "faq:show"       // value: a FAQ entry id (answers, assessment results, tips)
	PrefixAssess        = "assess:"        // every handlers/assessment button
	ActionAssessStart   = "assess:start"   // value: an assessment id (App Home, assessments); rate-limited by the router
	ActionAssessRestart = "assess:restart" // value: a session ref; rate-limited by the router like a start
	PrefixTips          = "tips:"          // every handlers/tips button
	PrefixPair          = "pair:"          // every handlers/pairs button, and its modals' callback ids
	PrefixExperts       = "experts:"       // every handlers/experts button (Ask a person, Answer), and its modal's callback id
	ActionPairStart     = "pair:start"     // value: a paired assessment's id (assessment list, App Home): pick a co-founder; rate-limited by the router
	ActionPairAgain     = "pair:again"     // value: a couple's id: invite the same co-founder again; rate-limited like a start
)

// IsDM reports whether req happened in a direct message with the bot.
// Clicks carry no channel type, so a channel id starting with "D" (Slack's
// DM ids) counts too.
func IsDM(req *bot.Request) bool {
	return req.ChannelType == "im" || strings.HasPrefix(req.ChannelID, "D")
}
