package bot

import (
	"context"
	"errors"
)

// ErrRetryLater marks a handler's error as passing (its storage is out of
// reach for the moment): a delivery Retriable says runs again is handed
// back to the journal and run again after a back-off, instead of being
// answered. Its steps must be idempotent per delivery, as they already are
// for a takeover.
var ErrRetryLater = errors.New("passing failure: deliver again later")

// Retriable reports whether the delivery running on ctx runs again when
// its handler fails with ErrRetryLater: it is journaled and has attempts
// left, and it is not a view submission (answered in its ack, once). When
// it is not, the handler answers the user itself (say, that something is
// unavailable for the moment).
func Retriable(ctx context.Context) bool {
	d := deliveryFrom(ctx)
	return d != nil && d.retry
}

// RetriableContext returns ctx as a journaled delivery with attempts left
// sees it (Retriable reports true), for tests of handlers. Posts made on it
// are not journaled.
func RetriableContext(ctx context.Context) context.Context {
	return withDelivery(ctx, &delivery{retry: true})
}
