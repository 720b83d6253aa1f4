package slacktest

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
)

// maxPrompts is how many suggested prompts an assistant thread shows.
const maxPrompts = 4

// Assistant is an assistant (split-view) thread as the user sees it: what
// the app set on it with the assistant.threads methods.
type Assistant struct {
	Channel, ThreadTS string
	Title             string
	PromptsTitle      string
	Prompts           []slack.AssistantThreadsPrompt
	Status            string   // the status line now: "" once cleared, or once the app posted in the thread
	Statuses          []string // every status set, in order, cleared ones included
}

// AssistantThread describes an assistant thread for the helpers below.
// Empty fields get defaults: UserID DefaultUserID, ChannelID "D"+UserID,
// ThreadTS a fresh timestamp. ContextChannelID is the channel the user is
// looking at beside the pane ("" for none).
type AssistantThread struct {
	UserID, ChannelID, ThreadTS, ContextChannelID string
}

// AssistantThreadStarted delivers assistant_thread_started, as Slack does
// when the user opens the assistant pane. It returns the thread (defaults
// filled in) and the envelope id.
func (s *Server) AssistantThreadStarted(t AssistantThread) (AssistantThread, string) {
	t = s.fillThread(t)
	s.mu.Lock()
	key := t.ChannelID + "/" + t.ThreadTS
	if s.assistants[key] == nil {
		s.assistants[key] = &Assistant{Channel: t.ChannelID, ThreadTS: t.ThreadTS}
	}
	s.mu.Unlock()
	return t, s.sendEvent("", slackevents.AssistantThreadStartedEvent{
		Type: string(slackevents.AssistantThreadStarted), AssistantThread: s.threadObject(t), EventTimestamp: t.ThreadTS})
}

// AssistantContextChanged delivers assistant_thread_context_changed: the
// user now looks at t.ContextChannelID. It returns the envelope id.
func (s *Server) AssistantContextChanged(t AssistantThread) string {
	t = s.fillThread(t)
	return s.sendEvent("", slackevents.AssistantThreadContextChangedEvent{
		Type: string(slackevents.AssistantThreadContextChanged), AssistantThread: s.threadObject(t), EventTimestamp: t.ThreadTS})
}

// AssistantMessage delivers the user's message in an assistant thread:
// message.im in the thread, marked with the thread's action token as Slack
// marks them. It returns the envelope id.
func (s *Server) AssistantMessage(t AssistantThread, text string) string {
	t = s.fillThread(t)
	m := s.fillMsg(Msg{User: t.UserID, Channel: t.ChannelID, ThreadTS: t.ThreadTS, Text: text}, t.ChannelID)
	raw, err := json.Marshal(s.messageEvent(m, slackevents.ChannelTypeIM))
	if err != nil {
		panic(fmt.Sprintf("slacktest: marshal message: %v", err)) // our own struct: cannot happen
	}
	var ev map[string]any
	_ = json.Unmarshal(raw, &ev)
	ev["assistant_thread"] = map[string]any{"action_token": "at-" + m.TS}
	return s.sendEvent("", ev)
}

func (s *Server) fillThread(t AssistantThread) AssistantThread {
	if t.UserID == "" {
		t.UserID = DefaultUserID
	}
	if t.ChannelID == "" {
		t.ChannelID = "D" + t.UserID
	}
	if t.ThreadTS == "" {
		s.mu.Lock()
		t.ThreadTS = s.tsLocked()
		s.mu.Unlock()
	}
	return t
}

func (s *Server) threadObject(t AssistantThread) slackevents.AssistantThread {
	return slackevents.AssistantThread{UserID: t.UserID, ChannelID: t.ChannelID, ThreadTimeStamp: t.ThreadTS,
		Context: slackevents.AssistantThreadContext{ChannelID: t.ContextChannelID, TeamID: s.cfg.teamID}}
}

// AssistantState returns what the app set on the assistant thread, and
// whether the thread is known (started, or touched by a method).
func (s *Server) AssistantState(channel, threadTS string) (Assistant, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, ok := s.assistants[channel+"/"+threadTS]
	if !ok {
		return Assistant{}, false
	}
	c := *a
	c.Prompts = append([]slack.AssistantThreadsPrompt(nil), a.Prompts...)
	c.Statuses = append([]string(nil), a.Statuses...)
	return c, true
}

// WaitAssistant blocks until cond holds for the thread's state.
func (s *Server) WaitAssistant(ctx context.Context, channel, threadTS string, cond func(Assistant) bool) (Assistant, error) {
	var got Assistant
	err := s.waitFor(ctx, func() bool {
		a, ok := s.assistants[channel+"/"+threadTS]
		if ok {
			got = *a
		}
		return ok && cond(got)
	})
	if err != nil {
		return got, fmt.Errorf("wait for assistant thread %s %s: %w", channel, threadTS, err)
	}
	return got, nil
}

// assistantMethod answers assistant.threads.setSuggestedPrompts, setTitle
// and setStatus, which only work in a DM thread (the pane's).
func (s *Server) assistantMethod(method string, p map[string]string) result {
	ch, ts := p["channel_id"], p["thread_ts"]
	if ch == "" || ch[0] != 'D' {
		return fail("channel_not_found")
	}
	if ts == "" {
		return fail("invalid_thread_ts")
	}
	var prompts []slack.AssistantThreadsPrompt
	switch method {
	case "assistant.threads.setSuggestedPrompts":
		if err := json.Unmarshal([]byte(p["prompts"]), &prompts); err != nil || len(prompts) == 0 || len(prompts) > maxPrompts {
			return refuse(problemf("invalid_arguments", "prompts must be 1 to %d {title, message} objects [json-pointer:/prompts]", maxPrompts))
		}
		for _, pr := range prompts {
			if pr.Title == "" || pr.Message == "" {
				return refuse(problemf("invalid_arguments", "every prompt needs a title and a message [json-pointer:/prompts]"))
			}
		}
	case "assistant.threads.setTitle":
		if p["title"] == "" {
			return refuse(problemf("invalid_arguments", "missing required field: title"))
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.assistants[ch+"/"+ts]
	if a == nil {
		a = &Assistant{Channel: ch, ThreadTS: ts}
		s.assistants[ch+"/"+ts] = a
	}
	switch method {
	case "assistant.threads.setSuggestedPrompts":
		a.Prompts, a.PromptsTitle = prompts, p["title"]
	case "assistant.threads.setTitle":
		a.Title = p["title"]
	default:
		a.Status = p["status"]
		a.Statuses = append(a.Statuses, p["status"])
	}
	s.notifyLocked()
	return ok(nil)
}

// answeredInThread clears the status of an assistant thread the app just
// posted in, as Slack does.
func (s *Server) answeredInThread(channel, threadTS string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if a := s.assistants[channel+"/"+threadTS]; a != nil && a.Status != "" {
		a.Status = ""
		s.notifyLocked()
	}
}
