package drafts

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/rs/zerolog"

	"github.com/advisor-bot/advisor/knowledge"
)

// applier keeps one replica's live knowledge base in step with the
// published entries in Redis: it rebuilds the base (the files, then the
// published entries on top) off the request path and swaps it whole.
type applier struct {
	st   store
	live *knowledge.Live
	dir  string
	log  zerolog.Logger
	kick chan struct{} // a publish here: apply now

	mu      sync.Mutex // one rebuild at a time
	applied int64      // the version the live base holds (0: files only)
	refused int64      // a version that did not validate here: not retried until it changes
	onApply func(version int64)
}

// Applied is the version of the published entries this replica searches.
func (a *applier) Applied() int64 {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.applied
}

// Reconcile makes the live knowledge base match the published entries in
// Redis, if they changed since it was built. NewApp calls it once before
// serving, so a restarted replica answers from them from its first
// message; Run calls it on every notice and every few seconds.
func (a *applier) Reconcile(ctx context.Context) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	v, err := a.st.version(ctx)
	if err != nil {
		return err
	}
	if v == a.applied || v == a.refused {
		return nil
	}
	snap, err := a.st.load(ctx)
	if err != nil {
		return err
	}
	started := time.Now()
	b, err := knowledge.Extend(a.dir, entriesOf(snap))
	if err != nil {
		// Published entries are checked before they are written, so this
		// takes a KNOWLEDGE_DIR that changed under them: keep the base in
		// use rather than lose what the files say.
		a.refused = snap.version
		return fmt.Errorf("rebuild knowledge with %d published entries (version %d): %w", len(snap.entries), snap.version, err)
	}
	a.live.Store(b)
	a.applied = snap.version
	a.log.Info().Int64("version", snap.version).Int("published", len(snap.entries)).Int("entries", len(b.FAQ)).
		Dur("took", time.Since(started)).Msg("knowledge base rebuilt with the published entries")
	if a.onApply != nil {
		a.onApply(snap.version)
	}
	return nil
}

// entriesOf is the snapshot's entries in id order.
func entriesOf(snap snapshot) []*knowledge.Entry {
	ps := snap.sorted()
	out := make([]*knowledge.Entry, len(ps))
	for i := range ps {
		out[i] = &ps[i].Entry
	}
	return out
}

// Run keeps this replica's knowledge base in step until ctx ends: it
// rebuilds on every change notice (from any replica, this one included)
// and checks the version every interval for a notice pub/sub lost (while
// Redis was unreachable, say). It returns nil when ctx ends.
func (s *Service) Run(ctx context.Context) error {
	ps := s.st.rdb.Subscribe(ctx, s.st.changesChannel())
	defer ps.Close()
	notices := ps.Channel()
	tick := time.NewTicker(s.every)
	defer tick.Stop()
	s.reconcile(ctx)
	for {
		select {
		case <-ctx.Done():
			return nil
		case _, ok := <-notices:
			if !ok {
				return nil
			}
		case <-tick.C:
		case <-s.kick:
		}
		s.reconcile(ctx)
	}
}

func (s *Service) reconcile(ctx context.Context) {
	if err := s.Reconcile(ctx); err != nil && ctx.Err() == nil {
		s.log.Error().Err(err).Msg("reconcile published entries")
	}
}

// changed starts the rebuild after a publish here: at once in the
// console (WithSyncApply), else through Run, off the request path.
func (s *Service) changed(ctx context.Context) {
	if s.sync {
		s.reconcile(ctx)
		return
	}
	select {
	case s.kick <- struct{}{}:
	default: // one is pending already
	}
}
