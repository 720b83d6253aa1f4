package redisconn

import (
	"context"
	"errors"
	"io"
	"net"

	"github.com/redis/go-redis/v9"
)

// ErrUnavailable is what a command fails with while Redis is unreachable
// and the client does not even dial (see Open).
var ErrUnavailable = errors.New("redis unreachable")

// Unavailable reports whether err means Redis is not reachable: the fast
// failure of a recent failed dial (ErrUnavailable), a network error, a
// connection closed under the client, no free connection in time, or a
// deadline that ran out waiting. It matches with errors.Is and errors.As,
// so wrapping with the operation keeps the answer.
func Unavailable(err error) bool {
	var ne net.Error
	var oe *net.OpError
	return errors.Is(err, ErrUnavailable) || errors.As(err, &ne) || errors.As(err, &oe) ||
		errors.Is(err, io.EOF) || errors.Is(err, redis.ErrClosed) || errors.Is(err, redis.ErrPoolTimeout) ||
		errors.Is(err, context.DeadlineExceeded)
}
