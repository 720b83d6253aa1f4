package blockkit

import "context"

type homeKey struct{}

// HomeChanged tells the router that what the user's App Home shows has
// just changed from the Home itself (a button on it, or a modal opened
// from it): Slack sends no app_home_opened while the user stays on the
// tab, so the router publishes the page again once the handler returns.
// Where the router did not ask to hear it, it does nothing.
func HomeChanged(ctx context.Context) {
	if f, ok := ctx.Value(homeKey{}).(func()); ok {
		f()
	}
}

// WithHomeChanged returns ctx in which HomeChanged calls changed: the
// router sets it around every Request.
func WithHomeChanged(ctx context.Context, changed func()) context.Context {
	return context.WithValue(ctx, homeKey{}, changed)
}
