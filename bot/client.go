package bot

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/slack-go/slack"
)

// Client is the Web API as the rest of the advisor uses it: a few methods
// over slack-go's client (retried as retryPolicy says), with small caches
// for DM channels and users. Errors never carry a response_url.
type Client struct {
	api *slack.Client

	mu    sync.Mutex
	dms   map[string]string // user id → DM channel id
	users map[string]cachedUser
	now   func() time.Time
}

type cachedUser struct {
	user *slack.User
	at   time.Time
}

const userCacheTTL = 5 * time.Minute

// NewClient wraps api.
func NewClient(api *slack.Client) *Client {
	return &Client{api: api, dms: map[string]string{}, users: map[string]cachedUser{}, now: time.Now}
}

// API returns the wrapped slack-go client.
func (c *Client) API() *slack.Client { return c.api }

func msgOptions(m Message) []slack.MsgOption {
	opts := []slack.MsgOption{slack.MsgOptionText(m.Text, false)}
	if len(m.Blocks) > 0 {
		opts = append(opts, slack.MsgOptionBlocks(fitBlocks(m.Blocks)...))
	}
	if m.ThreadTS != "" {
		opts = append(opts, slack.MsgOptionTS(m.ThreadTS))
	}
	return opts
}

// Post sends m with chat.postMessage and returns the new message's ts.
// Within a journaled delivery the post is made once (see delivery.once):
// it carries its mark in message metadata, so that a post in doubt can be
// found in the conversation.
func (c *Client) Post(ctx context.Context, m Message) (string, error) {
	d := deliveryFrom(ctx)
	if d == nil && m.Mark != "" {
		return c.postMarked(ctx, m)
	}
	return d.once(ctx, "chat.postMessage", m.Channel, func(ctx context.Context, mark string) (string, error) {
		opts := msgOptions(m)
		if mark != "" {
			opts = append(opts, markOption(mark))
		}
		_, ts, err := c.api.PostMessageContext(ctx, m.Channel, opts...)
		if err != nil {
			return "", fmt.Errorf("chat.postMessage to %s: %w", m.Channel, err)
		}
		return ts, nil
	}, func(ctx context.Context, mark string) (string, bool, error) { return c.findPosted(ctx, m, mark) })
}

// postMarked posts m labelled with m.Mark, unless m is in doubt and Slack
// already has a message with that label.
func (c *Client) postMarked(ctx context.Context, m Message) (string, error) {
	if m.InDoubt {
		ts, found, err := c.findPosted(ctx, m, m.Mark)
		if err != nil {
			return "", fmt.Errorf("%w: %w", errStillInDoubt, err)
		}
		if found {
			return ts, nil
		}
	}
	_, ts, err := c.api.PostMessageContext(ctx, m.Channel, append(msgOptions(m), markOption(m.Mark))...)
	if err != nil {
		return "", fmt.Errorf("chat.postMessage to %s: %w", m.Channel, err)
	}
	return ts, nil
}

// PostEphemeral sends m to m.User only, with chat.postEphemeral. Ephemeral
// messages cannot be looked up: one in doubt is sent again.
func (c *Client) PostEphemeral(ctx context.Context, m Message) error {
	_, err := deliveryFrom(ctx).once(ctx, "chat.postEphemeral", m.Channel, func(ctx context.Context, _ string) (string, error) {
		if _, err := c.api.PostEphemeralContext(ctx, m.Channel, m.User, msgOptions(m)...); err != nil {
			return "", fmt.Errorf("chat.postEphemeral to %s: %w", m.Channel, err)
		}
		return "", nil
	}, nil)
	return err
}

// Update replaces the message at ts with m, with chat.update.
func (c *Client) Update(ctx context.Context, channel, ts string, m Message) error {
	opts := []slack.MsgOption{slack.MsgOptionText(m.Text, false), slack.MsgOptionBlocks(fitBlocks(m.Blocks)...)}
	if _, _, _, err := c.api.UpdateMessageContext(ctx, channel, ts, opts...); err != nil {
		return fmt.Errorf("chat.update %s in %s: %w", ts, channel, err)
	}
	return nil
}

// Respond posts a reply to a response_url: ephemeral unless inChannel,
// replacing the original message if replace. Made once per delivery.
func (c *Client) Respond(ctx context.Context, responseURL string, r Reply, inChannel bool) error {
	opts := []slack.MsgOption{slack.MsgOptionText(r.Text, false)}
	if len(r.Blocks) > 0 {
		opts = append(opts, slack.MsgOptionBlocks(fitBlocks(r.Blocks)...))
	}
	typ := slack.ResponseTypeEphemeral
	if inChannel {
		typ = slack.ResponseTypeInChannel
	}
	opts = append(opts, slack.MsgOptionResponseURL(responseURL, typ))
	if r.ReplaceOriginal {
		opts = append(opts, slack.MsgOptionReplaceOriginal(responseURL))
	}
	return c.sendResponse(ctx, "response_url", responseURL, opts, "post to response_url")
}

// DeleteOriginal deletes the message a response_url belongs to.
func (c *Client) DeleteOriginal(ctx context.Context, responseURL string) error {
	return c.sendResponse(ctx, "response_url.delete", responseURL,
		[]slack.MsgOption{slack.MsgOptionDeleteOriginal(responseURL)}, "delete original via response_url")
}

