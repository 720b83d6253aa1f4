package drafts

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"

	"github.com/redis/go-redis/v9"
	"github.com/rs/zerolog"
)

// Errors the store returns; match them with errors.Is.
var (
	ErrDraftGone = errors.New("draft already published or discarded")
	ErrBusy      = errors.New("published entries kept changing; try again")
)

// store keeps the drafts and the published entries. Every key shares the
// hash tag {kb}, so a publish (which watches the version and the drafts
// and writes them with the entries) is one transaction on Redis Cluster.
type store struct {
	rdb    redis.UniversalClient
	prefix string
	log    zerolog.Logger
}

func (st store) key(name string) string { return st.prefix + "{kb}:" + name }
func (st store) draftsKey() string      { return st.key("drafts") }
func (st store) timeKey() string        { return st.key("drafts:time") }
func (st store) reqKey() string         { return st.key("drafts:req") }
func (st store) entriesKey() string     { return st.key("entries") }
func (st store) versionKey() string     { return st.key("version") }
func (st store) seqKey() string         { return st.key("seq") }
func (st store) recentKey() string      { return st.key("recent") }
func (st store) changesChannel() string { return st.key("changed") }

// addScript saves a draft unless its request already has one: KEYS drafts,
// drafts:time, drafts:req; ARGV id, json, at (ms), request id ("" for none).
var addScript = redis.NewScript(`
if ARGV[4] ~= '' and redis.call('HSETNX', KEYS[3], ARGV[4], ARGV[1]) == 0 then
  return 0
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
return 1
`)

// add saves d, giving it an id; false if d's request has a draft already.
func (st store) add(ctx context.Context, d *Draft) (bool, error) {
	n, err := st.rdb.Incr(ctx, st.seqKey()).Result()
	if err != nil {
		return false, fmt.Errorf("number draft: %w", err)
	}
	d.ID = "d" + strconv.FormatInt(n, 10)
	b, err := json.Marshal(d)
	if err != nil {
		return false, fmt.Errorf("encode draft %s: %w", d.ID, err)
	}
	keys := []string{st.draftsKey(), st.timeKey(), st.reqKey()}
	added, err := addScript.Run(ctx, st.rdb, keys, d.ID, b, d.At.UnixMilli(), d.RequestID).Int()
	if err != nil {
		return false, fmt.Errorf("save draft %s: %w", d.ID, err)
	}
	return added == 1, nil
}

// draft returns one draft, or ErrDraftGone.
func (st store) draft(ctx context.Context, id string) (Draft, error) {
	raw, err := st.rdb.HGet(ctx, st.draftsKey(), id).Result()
	if errors.Is(err, redis.Nil) {
		return Draft{}, ErrDraftGone
	}
	if err != nil {
		return Draft{}, fmt.Errorf("load draft %s: %w", id, err)
	}
	var d Draft
	if err := json.Unmarshal([]byte(raw), &d); err != nil {
		return Draft{}, fmt.Errorf("decode draft %s: %w", id, err)
	}
	return d, nil
}

// latest returns up to n drafts, newest first, and how many there are.
func (st store) latest(ctx context.Context, n int) ([]Draft, int, error) {
	pipe := st.rdb.Pipeline()
	ids := pipe.ZRevRange(ctx, st.timeKey(), 0, int64(n-1))
	total := pipe.ZCard(ctx, st.timeKey())
	if _, err := pipe.Exec(ctx); err != nil {
		return nil, 0, fmt.Errorf("list drafts: %w", err)
	}
	if len(ids.Val()) == 0 {
		return nil, int(total.Val()), nil
	}
	raw, err := st.rdb.HMGet(ctx, st.draftsKey(), ids.Val()...).Result()
	if err != nil {
		return nil, 0, fmt.Errorf("load drafts: %w", err)
	}
	out := make([]Draft, 0, len(raw))
	for _, r := range raw {
		s, ok := r.(string)
		if !ok {
			continue // discarded between the two reads
		}
		var d Draft
		if err := json.Unmarshal([]byte(s), &d); err == nil {
			out = append(out, d)
		}
	}
	return out, int(total.Val()), nil
}

// discard removes a draft; ErrDraftGone if it was not there.
func (st store) discard(ctx context.Context, id string) error {
	pipe := st.rdb.TxPipeline()
	del := pipe.HDel(ctx, st.draftsKey(), id)
	pipe.ZRem(ctx, st.timeKey(), id)
	if _, err := pipe.Exec(ctx); err != nil {
		return fmt.Errorf("discard draft %s: %w", id, err)
	}
	if del.Val() == 0 {
		return ErrDraftGone
	}
	return nil
}

// snapshot is the published entries at one version.
type snapshot struct {
	version int64
	entries map[string]Published
}

// sorted is the snapshot's entries by id, so every replica builds the same.
func (s snapshot) sorted() []Published {
	out := make([]Published, 0, len(s.entries))
	for _, p := range s.entries {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Entry.ID < out[j].Entry.ID })
	return out
}

// version is the published entries' version: it grows with every publish.
func (st store) version(ctx context.Context) (int64, error) {
	v, err := st.rdb.Get(ctx, st.versionKey()).Int64()
	if errors.Is(err, redis.Nil) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("read published version: %w", err)
	}
	return v, nil
}

