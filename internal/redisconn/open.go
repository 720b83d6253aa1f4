// Package redisconn opens the advisor's Redis (one server, Sentinel or
// Cluster from REDIS_URL, or an embedded server when it is empty), makes
// commands fail fast while Redis is unreachable, and says which errors mean
// that (Unavailable, on the sentinel ErrUnavailable), so features can answer
// "storage unavailable" without matching strings.
//
// It owns no keys. It imports go-redis and miniredis only: it must not
// import any of the advisor's packages.
package redisconn

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"
	"github.com/rs/zerolog"
)

// Open connects to REDIS_URL, or starts an embedded Redis-compatible
// server in the process when it is empty. URL forms:
//
//	redis://[user:pass@]host:6379/0                  one server (rediss:// for TLS)
//	redis://host:26379?master_name=mymaster&addr=h2:26379   Sentinel
//	redis-cluster://host:7000?addr=h2:7001&addr=h3:7002     Cluster (rediss-cluster:// for TLS)
//
// The returned stop func closes the client and the embedded server. Errors
// of the client's commands while Redis is unreachable satisfy Unavailable.
func Open(ctx context.Context, rawURL string, log zerolog.Logger) (redis.UniversalClient, func(), error) {
	if rawURL == "" {
		m := miniredis.NewMiniRedis()
		if err := m.Start(); err != nil {
			return nil, nil, fmt.Errorf("start embedded redis: %w", err)
		}
		log.Warn().Str("addr", m.Addr()).Msg("REDIS_URL is not set: using an embedded in-process Redis; state is not kept across restarts")
		c := redis.NewClient(&redis.Options{Addr: m.Addr()})
		return c, func() { _ = c.Close(); m.Close() }, nil
	}
	c, err := client(rawURL)
	if err != nil {
		return nil, nil, err
	}
	c.AddHook(newDialBreaker())
	pctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	if err := c.Ping(pctx).Err(); err != nil {
		// Not fatal: the advisor answers from its knowledge without Redis,
		// and go-redis reconnects by itself when Redis is back.
		log.Warn().Err(err).Msg("redis is not reachable yet; assessments and subscriptions wait for it")
	}
	return c, func() { _ = c.Close() }, nil
}

// client builds the right go-redis client for the URL form.
func client(rawURL string) (redis.UniversalClient, error) {
	switch {
	case strings.HasPrefix(rawURL, "redis-cluster://"), strings.HasPrefix(rawURL, "rediss-cluster://"):
		u := strings.Replace(rawURL, "-cluster://", "://", 1)
		opt, err := redis.ParseClusterURL(u)
		if err != nil {
			return nil, fmt.Errorf("parse REDIS_URL as a cluster URL: %w", redactErr(err))
		}
		failFast(&opt.DialTimeout, &opt.MaxRetries, &opt.DialerRetries)
		return redis.NewClusterClient(opt), nil
	case strings.Contains(rawURL, "master_name="):
		opt, err := redis.ParseFailoverURL(rawURL)
		if err != nil {
			return nil, fmt.Errorf("parse REDIS_URL as a sentinel URL: %w", redactErr(err))
		}
		failFast(&opt.DialTimeout, &opt.MaxRetries, &opt.DialerRetries)
		return redis.NewFailoverClient(opt), nil
	}
	opt, err := redis.ParseURL(rawURL)
	if err != nil {
		return nil, fmt.Errorf("parse REDIS_URL: %w", redactErr(err))
	}
	failFast(&opt.DialTimeout, &opt.MaxRetries, &opt.DialerRetries)
	return redis.NewClient(opt), nil
}

// failFast shortens go-redis's defaults (5 s to dial, 5 dial attempts 100 ms
// apart, 3 command retries) unless the URL sets them: when Redis is
// unreachable the advisor should say so at once, not hold a user's answer.
func failFast(dial *time.Duration, retries, dialRetries *int) {
	if *dial == 0 {
		*dial = time.Second
	}
	if *retries == 0 {
		*retries = 1
	}
	if *dialRetries == 0 {
		*dialRetries = 1
	}
}

// redactErr drops the parser's message, which may quote the URL and so the
// password.
func redactErr(err error) error {
	if strings.Contains(err.Error(), "@") {
		return fmt.Errorf("malformed URL (not shown)")
	}
	return err
}