func (c *Client) sendResponse(ctx context.Context, method, responseURL string, opts []slack.MsgOption, op string) error {
	_, err := deliveryFrom(ctx).once(ctx, method, "", func(ctx context.Context, _ string) (string, error) {
		if _, _, _, err := c.api.SendMessageContext(ctx, "", opts...); err != nil {
			return "", fmt.Errorf("%s: %w", op, redactURL(err, responseURL))
		}
		return "", nil
	}, nil)
	return err
}

// deliveryEventType names the message metadata that marks the advisor's
// journaled posts.
const deliveryEventType = "advisor_delivery"

// markOption labels a post with mark in its message metadata.
func markOption(mark string) slack.MsgOption {
	return slack.MsgOptionMetadata(slack.SlackMetadata{EventType: deliveryEventType, EventPayload: map[string]any{"delivery": mark}})
}

// errStillInDoubt is a post in doubt that could not be looked up: it was
// not made again, and an earlier one may still be there.
var errStillInDoubt = errors.New("look up post in doubt")

// findPosted looks for a post marked mark in m's thread, or among the
// channel's latest messages.
func (c *Client) findPosted(ctx context.Context, m Message, mark string) (string, bool, error) {
	var msgs []slack.Message
	if m.ThreadTS != "" {
		var err error
		msgs, _, _, err = c.api.GetConversationRepliesContext(ctx, &slack.GetConversationRepliesParameters{
			ChannelID: m.Channel, Timestamp: m.ThreadTS, Limit: 200, IncludeAllMetadata: true})
		if err != nil {
			return "", false, fmt.Errorf("conversations.replies %s %s: %w", m.Channel, m.ThreadTS, err)
		}
	} else {
		h, err := c.api.GetConversationHistoryContext(ctx, &slack.GetConversationHistoryParameters{
			ChannelID: m.Channel, Limit: 100, IncludeAllMetadata: true})
		if err != nil {
			return "", false, fmt.Errorf("conversations.history %s: %w", m.Channel, err)
		}
		msgs = h.Messages
	}
	for _, x := range msgs {
		if x.Metadata.EventType == deliveryEventType && x.Metadata.EventPayload["delivery"] == mark {
			return x.Timestamp, true, nil
		}
	}
	return "", false, nil
}

// OpenDM returns the id of the bot's DM with userID, opening it if needed.
func (c *Client) OpenDM(ctx context.Context, userID string) (string, error) {
	c.mu.Lock()
	id, ok := c.dms[userID]
	c.mu.Unlock()
	if ok {
		return id, nil
	}
	ch, _, _, err := c.api.OpenConversationContext(ctx, &slack.OpenConversationParameters{Users: []string{userID}, ReturnIM: true})
	if err != nil {
		return "", fmt.Errorf("conversations.open with %s: %w", userID, err)
	}
	c.mu.Lock()
	c.dms[userID] = ch.ID
	c.mu.Unlock()
	return ch.ID, nil
}

// UserInfo returns users.info for userID, cached for a few minutes.
func (c *Client) UserInfo(ctx context.Context, userID string) (*slack.User, error) {
	c.mu.Lock()
	cu, ok := c.users[userID]
	c.mu.Unlock()
	if ok && c.now().Sub(cu.at) < userCacheTTL {
		return cu.user, nil
	}
	u, err := c.api.GetUserInfoContext(ctx, userID)
	if err != nil {
		return nil, fmt.Errorf("users.info %s: %w", userID, err)
	}
	c.mu.Lock()
	c.users[userID] = cachedUser{user: u, at: c.now()}
	c.mu.Unlock()
	return u, nil
}

// PublishHome publishes the App Home tab for userID.
func (c *Client) PublishHome(ctx context.Context, userID string, blocks []slack.Block) error {
	req := slack.PublishViewContextRequest{UserID: userID, View: slack.HomeTabViewRequest{
		Type: slack.VTHomeTab, Blocks: slack.Blocks{BlockSet: blocks},
	}}
	if _, err := c.api.PublishViewContext(ctx, req); err != nil {
		return fmt.Errorf("views.publish for %s: %w", userID, err)
	}
	return nil
}

// IsMember reports whether the bot is a member of channelID.
func (c *Client) IsMember(ctx context.Context, channelID string) (bool, error) {
	ch, err := c.api.GetConversationInfoContext(ctx, &slack.GetConversationInfoInput{ChannelID: channelID})
	if err != nil {
		return false, fmt.Errorf("conversations.info %s: %w", channelID, err)
	}
	return ch.IsMember || ch.IsIM, nil
}

// HasMember reports whether userID is a member of channelID, reading
// conversations.members page by page (channels:read, groups:read).
func (c *Client) HasMember(ctx context.Context, channelID, userID string) (bool, error) {
	cursor := ""
	for range 100 { // 100 pages of 1,000: a channel bigger than any workspace's
		ids, next, err := c.api.GetUsersInConversationContext(ctx, &slack.GetUsersInConversationParameters{
			ChannelID: channelID, Cursor: cursor, Limit: 1000})
		if err != nil {
			return false, fmt.Errorf("conversations.members %s: %w", channelID, err)
		}
		if slices.Contains(ids, userID) {
			return true, nil
		}
		if next == "" {
			return false, nil
		}
		cursor = next
	}
	return false, nil
}
