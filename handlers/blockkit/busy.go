package blockkit

import "context"

type busyKey struct{}

// Busy tells the user that the answer will take more than a moment, where
// Slack can show it: in the assistant pane its status line reads status
// ("is starting your assessment…") until the answer posts. Elsewhere it
// does nothing, so a feature calls it before any slow step (starting an
// assessment, asking a person) without knowing where the request came
// from. If the feature's answer posts nothing in the thread (it went to a
// DM, a modal or elsewhere), the router clears the status line itself.
func Busy(ctx context.Context, status string) {
	if f, ok := ctx.Value(busyKey{}).(func(context.Context, string)); ok {
		f(ctx, status)
	}
}

// WithBusy returns ctx in which Busy calls show: the router sets it for
// requests from the assistant pane.
func WithBusy(ctx context.Context, show func(ctx context.Context, status string)) context.Context {
	return context.WithValue(ctx, busyKey{}, show)
}
