package main

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/slack-go/slack"
	"gopkg.in/yaml.v3"

	"github.com/advisor-bot/advisor/handlers"
)

// needs says what each bot scope is for: the Web API methods the advisor
// calls and the events it subscribes to that require it. A scope the
// manifest asks for and nothing here needs is an unused one.
var needs = map[string][]string{
	"commands":          {"/ceo-vs-cto", "shortcut ask_advisor", "shortcut take_assessment"},
	"chat:write":        {"chat.postMessage", "chat.postEphemeral", "chat.update"},
	"app_mentions:read": {"event app_mention"},
	"im:history":        {"event message.im", "conversations.history in a DM"},
	"im:write":          {"conversations.open"},
	"channels:history":  {"event message.channels", "conversations.replies"},
	"groups:history":    {"event message.groups"},
	"channels:read":     {"conversations.info", "conversations.members", "event member_joined_channel"},
	"groups:read":       {"conversations.info of a private channel", "conversations.members of a private experts channel"},
	"users:read":        {"users.info"},
	"assistant:write":   {"event assistant_thread_started", "assistant.threads.setSuggestedPrompts", "assistant.threads.setTitle", "assistant.threads.setStatus"},
	"files:write":       {"files.getUploadURLExternal", "files.completeUploadExternal"},
}

// apiMethods are the Web API methods behind each slack-go call the bot
// makes: TestManifestScopesAreForCallsTheBotMakes checks the list against
// bot's source, so a scope is justified by a call that is really made.
var apiMethods = map[string][]string{
	"AuthTestContext": {"auth.test"}, "PostMessageContext": {"chat.postMessage"}, "PostEphemeralContext": {"chat.postEphemeral"},
	"UpdateMessageContext": {"chat.update"}, "SendMessageContext": {"response_url"}, "GetPermalinkContext": {"chat.getPermalink"},
	"OpenConversationContext": {"conversations.open"}, "GetConversationInfoContext": {"conversations.info"},
	"GetConversationHistoryContext": {"conversations.history"}, "GetConversationRepliesContext": {"conversations.replies"},
	"GetUsersInConversationContext": {"conversations.members"},
	"GetUserInfoContext":            {"users.info"}, "PublishViewContext": {"views.publish"}, "OpenViewContext": {"views.open"},
	"PushViewContext": {"views.push"}, "UpdateViewContext": {"views.update"},
	"SetAssistantThreadsSuggestedPromptsContext": {"assistant.threads.setSuggestedPrompts"},
	"SetAssistantThreadsTitleContext":            {"assistant.threads.setTitle"},
	"SetAssistantThreadsStatusContext":           {"assistant.threads.setStatus"},
	"UploadFileContext":                          {"files.getUploadURLExternal", "files.completeUploadExternal"},
}

// TestManifestScopesAreForCallsTheBotMakes: every slack-go call in bot's
// source is one apiMethods knows, and every method a scope is kept for
// (needs) is one of those calls.
func TestManifestScopesAreForCallsTheBotMakes(t *testing.T) {
	files, err := filepath.Glob("bot/*.go")
	if err != nil {
		t.Fatal(err)
	}
	called := map[string]bool{}
	call := regexp.MustCompile(`\bapi\.([A-Z]\w*Context)\(`)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range call.FindAllStringSubmatch(string(src), -1) {
			methods, ok := apiMethods[m[1]]
			if !ok {
				t.Errorf("%s calls slack-go's %s: add the Web API method to apiMethods, and its scope to needs and manifest.yaml", f, m[1])
			}
			for _, method := range methods {
				called[method] = true
			}
		}
	}
	method := regexp.MustCompile(`^[a-z]+\.[a-zA-Z.]+$`)
	for scope, uses := range needs {
		for _, use := range uses {
			if name, _, _ := strings.Cut(use, " "); method.MatchString(name) && !called[name] {
				t.Errorf("scope %s is kept for %s, which the bot never calls", scope, name)
			}
		}
	}
}

// events are the bot events the advisor decodes (bot/decode.go).
var events = []string{"app_mention", "message.im", "message.channels", "message.groups", "app_home_opened", "member_joined_channel",
	"assistant_thread_started", "assistant_thread_context_changed"}

func TestManifestDeclaresExactlyWhatTheAdvisorUses(t *testing.T) {
	raw, err := os.ReadFile("manifest.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var m slack.Manifest
	if err := yaml.Unmarshal(raw, &m); err != nil {
		t.Fatalf("manifest.yaml: %v", err)
	}
	var scopes []string
	for _, s := range m.OAuthConfig.Scopes.Bot {
		scopes = append(scopes, s)
		if _, ok := needs[s]; !ok {
			t.Errorf("scope %s is declared but nothing the advisor does needs it", s)
		}
		if !regexp.MustCompile(`(?m)^\s+- ` + regexp.QuoteMeta(s) + `\s+# \S`).Match(raw) {
			t.Errorf("scope %s has no comment saying why", s)
		}
	}
	for s := range needs {
		if !slices.Contains(scopes, s) {
			t.Errorf("scope %s is needed (%s) but not declared", s, strings.Join(needs[s], ", "))
		}
	}
	if got := m.Settings.EventSubscriptions.BotEvents; !sameSet(got, events) {
		t.Errorf("got bot events %v, want %v", got, events)
	}
	if !m.Settings.Interactivity.IsEnabled || !m.Settings.SocketModeEnabled {
		t.Error("interactivity and Socket Mode must be on")
	}
	if av := m.Features.AssistantView; av == nil || av.AssistantDescription == "" || len(av.SuggestedPrompts) == 0 || len(av.SuggestedPrompts) > 4 {
		t.Errorf("got assistant_view %+v, want a description and up to four prompts", av)
	}
	want := map[string]slack.ShortcutType{handlers.ShortcutAsk: slack.MessageShortcut, handlers.ShortcutAssess: slack.GlobalShortcut}
	if len(m.Features.Shortcuts) != len(want) {
		t.Errorf("got %d shortcuts, want %d", len(m.Features.Shortcuts), len(want))
	}
	for _, sc := range m.Features.Shortcuts {
		if want[sc.CallbackID] != sc.Type {
			t.Errorf("shortcut %s of type %s is not one the router answers", sc.CallbackID, sc.Type)
		}
		// Slack's manifest schema: name 1-24 characters, description 1-150.
		if n := utf8.RuneCountInString(sc.Name); n == 0 || n > 24 {
			t.Errorf("shortcut name %q has %d characters, Slack allows 24", sc.Name, n)
		}
		if n := utf8.RuneCountInString(sc.Description); n == 0 || n > 150 {
			t.Errorf("shortcut %s description has %d characters, Slack allows 150", sc.CallbackID, n)
		}
	}
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}
