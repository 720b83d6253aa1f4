package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"
)

// profiler fetches a CPU profile over the load and the allocation profile
// before and after it from the bot's /debug/pprof.
type profiler struct {
	addr, dir string
	wg        sync.WaitGroup
	mu        sync.Mutex
	errs      []error
}

func startProfile(ctx context.Context, addr, dir string, d time.Duration) *profiler {
	p := &profiler{addr: addr, dir: dir}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		p.errs = append(p.errs, err)
		return p
	}
	p.fetch(ctx, "/debug/pprof/allocs", "allocs-before.pprof")
	secs := int(d.Seconds() + 0.999)
	p.wg.Go(func() { p.fetch(ctx, "/debug/pprof/profile?seconds="+strconv.Itoa(secs), "cpu.pprof") })
	return p
}

func (p *profiler) finish() error {
	p.wg.Wait()
	p.fetch(context.Background(), "/debug/pprof/allocs", "allocs-after.pprof")
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.errs) > 0 {
		return p.errs[0]
	}
	return nil
}

func (p *profiler) fetch(ctx context.Context, path, file string) {
	err := func() error {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+p.addr+path, nil)
		if err != nil {
			return err
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return fmt.Errorf("fetch %s: %w", path, err)
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("fetch %s: %s", path, resp.Status)
		}
		f, err := os.Create(filepath.Join(p.dir, file))
		if err != nil {
			return err
		}
		defer f.Close()
		_, err = io.Copy(f, resp.Body)
		return err
	}()
	if err != nil {
		p.mu.Lock()
		p.errs = append(p.errs, err)
		p.mu.Unlock()
	}
}
