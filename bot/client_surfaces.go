package bot

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"github.com/slack-go/slack"
)

// OpenView opens a modal with views.open and returns its view id. The
// trigger_id (from a slash command, a click or a shortcut) is single use
// and expires 3 seconds after Slack sent it, so open the modal before any
// slow work. Made once per delivery: a re-run after a takeover does not
// try an expired trigger again.
func (c *Client) OpenView(ctx context.Context, triggerID string, view slack.ModalViewRequest) (string, error) {
	return deliveryFrom(ctx).once(ctx, "views.open", triggerID, func(ctx context.Context, _ string) (string, error) {
		if triggerID == "" {
			return "", errors.New("views.open: no trigger_id")
		}
		res, err := c.api.OpenViewContext(ctx, triggerID, view)
		if err != nil {
			return "", fmt.Errorf("views.open %s: %w", view.CallbackID, err)
		}
		return res.ID, nil
	}, nil)
}

// PushView pushes a modal onto the open one's stack (at most three deep)
// with views.push, for a click inside a modal, and returns its view id.
func (c *Client) PushView(ctx context.Context, triggerID string, view slack.ModalViewRequest) (string, error) {
	return deliveryFrom(ctx).once(ctx, "views.push", triggerID, func(ctx context.Context, _ string) (string, error) {
		if triggerID == "" {
			return "", errors.New("views.push: no trigger_id")
		}
		res, err := c.api.PushViewContext(ctx, triggerID, view)
		if err != nil {
			return "", fmt.Errorf("views.push %s: %w", view.CallbackID, err)
		}
		return res.ID, nil
	}, nil)
}

// UpdateView replaces the open modal viewID with views.update. With hash
// (Request.ViewHash) Slack refuses (hash_conflict) if the view changed
// since that request; "" replaces whatever is there.
func (c *Client) UpdateView(ctx context.Context, viewID, hash string, view slack.ModalViewRequest) error {
	if _, err := c.api.UpdateViewContext(ctx, view, "", hash, viewID); err != nil {
		return fmt.Errorf("views.update %s: %w", viewID, err)
	}
	return nil
}

// SetSuggestedPrompts shows up to four prompts in an assistant thread
// (assistant.threads.setSuggestedPrompts), under title if it is not "".
func (c *Client) SetSuggestedPrompts(ctx context.Context, channel, threadTS, title string, prompts []slack.AssistantThreadsPrompt) error {
	err := c.api.SetAssistantThreadsSuggestedPromptsContext(ctx, slack.AssistantThreadsSetSuggestedPromptsParameters{
		ChannelID: channel, ThreadTS: threadTS, Title: title, Prompts: prompts})
	if err != nil {
		return fmt.Errorf("assistant.threads.setSuggestedPrompts %s %s: %w", channel, threadTS, err)
	}
	return nil
}

// SetThreadTitle names an assistant thread in the pane's history
// (assistant.threads.setTitle).
func (c *Client) SetThreadTitle(ctx context.Context, channel, threadTS, title string) error {
	err := c.api.SetAssistantThreadsTitleContext(ctx, slack.AssistantThreadsSetTitleParameters{
		ChannelID: channel, ThreadTS: threadTS, Title: title})
	if err != nil {
		return fmt.Errorf("assistant.threads.setTitle %s %s: %w", channel, threadTS, err)
	}
	return nil
}

// SetThreadStatus shows status ("is looking that up…") under an assistant
// thread; "" clears it. Slack clears it too when the app posts in the
// thread, or after about two minutes.
func (c *Client) SetThreadStatus(ctx context.Context, channel, threadTS, status string) error {
	err := c.api.SetAssistantThreadsStatusContext(ctx, slack.AssistantThreadsSetStatusParameters{
		ChannelID: channel, ThreadTS: threadTS, Status: status})
	if err != nil {
		return fmt.Errorf("assistant.threads.setStatus %s %s: %w", channel, threadTS, err)
	}
	return nil
}

// Permalink returns a link to the message ts in channel (chat.getPermalink).
func (c *Client) Permalink(ctx context.Context, channel, ts string) (string, error) {
	link, err := c.api.GetPermalinkContext(ctx, &slack.PermalinkParameters{Channel: channel, Ts: ts})
	if err != nil {
		return "", fmt.Errorf("chat.getPermalink %s %s: %w", channel, ts, err)
	}
	return link, nil
}

// File is a file to share in a conversation with Client.UploadFile.
type File struct {
	Channel  string // where it is shared
	ThreadTS string // in this thread, if set
	Name     string // the file name, e.g. "chart.png"; its extension tells Slack the type
	Title    string
	AltText  string // for images: what screen readers say
	Comment  string // mrkdwn posted with the file (initial_comment)
	Content  []byte
}

// UploadFile shares f with files upload v2 (files.getUploadURLExternal,
// the upload itself, files.completeUploadExternal) and returns the file's
// id. Shared once per delivery, like a post.
func (c *Client) UploadFile(ctx context.Context, f File) (string, error) {
	return deliveryFrom(ctx).once(ctx, "files.upload", f.Channel, func(ctx context.Context, _ string) (string, error) {
		if len(f.Content) == 0 || f.Name == "" {
			return "", fmt.Errorf("upload file to %s: empty file or no name", f.Channel)
		}
		sum, err := c.api.UploadFileContext(ctx, slack.UploadFileParameters{
			Reader: bytes.NewReader(f.Content), FileSize: len(f.Content), Filename: f.Name, Title: f.Title,
			AltTxt: f.AltText, InitialComment: f.Comment, Channel: f.Channel, ThreadTimestamp: f.ThreadTS})
		if err != nil {
			return "", fmt.Errorf("upload file %s to %s: %w", f.Name, f.Channel, err)
		}
		return sum.ID, nil
	}, nil)
}
