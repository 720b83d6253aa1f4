package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// benchmark builds the bots, runs every scenario alternating baseline and
// advisor, and gathers the report.
func benchmark(ctx context.Context, s *settings, progress io.Writer) (*Report, error) {
	cwd, err := os.Getwd()
	if err != nil {
		return nil, fmt.Errorf("working directory: %w", err)
	}
	root, err := moduleRoot(cwd)
	if err != nil {
		return nil, err
	}
	questions, err := loadQuestions(root)
	if err != nil {
		fmt.Fprintf(progress, "loadtest: %v; using %d built-in questions\n", err, len(questions))
	}
	dir, err := os.MkdirTemp("", "advisor-loadtest-")
	if err != nil {
		return nil, fmt.Errorf("temp dir: %w", err)
	}
	defer os.RemoveAll(dir)

	fmt.Fprintln(progress, "loadtest: building the advisor and the baseline…")
	advisorBin, baselineBin, profBin, err := buildBots(ctx, root, dir, s.overlay, s.profileDir != "")
	if err != nil {
		return nil, err
	}
	rt, err := openRedis(ctx, s.redisURL)
	if err != nil {
		return nil, err
	}
	defer rt.close()
	prefix := fmt.Sprintf("loadtest:%d-%d:", os.Getpid(), time.Now().UnixNano())
	defer func() {
		if rt.private {
			return // the server and its data go away with it
		}
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancel()
		if n, err := rt.clean(cctx, prefix); err != nil {
			fmt.Fprintf(progress, "loadtest: %v\n", err)
		} else {
			fmt.Fprintf(progress, "loadtest: deleted %d Redis keys under %s\n", n, prefix)
		}
	}()

	r := &runner{dir: dir, redis: rt, prefix: prefix, questions: questions, connections: s.connections,
		workers: s.workers, logLevel: s.logLevel, seed: s.seed, progress: progress}
	rep := newReport(s, rt)
	bins := map[string]string{"baseline": baselineBin, "advisor": advisorBin}
	if err := r.runAll(ctx, s, bins, rep); err != nil {
		return nil, err
	}
	if s.profileDir != "" {
		if rep.Profile, err = r.profile(ctx, s, profBin); err != nil {
			return nil, err
		}
	}
	rep.summarize(s)
	return rep, nil
}

func mb(b int64) float64 { return float64(b) / (1 << 20) }

// runAll runs every scenario s.runs times per bot, alternating the floor
// and the advisor, into rep. The first advisor run of a mixed load also
// counts the Redis commands of each kind alone.
func (r *runner) runAll(ctx context.Context, s *settings, bins map[string]string, rep *Report) error {
	byKindDone := false
	for _, sc := range s.scenarios {
		for i := 1; i <= s.runs; i++ {
			for _, bot := range []string{"baseline", "advisor"} {
				o := runOpts{warmup: 100, idleSettling: 250 * time.Millisecond}
				if bot == "advisor" && !byKindDone && len(sc.Mix) > 1 {
					o.redisByKind, byKindDone = true, true
				}
				res, err := r.run(ctx, bot, bins[bot], sc, i, o)
				if err != nil {
					return fmt.Errorf("%s run %d of %s: %w", sc.Name, i, bot, err)
				}
				if res.Kinds != nil {
					rep.RedisByKind = res.Kinds
				}
				rep.Runs = append(rep.Runs, res)
				fmt.Fprintf(r.progress, "loadtest: %-6s %-8s run %d: %6.0f env/s, ack p99 %6.2f ms, reply p99 %6.2f ms, lost %d, twice %d, peak RSS %.1f MB\n",
					sc.Name, bot, i, res.Throughput, res.Ack.P99, res.Reply.P99, res.Lost, res.Twice, mb(res.PeakRSS))
			}
		}
	}
	return nil
}

// profile runs the profiling build of the advisor once, under the paced
// preset unless a single scenario was asked for, and returns the folder
// the profiles went to.
func (r *runner) profile(ctx context.Context, s *settings, profBin string) (string, error) {
	sc := presets["paced"]
	sc.Mix, _ = ParseMix(sc.MixText)
	sc.Timeout = s.scenarios[0].Timeout
	sc.N = int(sc.Rate * 10) // ten seconds of samples
	if len(s.scenarios) == 1 {
		sc = s.scenarios[0]
	}
	abs, _ := filepath.Abs(s.profileDir)
	fmt.Fprintf(r.progress, "loadtest: profiling the advisor under the %s load into %s…\n", sc.Name, abs)
	if _, err := r.run(ctx, "advisor", profBin, sc, 0, runOpts{warmup: 100, idleSettling: 250 * time.Millisecond, profileDir: abs}); err != nil {
		return "", fmt.Errorf("profiled run: %w", err)
	}
	return abs, nil
}
