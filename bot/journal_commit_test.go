package bot

import (
	"context"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/advisor-bot/advisor/internal/redistest"
)

// gate holds the first pipeline until released, and counts pipelines.
type gate struct {
	first     sync.Once
	release   chan struct{}
	pipelines atomic.Int32
	sizes     []int
	mu        sync.Mutex
}

func (g *gate) DialHook(next redis.DialHook) redis.DialHook          { return next }
func (g *gate) ProcessHook(next redis.ProcessHook) redis.ProcessHook { return next }
func (g *gate) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		g.pipelines.Add(1)
		g.mu.Lock()
		g.sizes = append(g.sizes, len(cmds))
		g.mu.Unlock()
		g.first.Do(func() { <-g.release })
		return next(ctx, cmds)
	}
}

// Writes that arrive while a pipeline is in flight go together in the
// next one, each caller getting its own result.
func TestGroupCommitSharesOnePipelineAmongWaitingWrites(t *testing.T) {
	rdb, prefix := redistest.New(t)
	ctx := context.Background()
	var gc groupCommit
	gc.run(ctx, rdb, redis.NewStatusCmd(ctx, "ping")) // dial first: a new connection's handshake is a pipeline too
	g := &gate{release: make(chan struct{})}
	rdb.AddHook(g)
	const n = 32
	got := make([]int64, n)
	var wg sync.WaitGroup
	run := func(i int) {
		cmd := redis.NewIntCmd(ctx, "incrby", prefix+"k"+strconv.Itoa(i), i+1)
		gc.run(ctx, rdb, cmd)
		got[i] = cmd.Val()
	}
	wg.Go(func() { run(0) }) // its pipeline is held at the gate
	for g.pipelines.Load() == 0 {
		runtime.Gosched()
	}
	for i := 1; i < n; i++ {
		wg.Go(func() { run(i) })
	}
	for {
		gc.mu.Lock()
		waiting := len(gc.pending)
		gc.mu.Unlock()
		if waiting == n-1 {
			break
		}
		runtime.Gosched()
	}
	close(g.release)
	wg.Wait()
	for i, v := range got {
		if v != int64(i+1) {
			t.Errorf("write %d got %d, want %d", i, v, i+1)
		}
	}
	if p := g.pipelines.Load(); p != 2 || g.sizes[0] != 1 || g.sizes[1] != n-1 {
		t.Errorf("got %d pipelines of %v commands, want 2: the first write alone, then the %d that waited", p, g.sizes, n-1)
	}
	// A lone write goes at once, in a pipeline of its own.
	run(0)
	if p := g.pipelines.Load(); p != 3 || got[0] != 2 {
		t.Errorf("a lone write: got %d pipelines and %d, want 3 and 2", p, got[0])
	}
}