// load reads the published entries and their version together.
func (st store) load(ctx context.Context) (snapshot, error) {
	pipe := st.rdb.TxPipeline()
	ver := pipe.Get(ctx, st.versionKey())
	all := pipe.HGetAll(ctx, st.entriesKey())
	if _, err := pipe.Exec(ctx); err != nil && !errors.Is(err, redis.Nil) {
		return snapshot{}, fmt.Errorf("load published entries: %w", err)
	}
	return decodeSnapshot(ver, all)
}

// loadWatched reads them inside a WATCH (no MULTI there: EXEC would end
// the watch); the transaction's EXEC fails if they changed since.
func (st store) loadWatched(ctx context.Context, tx *redis.Tx) (snapshot, error) {
	ver := tx.Get(ctx, st.versionKey())
	if err := ver.Err(); err != nil && !errors.Is(err, redis.Nil) {
		return snapshot{}, fmt.Errorf("read published version: %w", err)
	}
	all := tx.HGetAll(ctx, st.entriesKey())
	if err := all.Err(); err != nil {
		return snapshot{}, fmt.Errorf("load published entries: %w", err)
	}
	return decodeSnapshot(ver, all)
}

func decodeSnapshot(ver *redis.StringCmd, all *redis.MapStringStringCmd) (snapshot, error) {
	s := snapshot{entries: make(map[string]Published, len(all.Val()))}
	s.version, _ = ver.Int64()
	for id, raw := range all.Val() {
		var p Published
		if err := json.Unmarshal([]byte(raw), &p); err != nil {
			return snapshot{}, fmt.Errorf("decode published entry %s: %w", id, err)
		}
		s.entries[id] = p
	}
	return s, nil
}

// publish saves the entry build returns (replacing an entry with its id)
// and deletes the draft it came from, if any, in one transaction; build
// sees the published entries as they are and checks the result, and an
// error from it writes nothing. The version grows and every replica is
// told. A draft published or discarded meanwhile is ErrDraftGone.
func (st store) publish(ctx context.Context, draftID string, build func(snapshot) (Published, error)) (int64, error) {
	var version int64
	txn := func(tx *redis.Tx) error {
		if draftID != "" {
			if ok, err := tx.HExists(ctx, st.draftsKey(), draftID).Result(); err != nil {
				return fmt.Errorf("check draft %s: %w", draftID, err)
			} else if !ok {
				return ErrDraftGone
			}
		}
		snap, err := st.loadWatched(ctx, tx)
		if err != nil {
			return err
		}
		p, err := build(snap)
		if err != nil {
			return err
		}
		b, err := json.Marshal(p)
		if err != nil {
			return fmt.Errorf("encode entry %s: %w", p.Entry.ID, err)
		}
		_, err = tx.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
			pipe.HSet(ctx, st.entriesKey(), p.Entry.ID, b)
			if draftID != "" {
				pipe.HDel(ctx, st.draftsKey(), draftID)
				pipe.ZRem(ctx, st.timeKey(), draftID)
			}
			pipe.Incr(ctx, st.versionKey())
			pipe.LRem(ctx, st.recentKey(), 0, p.Entry.ID)
			pipe.LPush(ctx, st.recentKey(), p.Entry.ID)
			pipe.LTrim(ctx, st.recentKey(), 0, maxRecent-1)
			return nil
		})
		version = snap.version + 1
		return err
	}
	var err error
	for range 5 {
		err = st.rdb.Watch(ctx, txn, st.versionKey(), st.draftsKey())
		if !errors.Is(err, redis.TxFailedErr) {
			break
		}
	}
	switch {
	case errors.Is(err, redis.TxFailedErr):
		return 0, ErrBusy
	case err != nil:
		return 0, err
	}
	if err := st.rdb.Publish(ctx, st.changesChannel(), version).Err(); err != nil {
		st.log.Warn().Err(err).Int64("version", version).Msg("publish knowledge change failed; the periodic reconcile will catch up")
	}
	return version, nil
}

// maxRecent is how many of the latest published entries the store lists.
const maxRecent = 5

// recent returns the latest published entries, newest first, and how many
// entries are published.
func (st store) recent(ctx context.Context) ([]Published, int, error) {
	pipe := st.rdb.Pipeline()
	ids := pipe.LRange(ctx, st.recentKey(), 0, maxRecent-1)
	total := pipe.HLen(ctx, st.entriesKey())
	if _, err := pipe.Exec(ctx); err != nil {
		return nil, 0, fmt.Errorf("list published entries: %w", err)
	}
	if len(ids.Val()) == 0 {
		return nil, int(total.Val()), nil
	}
	raw, err := st.rdb.HMGet(ctx, st.entriesKey(), ids.Val()...).Result()
	if err != nil {
		return nil, 0, fmt.Errorf("load published entries: %w", err)
	}
	var out []Published
	for _, r := range raw {
		if s, ok := r.(string); ok {
			var p Published
			if json.Unmarshal([]byte(s), &p) == nil {
				out = append(out, p)
			}
		}
	}
	return out, int(total.Val()), nil
}
