package integration

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

var (
	buildOnce sync.Once
	buildDir  string
	buildErr  error
)

// binary builds the advisor once per test run (`go build` at the module
// root) and returns the path of the executable.
func binary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(build)
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return filepath.Join(buildDir, "advisor")
}

func build() {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		buildErr = err
		return
	}
	buildDir, buildErr = os.MkdirTemp("", "advisor-integration-")
	if buildErr != nil {
		return
	}
	start := time.Now()
	cmd := exec.Command("go", "build", "-o", filepath.Join(buildDir, "advisor"), ".")
	cmd.Dir = root
	out, err := cmd.CombinedOutput()
	if err != nil {
		buildErr = fmt.Errorf("go build the advisor: %w\n%s", err, out)
		return
	}
	fmt.Fprintf(os.Stderr, "integration: built the advisor in %v\n", time.Since(start).Round(time.Millisecond))
}

// TestMain starts building the advisor at once, so the build overlaps the
// Redis servers' start, and removes the binary at the end.
func TestMain(m *testing.M) {
	flag.Parse()
	if !testing.Short() {
		go buildOnce.Do(build)
	}
	code := m.Run()
	buildOnce.Do(func() {}) // wait for a build still running
	if buildDir != "" {
		_ = os.RemoveAll(buildDir)
	}
	os.Exit(code)
}

// skipIfShort skips the multi-process tests under -short: each takes
// seconds to a minute.
func skipIfShort(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("multi-process integration test: skipped with -short")
	}
}

// freePort returns a loopback TCP port nobody listens on right now.
func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("find a free port: %v", err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// logLine is the part of one JSON log line of the advisor the tests read.
type logLine struct {
	Level      string `json:"level"`
	Message    string `json:"message"`
	EnvelopeID string `json:"envelope_id"`
	DeliveryID string `json:"delivery_id"` // the de-duplication key: event_id, or cmd:/act: + trigger_id
	Outcome    string `json:"outcome"`
	Channel    string `json:"channel"`
}

// procLog collects a process's output: the raw bytes, for the tail shown on
// failure, and its JSON lines, parsed as they arrive.
type procLog struct {
	mu      sync.Mutex
	raw     bytes.Buffer
	partial []byte
	lines   []logLine
}

// Write implements io.Writer.
func (l *procLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.raw.Write(p)
	l.partial = append(l.partial, p...)
	for {
		i := bytes.IndexByte(l.partial, '\n')
		if i < 0 {
			break
		}
		var ll logLine
		if json.Unmarshal(l.partial[:i], &ll) == nil {
			l.lines = append(l.lines, ll)
		}
		l.partial = l.partial[i+1:]
	}
	return len(p), nil
}

// find returns the lines that match.
func (l *procLog) find(match func(logLine) bool) []logLine {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []logLine
	for _, ll := range l.lines {
		if match(ll) {
			out = append(out, ll)
		}
	}
	return out
}

// tail returns the last n lines of output.
func (l *procLog) tail(n int) string {
	l.mu.Lock()
	defer l.mu.Unlock()
	lines := strings.Split(strings.TrimRight(l.raw.String(), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// botProc is one running advisor process.
type botProc struct {
	name     string
	cmd      *exec.Cmd
	log      *procLog
	httpAddr string
	done     chan struct{} // closed when the process has exited
}

// startBot starts `advisor run` with env (on top of a minimal environment)
// and a fresh HTTP_ADDR. The process is killed when owner ends; if owner
// failed, the tail of its output is logged. t gets any failure to start.
func startBot(t, owner *testing.T, name string, env map[string]string) *botProc {
	t.Helper()
	p := &botProc{name: name, log: &procLog{}, done: make(chan struct{}),
		httpAddr: fmt.Sprintf("127.0.0.1:%d", freePort(t))}
	cmd := exec.Command(binary(t), "run")
	cmd.Dir = owner.TempDir() // no stray .env
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME"),
		"LOG_LEVEL=debug", "LOG_FORMAT=json", "HTTP_ADDR=" + p.httpAddr}
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	cmd.Stdout, cmd.Stderr = p.log, p.log
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", name, err)
	}
	p.cmd = cmd
	go func() {
		_ = cmd.Wait()
		close(p.done)
	}()
	owner.Cleanup(func() {
		p.kill()
		if owner.Failed() {
			owner.Logf("--- %s (pid %d) output, last lines:\n%s", name, cmd.Process.Pid, p.log.tail(40))
		}
	})
	return p
}

// kill ends the process with SIGKILL and waits for it to be gone.
func (p *botProc) kill() {
	if p.exited() {
		return
	}
	_ = p.cmd.Process.Signal(syscall.SIGKILL)
	<-p.done
}

func (p *botProc) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// readyz asks the process's /readyz: the status code and the body.
func (p *botProc) readyz(ctx context.Context) (int, string, error) {
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+p.httpAddr+"/readyz", nil)
	if err != nil {
		return 0, "", err
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b), nil
}

// waitReadyz polls /readyz until it answers want, and returns the body.
func (p *botProc) waitReadyz(t *testing.T, want int, timeout time.Duration) string {
	t.Helper()
	var code int
	var body string
	var err error
	eventually(t, timeout, fmt.Sprintf("%s /readyz answers %d", p.name, want), func() bool {
		if p.exited() {
			t.Fatalf("%s exited while waiting for /readyz", p.name)
		}
		code, body, err = p.readyz(context.Background())
		return err == nil && code == want
	}, func() string { return fmt.Sprintf("last answer %d %q, err %v", code, body, err) })
	return body
}

// handled counts the "envelope handled" lines for id (an envelope id, or an
// event id for events) in the process's log.
func (p *botProc) handled(id string) int {
	return len(p.log.find(func(l logLine) bool {
		return l.Message == "envelope handled" && (l.EnvelopeID == id || l.DeliveryID == id)
	}))
}

// eventually polls cond every 20ms until it holds or timeout passes; then
// the test fails with what and, if given, detail().
func eventually(t *testing.T, timeout time.Duration, what string, cond func() bool, detail ...func() string) {
	t.Helper()
	if waitUntil(timeout, cond) {
		return
	}
	msg := fmt.Sprintf("timed out after %v waiting until %s", timeout, what)
	for _, d := range detail {
		msg += ": " + d()
	}
	t.Fatal(msg)
}

// waitUntil polls cond every 20ms until it holds (true) or timeout passes
// (false).
func waitUntil(timeout time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(timeout)
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		if time.Now().After(deadline) {
			return false
		}
		<-tick.C
	}
	return true
}
