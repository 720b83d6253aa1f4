package bot

import (
	"context"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// DedupTTL is how long a delivery id is remembered. Slack retries an
// event for a few minutes; ten covers every retry with room to spare.
const DedupTTL = 10 * time.Minute

// Dedup remembers which deliveries were handled, in Redis so that it holds
// across replicas. One SET NX EX per envelope.
type Dedup struct {
	rdb    redis.Cmdable
	prefix string
	ttl    time.Duration
}

// NewDedup returns a Dedup that keeps its keys under prefix.
func NewDedup(rdb redis.Cmdable, prefix string) *Dedup {
	return &Dedup{rdb: rdb, prefix: prefix + "dedup:", ttl: DedupTTL}
}

// First reports whether id is seen for the first time, and marks it seen.
func (d *Dedup) First(ctx context.Context, id string) (bool, error) {
	ok, err := d.rdb.SetNX(ctx, d.prefix+id, 1, d.ttl).Result()
	if err != nil {
		return false, fmt.Errorf("mark delivery %s: %w", id, err)
	}
	return ok, nil
}
