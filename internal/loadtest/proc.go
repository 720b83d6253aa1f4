package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// pprofOverlay is added to package main of a profiling build of the
// advisor (go build -overlay), so the bot's own files stay untouched.
const pprofOverlay = `package main

import (
	"net/http"
	_ "net/http/pprof"
	"os"
)

func init() {
	if addr := os.Getenv("LOADTEST_PPROF_ADDR"); addr != "" {
		go func() { _ = http.ListenAndServe(addr, nil) }()
	}
}
`

// buildBots compiles the advisor (and, with pprof, a variant that serves
// /debug/pprof) and the baseline into dir.
//
// overlay, if set, is a go build -overlay file for the advisor: a way to
// measure a change to the bot before making it.
func buildBots(ctx context.Context, root, dir, overlay string, pprof bool) (advisor, baseline, profiled string, err error) {
	advisor = filepath.Join(dir, "advisor")
	baseline = filepath.Join(dir, "baseline")
	args := []string{"-o", advisor, "."}
	if overlay != "" {
		args = append([]string{"-overlay", overlay}, args...)
	}
	if err := goBuild(ctx, root, args...); err != nil {
		return "", "", "", err
	}
	if err := goBuild(ctx, root, "-o", baseline, "./internal/loadtest/baseline"); err != nil {
		return "", "", "", err
	}
	if !pprof {
		return advisor, baseline, "", nil
	}
	src := filepath.Join(dir, "zz_loadtest_pprof.go")
	if err := os.WriteFile(src, []byte(pprofOverlay), 0o600); err != nil {
		return "", "", "", fmt.Errorf("write pprof overlay: %w", err)
	}
	ovJSON := fmt.Sprintf(`{"Replace":{%q:%q}}`, filepath.Join(root, "zz_loadtest_pprof.go"), src)
	ov := filepath.Join(dir, "overlay.json")
	if err := os.WriteFile(ov, []byte(ovJSON), 0o600); err != nil {
		return "", "", "", fmt.Errorf("write overlay: %w", err)
	}
	profiled = filepath.Join(dir, "advisor-pprof")
	if err := goBuild(ctx, root, "-overlay", ov, "-o", profiled, "."); err != nil {
		return "", "", "", err
	}
	return advisor, baseline, profiled, nil
}

func goBuild(ctx context.Context, root string, args ...string) error {
	cmd := exec.CommandContext(ctx, "go", append([]string{"build"}, args...)...)
	cmd.Dir = root
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("go build %s: %w\n%s", strings.Join(args, " "), err, out)
	}
	return nil
}

// process is a bot running as a child process.
type process struct {
	cmd     *exec.Cmd
	started time.Time
	out     *logFile
	exited  chan struct{}
	err     error // set when exited is closed
}

// startProcess runs bin args in dir with env (nothing inherited but PATH,
// HOME and what env adds). Its output goes to a file, as a deployed bot's
// would: a pipe read by this process would bill the bot's logging to the
// load generator. The file's tail is shown on errors.
func startProcess(bin string, args []string, dir string, env []string) (*process, error) {
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME")}, env...)
	f, err := os.CreateTemp(dir, filepath.Base(bin)+"-*.log")
	if err != nil {
		return nil, fmt.Errorf("create log file for %s: %w", bin, err)
	}
	cmd.Stdout, cmd.Stderr = f, f
	p := &process{cmd: cmd, out: &logFile{f: f}, exited: make(chan struct{})}
	p.started = time.Now()
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", bin, err)
	}
	go func() { p.err = cmd.Wait(); close(p.exited) }()
	// The child has its own copy of the descriptor; ours is only read.
	return p, nil
}

// pid is the child's process id.
func (p *process) pid() int { return p.cmd.Process.Pid }

// stop sends SIGTERM and waits up to grace before killing.
func (p *process) stop(grace time.Duration) {
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.exited:
	case <-time.After(grace):
		_ = p.cmd.Process.Kill()
		<-p.exited
	}
}

// logFile is a bot's output file; String returns its last 64 KB.
type logFile struct{ f *os.File }

// String is the end of the output, for error messages.
func (l *logFile) String() string {
	st, err := l.f.Stat()
	if err != nil {
		return ""
	}
	const keep = 64 << 10
	off := max(0, st.Size()-keep)
	buf := make([]byte, st.Size()-off)
	n, _ := l.f.ReadAt(buf, off)
	return string(bytes.TrimSpace(buf[:n]))
}

// memStatus reads VmRSS and VmHWM (bytes) from /proc/<pid>/status.
func memStatus(pid int) (rss, hwm int64, err error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0, fmt.Errorf("read memory of %d: %w", pid, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, val, ok := strings.Cut(sc.Text(), ":")
		if !ok || (name != "VmRSS" && name != "VmHWM") {
			continue
		}
		kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(val), "kB")), 10, 64)
		if err != nil {
			return 0, 0, fmt.Errorf("parse %s of %d: %w", name, pid, err)
		}
		if name == "VmRSS" {
			rss = kb << 10
		} else {
			hwm = kb << 10
		}
	}
	return rss, hwm, sc.Err()
}

// rssPoller samples VmRSS every interval and keeps the highest.
type rssPoller struct {
	stopCh chan struct{}
	done   chan struct{}
	peak   int64
}

func pollRSS(pid int, every time.Duration) *rssPoller {
	p := &rssPoller{stopCh: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(p.done)
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			if rss, _, err := memStatus(pid); err == nil && rss > p.peak {
				p.peak = rss
			}
			select {
			case <-p.stopCh:
				return
			case <-t.C:
			}
		}
	}()
	return p
}

// stop ends the polling and returns the highest VmRSS seen.
func (p *rssPoller) stop() int64 {
	close(p.stopCh)
	<-p.done
	return p.peak
}

// procCPU is the user+system CPU time /proc/<pid>/stat reports (10 ms ticks).
func procCPU(pid int) time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// Fields after the command name, which is in parentheses and may hold spaces.
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return 0
	}
	f := strings.Fields(s[i+1:])
	if len(f) < 13 {
		return 0
	}
	ut, _ := strconv.ParseInt(f[11], 10, 64)
	st, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(ut+st) * 10 * time.Millisecond // USER_HZ is 100 on Linux
}

// selfCPU is this process's user+system CPU time.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
