package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/slack-go/slack"
)

// Sender is the part of the Web API that delivery uses; *Client has it.
type Sender interface {
	Post(ctx context.Context, m Message) (string, error)
	PostEphemeral(ctx context.Context, m Message) error
	Respond(ctx context.Context, responseURL string, r Reply, inChannel bool) error
	DeleteOriginal(ctx context.Context, responseURL string) error
	OpenDM(ctx context.Context, userID string) (string, error)
}

// Deliver sends reply where req came from: a slash command's response_url
// (ephemeral unless asked otherwise), the thread under a mention, the DM, or
// for a click the message's response_url (the App Home has none: there the
// answer goes to the user's DM). Assistant-thread replies go in the thread;
// a message shortcut is answered privately beside the message; requests
// without a conversation (views, global shortcuts) post to Reply.Channel,
// or the user's DM.
func Deliver(ctx context.Context, s Sender, req *Request, r Reply) error {
	if r.Empty() {
		return nil
	}
	inChannel := r.Visibility == VisibilityInChannel
	switch req.Kind {
	case KindCommand:
		return s.Respond(ctx, req.ResponseURL, r, inChannel)
	case KindAction:
		if req.ResponseURL == "" {
			return postToDM(ctx, s, req.UserID, r)
		}
		if paneClick(req, r) {
			// A click in a DM's thread (the assistant pane's): answered in
			// that thread, where a response_url cannot post.
			_, err := s.Post(ctx, Message{Channel: req.ChannelID, ThreadTS: req.ThreadTS, Text: r.Text, Blocks: r.Blocks})
			return err
		}
		if r.ThreadTS != "" && inChannel && req.ChannelID != "" {
			// A response_url cannot post into a thread: a visible answer in
			// the thread under the clicked message goes through the Web API
			// (at the top of the channel if the bot is not a member).
			_, err := s.Post(ctx, Message{Channel: req.ChannelID, ThreadTS: r.ThreadTS, Text: r.Text, Blocks: r.Blocks})
			if err != nil && notMember(err) {
				err = s.Respond(ctx, req.ResponseURL, r, true)
			}
			if err == nil && r.DeleteOriginal && !r.ReplaceOriginal {
				err = s.DeleteOriginal(ctx, req.ResponseURL)
			}
			return err
		}
		if r.Text != "" || len(r.Blocks) > 0 {
			if err := s.Respond(ctx, req.ResponseURL, r, inChannel); err != nil {
				return err
			}
		}
		if r.DeleteOriginal && !r.ReplaceOriginal {
			return s.DeleteOriginal(ctx, req.ResponseURL)
		}
		return nil
	case KindMention, KindThread, KindDM:
		thread := r.ThreadTS
		if thread == "" {
			thread = req.ThreadTS
		}
		if thread == "" && req.Kind == KindMention {
			thread = req.MessageTS
		}
		m := Message{Channel: req.ChannelID, ThreadTS: thread, Text: r.Text, Blocks: r.Blocks}
		if r.Visibility == VisibilityEphemeral && req.Kind != KindDM {
			m.User = req.UserID
			return s.PostEphemeral(ctx, m)
		}
		_, err := s.Post(ctx, m)
		return err
	case KindBotJoined:
		_, err := s.Post(ctx, Message{Channel: req.ChannelID, Text: r.Text, Blocks: r.Blocks})
		return err
	case KindHomeOpened:
		return postToDM(ctx, s, req.UserID, r)
	case KindAssistantStarted, KindAssistantContextChanged, KindAssistantMessage:
		thread := r.ThreadTS
		if thread == "" {
			thread = req.ThreadTS
		}
		_, err := s.Post(ctx, Message{Channel: req.ChannelID, ThreadTS: thread, Text: r.Text, Blocks: r.Blocks})
		return err
	case KindMessageShortcut:
		return deliverPrivately(ctx, s, req, r)
	case KindViewSubmission, KindViewClosed, KindShortcut:
		if r.Channel == "" {
			return postToDM(ctx, s, req.UserID, r)
		}
		m := Message{Channel: r.Channel, ThreadTS: r.ThreadTS, Text: r.Text, Blocks: r.Blocks}
		if r.Visibility == VisibilityEphemeral {
			m.User = req.UserID
			return s.PostEphemeral(ctx, m)
		}
		_, err := s.Post(ctx, m)
		return err
	}
	return fmt.Errorf("deliver reply: unknown request kind %d", req.Kind)
}

func postToDM(ctx context.Context, s Sender, userID string, r Reply) error {
	ch, err := s.OpenDM(ctx, userID)
	if err != nil {
		return err
	}
	_, err = s.Post(ctx, Message{Channel: ch, ThreadTS: r.ThreadTS, Text: r.Text, Blocks: r.Blocks})
	return err
}

// deliverPrivately answers a message shortcut to its user only, beside the
// message: in its thread with chat.postEphemeral (a response_url cannot
// reach a thread), else through the response_url, which needs no
// membership; a visible reply is posted in the message's thread.
func deliverPrivately(ctx context.Context, s Sender, req *Request, r Reply) error {
	thread := r.ThreadTS
	if thread == "" {
		thread = req.ThreadTS
	}
	m := Message{Channel: req.ChannelID, ThreadTS: thread, Text: r.Text, Blocks: r.Blocks}
	if r.Visibility == VisibilityInChannel {
		_, err := s.Post(ctx, m)
		return err
	}
	if thread != "" {
		m.User = req.UserID
		err := s.PostEphemeral(ctx, m)
		if err == nil || req.ResponseURL == "" || !notMember(err) {
			return err
		}
	}
	return s.Respond(ctx, req.ResponseURL, r, false)
}

// notMember reports whether Slack refused a post because the bot is not in
// the conversation.
func notMember(err error) bool {
	var se slack.SlackErrorResponse
	return errors.As(err, &se) && (se.Err == "not_in_channel" || se.Err == "channel_not_found")
}

// paneClick reports whether r answers a click on a visible message in a
// DM's thread with a new message (not by replacing the clicked one).
func paneClick(req *Request, r Reply) bool {
	return req.ThreadTS != "" && strings.HasPrefix(req.ChannelID, "D") && !req.Ephemeral && !r.ReplaceOriginal &&
		(r.ThreadTS == "" || r.ThreadTS == req.ThreadTS) && (r.Text != "" || len(r.Blocks) > 0)
}
