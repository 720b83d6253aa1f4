package scheduler

import (
	"context"
	"errors"
	"time"
)

// Poster delivers tips: handlers/tips implements it over Slack, so that
// this package knows no Slack. It reports the failures the scheduler acts
// on as a *DeliveryError.
type Poster interface {
	// PostTip posts p to sub's channel.
	PostTip(ctx context.Context, sub Subscription, p Pick) error
	// TellPaused tells sub's creator that the scheduler paused sub, and
	// why (the DeliveryError's Reason). It is called for channel
	// subscriptions that have a creator.
	TellPaused(ctx context.Context, sub Subscription, reason string) error
}

// Kinds of DeliveryError.
var (
	// ErrRateLimited: try the same post again after RetryAfter.
	ErrRateLimited = errors.New("rate limited")
	// ErrChannelGone: the channel is closed to the bot until someone acts;
	// the subscription is paused.
	ErrChannelGone = errors.New("channel closed to the bot")
	// ErrNotPosted: Slack provably did not post it (it answered with an
	// error, or the request never reached it); a later attempt is not in
	// doubt. Any other failure may have posted.
	ErrNotPosted = errors.New("not posted")
)

// DeliveryError is a failed post the scheduler acts on. errors.Is matches
// it to its Kind, and errors.As reaches the error the Poster saw.
type DeliveryError struct {
	Kind       error         // ErrRateLimited, ErrChannelGone or ErrNotPosted
	RetryAfter time.Duration // ErrRateLimited: how long to wait (0: a second)
	Reason     string        // ErrChannelGone: kept as the pause reason, shown in status
	Err        error         // what the Poster saw
}

// Error is the error the Poster saw.
func (e *DeliveryError) Error() string { return e.Err.Error() }

// Unwrap gives errors.Is and errors.As the kind and the cause.
func (e *DeliveryError) Unwrap() []error { return []error{e.Kind, e.Err} }
