package bot

import (
	"context"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"
)

// groupCommitTimeout bounds one pipeline of a group commit.
const groupCommitTimeout = 2 * time.Second

// groupCommit sends the journal writes that workers make at the same
// moment in one pipeline, and each caller waits for its own: a group commit
// without a timer or a goroutine of its own. A write that finds no pipeline
// in flight goes at once, its caller running it; writes that arrive while
// one is in flight wait, and the first of them runs all of them next. So a
// lone write costs one round trip, as before, and under load many share
// one, which is what the machine's CPU was spent on.
type groupCommit struct {
	mu      sync.Mutex
	busy    bool
	pending []*groupWrite
}

type groupWrite struct {
	cmds []redis.Cmder
	done chan struct{} // closed once its commands ran
	lead chan struct{} // closed when its caller is to run the next pipeline
}

// run sends cmds, with whatever other writes are waiting, and returns
// once they ran; each command carries its own result. It waits for the
// pipeline even if ctx ends (it is bounded by groupCommitTimeout), since
// the writes waiting behind it count on it.
func (g *groupCommit) run(ctx context.Context, rdb redis.Cmdable, cmds ...redis.Cmder) {
	w := &groupWrite{cmds: cmds, done: make(chan struct{}), lead: make(chan struct{})}
	g.mu.Lock()
	g.pending = append(g.pending, w)
	if g.busy {
		g.mu.Unlock()
		select {
		case <-w.done:
			return
		case <-w.lead: // the pipeline is handed to this caller
		}
		g.mu.Lock()
	}
	g.busy = true
	batch := g.pending
	g.pending = nil
	g.mu.Unlock()

	pctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), groupCommitTimeout)
	p := rdb.Pipeline()
	for _, b := range batch {
		for _, c := range b.cmds {
			_ = p.Process(pctx, c)
		}
	}
	_, _ = p.Exec(pctx) // each command has its own error
	cancel()
	for _, b := range batch {
		close(b.done)
	}

	g.mu.Lock()
	if len(g.pending) > 0 {
		close(g.pending[0].lead)
	} else {
		g.busy = false
	}
	g.mu.Unlock()
}
