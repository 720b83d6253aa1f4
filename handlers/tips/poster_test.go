package tips

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/scheduler"
)

func TestDeliveryErrorsMapSlackToTheSchedulersSentinels(t *testing.T) {
	rl := &slack.RateLimitedError{RetryAfter: 30 * time.Second}
	tests := []struct {
		name       string
		err        error
		kind       error // nil: not a DeliveryError
		retryAfter time.Duration
		reason     string
	}{
		{"rate limited", fmt.Errorf("chat.postMessage to C1: %w", rl), scheduler.ErrRateLimited, 30 * time.Second, ""},
		{"channel not found", fmt.Errorf("chat.postMessage to C1: %w", slack.SlackErrorResponse{Err: "channel_not_found"}), scheduler.ErrChannelGone, 0, "channel_not_found"},
		{"not in channel", slack.SlackErrorResponse{Err: "not_in_channel"}, scheduler.ErrChannelGone, 0, "not_in_channel"},
		{"archived, as a pointer", &slack.SlackErrorResponse{Err: "is_archived"}, scheduler.ErrChannelGone, 0, "is_archived"},
		{"other Slack error: not posted", slack.SlackErrorResponse{Err: "msg_too_long"}, scheduler.ErrNotPosted, 0, ""},
		{"503: not posted", fmt.Errorf("chat.postMessage to C1: %w", slack.StatusCodeError{Code: 503, Status: "503 Service Unavailable"}), scheduler.ErrNotPosted, 0, ""},
		{"504: in doubt", slack.StatusCodeError{Code: 504, Status: "504 Gateway Timeout"}, nil, 0, ""},
		{"reset after sending: in doubt", errors.New("connection reset"), nil, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := deliveryError(tt.err)
			if slackCode(got) != slackCode(tt.err) || (slackCode(tt.err) == "" && !errors.Is(got, tt.err)) {
				t.Fatalf("got %v, want it to wrap %v", got, tt.err)
			}
			var de *scheduler.DeliveryError
			if tt.kind == nil {
				if errors.As(got, &de) {
					t.Fatalf("got %+v, want no DeliveryError", de)
				}
				return
			}
			if !errors.As(got, &de) || !errors.Is(got, tt.kind) || de.RetryAfter != tt.retryAfter || de.Reason != tt.reason {
				t.Fatalf("got %#v, want a %v DeliveryError (retry after %v, reason %q)", got, tt.kind, tt.retryAfter, tt.reason)
			}
			if got.Error() != tt.err.Error() {
				t.Fatalf("error text got %q, want the Slack error's %q", got.Error(), tt.err.Error())
			}
		})
	}
}

// The scheduler and the tips' Poster together: a channel Slack closed to
// the bot pauses its subscription and its creator hears why in a DM.
func TestChannelErrorsPauseAndTellCreator(t *testing.T) {
	for _, code := range []string{"channel_not_found", "not_in_channel", "is_archived"} {
		t.Run(code, func(t *testing.T) {
			e := newEnv(t)
			ctx := context.Background()
			if _, err := e.s.Subscribe(ctx, scheduler.Subscription{Channel: "C1", Schedule: DefaultSchedule("UTC"), CreatedBy: "U9"}); err != nil {
				t.Fatal(err)
			}
			e.sl.errs = map[string][]error{"C1": {fmt.Errorf("chat.postMessage to C1: %w", slack.SlackErrorResponse{Err: code})}}
			if _, err := e.s.PostNow(ctx, "C1"); err == nil {
				t.Fatal("PostNow got nil error, want the slack error")
			}
			sub, err := e.s.Get(ctx, "C1")
			if err != nil {
				t.Fatal(err)
			}
			if !sub.Paused || sub.PauseReason != code {
				t.Fatalf("got paused=%v reason=%q, want paused with %q", sub.Paused, sub.PauseReason, code)
			}
			posts := e.sl.sent()
			if len(posts) != 1 || posts[0].Channel != "D-U9" || !strings.Contains(posts[0].Text, "<#C1>") || !strings.Contains(posts[0].Text, goneReasons[code]) {
				t.Fatalf("got posts %+v, want one DM to the creator naming <#C1> and why", posts)
			}
		})
	}
}
