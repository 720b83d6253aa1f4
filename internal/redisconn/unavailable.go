package redisconn

import (
	"context"
	"errors"
	"io"
	"net"
	"net/url"

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
//
// So do the answers of a server that cannot serve for the moment: a
// Cluster without all its slots (CLUSTERDOWN, as while a restarted node
// rejoins), a node loading its data (LOADING), a slot moving (TRYAGAIN),
// a replica without its master (MASTERDOWN).
//
// An HTTP request's failure (a *url.Error: a Slack call reset or timed
// out) is not Redis's, whatever network error it wraps: go-redis never
// returns one. Taken for an outage, a post that Slack may have made was
// answered "unavailable" and never retried.
func Unavailable(err error) bool {
	var ne net.Error
	var oe *net.OpError
	var ue *url.Error
	if errors.As(err, &ue) {
		return false
	}
	if redis.IsClusterDownError(err) || redis.IsLoadingError(err) || redis.IsTryAgainError(err) || redis.IsMasterDownError(err) {
		return true
	}
	return errors.Is(err, ErrUnavailable) || errors.As(err, &ne) || errors.As(err, &oe) ||
		errors.Is(err, io.EOF) || errors.Is(err, redis.ErrClosed) || errors.Is(err, redis.ErrPoolTimeout) ||
		errors.Is(err, context.DeadlineExceeded)
}
