package bot

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"os"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// DedupTTL is how long a delivery id is remembered. Slack retries an
// event for a few minutes; ten covers every retry with room to spare.
const DedupTTL = 10 * time.Minute

// Journal defaults.
const (
	DefaultLease      = 10 * time.Second // a dead owner's entries are taken over this long after its last renewal
	journalEntryTTL   = 30 * time.Minute // a response_url lasts 30 minutes: replaying later is pointless
	journalShards     = 16
	journalMaxAttempt = 5 // deliveries of one envelope before the journal gives up on it
)

// Journal records every envelope in Redis before it is acked, until its
// reply is delivered, so that an envelope a replica acked and could not
// finish (a crash, SIGKILL, a deploy) is taken over by another. The same
// write claims the delivery id, so Slack's retries are answered once.
//
// Keys live in 16 shards, each under one hash tag ({journal:N}) so that
// an envelope's claim, entry and lease are written by one script on Redis
// Cluster: prefix{journal:N}:seen:ID (the de-duplication claim),
// prefix{journal:N}:e:ID (the entry: the request, its owner, its calls)
// and prefix{journal:N}:leases (a sorted set of ids by lease expiry).
type Journal struct {
	rdb     redis.Cmdable
	prefix  string
	owner   string
	lease   time.Duration
	seenTTL time.Duration
	now     func() time.Time
	gc      groupCommit // the workers' writes: call claims and records, Done
}

// JournalOption configures a Journal.
type JournalOption func(*Journal)

// WithLease sets how long an owner's claim on its entries lasts without a
// renewal (default DefaultLease).
func WithLease(d time.Duration) JournalOption { return func(j *Journal) { j.lease = d } }

// WithJournalClock sets the clock (tests).
func WithJournalClock(now func() time.Time) JournalOption { return func(j *Journal) { j.now = now } }

// NewJournal returns a Journal keeping its keys under prefix, owned by a
// fresh owner id (host, pid and a random part: a restarted process is a new
// owner and takes its old entries over like anyone else's).
func NewJournal(rdb redis.Cmdable, prefix string, opts ...JournalOption) *Journal {
	host, _ := os.Hostname()
	var r [4]byte
	_, _ = rand.Read(r[:])
	j := &Journal{rdb: rdb, prefix: prefix, owner: host + "-" + strconv.Itoa(os.Getpid()) + "-" + hex.EncodeToString(r[:]),
		lease: DefaultLease, seenTTL: DedupTTL, now: time.Now}
	for _, o := range opts {
		o(j)
	}
	return j
}

// Owner is this journal's owner id.
func (j *Journal) Owner() string { return j.owner }

// Lease is how long a claim lasts without renewal.
func (j *Journal) Lease() time.Duration { return j.lease }

// entry is one journaled envelope.
type entry struct {
	Req        *Request
	EnvelopeID string
	EnvType    string
	Received   time.Time
	Attempt    int // 0 for the first delivery, then one more per takeover or retry
}

func shardOf(id string) int {
	h := fnv.New32a()
	_, _ = h.Write([]byte(id))
	return int(h.Sum32() % journalShards)
}

func (j *Journal) tag(shard int) string      { return j.prefix + "{journal:" + strconv.Itoa(shard) + "}" }
func (j *Journal) seenKey(id string) string  { return j.tag(shardOf(id)) + ":seen:" + id }
func (j *Journal) entryKey(id string) string { return j.tag(shardOf(id)) + ":e:" + id }
func (j *Journal) leaseKey(id string) string { return j.tag(shardOf(id)) + ":leases" }
func ms(t time.Time) int64                   { return t.UnixMilli() }

// Begin claims e's delivery id and records e, leased to this owner, in one
// round trip. It reports false for an id already claimed: a duplicate.
func (j *Journal) Begin(ctx context.Context, e *entry) (bool, error) {
	r := j.BeginAll(ctx, []*entry{e})
	return r[0].first, r[0].err
}

// begun is what BeginAll says of one entry: whether it was the first
// delivery of its id, or why it could not be journaled.
type begun struct {
	first bool
	err   error
}

// BeginAll does what Begin does for every entry of es, in order, in one
// pipeline: one round trip for all the envelopes one turn of a read loop
// found waiting (a group commit, no timer). The scripts run one after the
// other in Redis, so a retry twice in es is first once.
func (j *Journal) BeginAll(ctx context.Context, es []*entry) []begun {
	out := make([]begun, len(es))
	keys := make([][]string, len(es))
	args := make([][]any, len(es))
	live := make([]int, 0, len(es))
	until := ms(j.now().Add(j.lease))
	for i, e := range es {
		raw, err := json.Marshal(e.Req)
		if err != nil {
			out[i].err = fmt.Errorf("encode request %s: %w", e.Req.ID, err)
			continue
		}
		id := e.Req.ID
		keys[i] = []string{j.seenKey(id), j.entryKey(id), j.leaseKey(id)}
		args[i] = []any{id, j.owner, raw, e.EnvelopeID, e.EnvType, ms(e.Received), until,
			journalEntryTTL.Milliseconds(), j.seenTTL.Milliseconds()}
		live = append(live, i)
	}
	cmds := runAll(ctx, j.rdb, beginScript, live, keys, args)
	for n, i := range live {
		id := es[i].Req.ID
		v, cerr := cmds[n].Int()
		if cerr != nil {
			out[i].err = fmt.Errorf("journal envelope %s: %w", id, cerr)
			continue
		}
		out[i].first = v == 1
	}
	return out
}

// Done forgets a delivered envelope (its claim stays, for de-duplication)
// with two commands, sent with the other workers' journal writes of the
// moment (see groupCommit). It needs no transaction: an entry without its
// lease is never taken over, and a lease without its entry is dropped by
// the next takeover scan.
func (j *Journal) Done(ctx context.Context, id string) error {
	del := redis.NewIntCmd(ctx, "del", j.entryKey(id))
	zrem := redis.NewIntCmd(ctx, "zrem", j.leaseKey(id), id)
	j.gc.run(ctx, j.rdb, del, zrem)
	if err := errors.Join(del.Err(), zrem.Err()); err != nil {
		return fmt.Errorf("journal done %s: %w", id, err)
	}
	return nil
}

// Release hands entries this owner holds back, for anyone (this process
// too) to take over after the delay: at once on shutdown, later for a
// delivery to retry.
func (j *Journal) Release(ctx context.Context, ids []string, after time.Duration) error {
	until := ms(j.now().Add(after))
	return j.eachOwned(ctx, ids, releaseScript, until, "release")
}

// Renew extends this owner's lease on ids.
func (j *Journal) Renew(ctx context.Context, ids []string) error {
	return j.eachOwned(ctx, ids, releaseScript, ms(j.now().Add(j.lease)), "renew")
}

func (j *Journal) eachOwned(ctx context.Context, ids []string, s *redis.Script, until int64, op string) error {
	if len(ids) == 0 {
		return nil
	}
	idx := make([]int, len(ids))
	keys := make([][]string, len(ids))
	args := make([][]any, len(ids))
	for i, id := range ids {
		idx[i] = i
		keys[i] = []string{j.entryKey(id), j.leaseKey(id)}
		args[i] = []any{id, j.owner, until}
	}
	for _, c := range runAll(ctx, j.rdb, s, idx, keys, args) {
		if err := c.Err(); err != nil && err != redis.Nil {
			return fmt.Errorf("journal %s %d entries: %w", op, len(ids), err)
		}
	}
	return nil
}
