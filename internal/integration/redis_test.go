package integration

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// needRedisServer skips the test when redis-server or redis-cli is not
// installed (CI installs them).
func needRedisServer(t *testing.T) string {
	t.Helper()
	for _, bin := range []string{"redis-server", "redis-cli"} {
		if _, err := exec.LookPath(bin); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is not installed, and CI must run this test (.ci/run installs it)", bin)
			}
			t.Skipf("%s is not installed: this test starts its own Redis servers "+
				"(apt-get install redis-server; .ci/run does it)", bin)
		}
	}
	out, err := exec.Command("redis-server", "--version").Output()
	if err != nil {
		t.Fatalf("redis-server --version: %v", err)
	}
	return strings.TrimSpace(string(out))
}

// redisServer is one redis-server process the test started.
type redisServer struct {
	port int
	args []string
	log  *procLog
	cmd  *exec.Cmd
	done chan struct{}
}

// startRedis starts redis-server on port with extra args (no persistence)
// and waits until it answers PING. It is killed when the test ends.
func startRedis(t *testing.T, dir string, port int, extra ...string) *redisServer {
	t.Helper()
	r, err := tryStartRedis(t, dir, port, extra...)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// tryStartRedis is startRedis returning the error, so that a caller can
// retry on another port.
func tryStartRedis(t *testing.T, dir string, port int, extra ...string) (*redisServer, error) {
	t.Helper()
	r := &redisServer{port: port, args: append([]string{
		"--port", strconv.Itoa(port), "--bind", "127.0.0.1", "--dir", dir,
		"--save", "", "--appendonly", "no",
	}, extra...)}
	err := r.start()
	t.Cleanup(func() {
		r.kill()
		if t.Failed() {
			t.Logf("--- redis-server :%d output, last lines:\n%s", port, r.log.tail(15))
		}
	})
	return r, err
}

func (r *redisServer) start() error {
	r.log = &procLog{}
	r.done = make(chan struct{})
	r.cmd = exec.Command("redis-server", r.args...)
	r.cmd.Stdout, r.cmd.Stderr = r.log, r.log
	if err := r.cmd.Start(); err != nil {
		return fmt.Errorf("start redis-server on %d: %w", r.port, err)
	}
	done := r.done
	cmd := r.cmd
	go func() { _ = cmd.Wait(); close(done) }()
	c := redis.NewClient(&redis.Options{Addr: r.addr(), MaxRetries: -1})
	defer c.Close()
	deadline := time.Now().Add(10 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		err := c.Ping(ctx).Err()
		cancel()
		switch {
		case err == nil:
			return nil
		case r.exited():
			return fmt.Errorf("redis-server on %d exited at start:\n%s", r.port, r.log.tail(10))
		case time.Now().After(deadline):
			return fmt.Errorf("redis-server on %d does not answer PING: %w", r.port, err)
		}
		time.Sleep(20 * time.Millisecond) // poll interval
	}
}

func (r *redisServer) addr() string { return fmt.Sprintf("127.0.0.1:%d", r.port) }

func (r *redisServer) exited() bool {
	select {
	case <-r.done:
		return true
	default:
		return false
	}
}

// stop ends redis-server with SIGTERM, as an orderly shutdown does, and
// waits for it to be gone.
func (r *redisServer) stop(t *testing.T) {
	t.Helper()
	_ = r.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-r.done:
	case <-time.After(10 * time.Second):
		t.Fatalf("redis-server on %d did not stop on SIGTERM", r.port)
	}
}

func (r *redisServer) kill() {
	if r.cmd == nil || r.exited() {
		return
	}
	_ = r.cmd.Process.Signal(syscall.SIGKILL)
	<-r.done
}

// startCluster starts three cluster-enabled redis-servers on loopback, joins
// them into one cluster of three masters without replicas, waits for
// cluster_state:ok on every node and returns the REDIS_URL for it and the
// nodes.
func startCluster(t *testing.T) (string, []*redisServer) {
	t.Helper()
	version := needRedisServer(t)
	dir := t.TempDir()
	started := time.Now()
	var addrs []string
	var nodes []*redisServer
	taken := map[int]bool{}
	for range 3 {
		n := startClusterNode(t, dir, taken)
		nodes = append(nodes, n)
		addrs = append(addrs, n.addr())
	}
	args := append([]string{"--cluster", "create"}, addrs...)
	args = append(args, "--cluster-replicas", "0", "--cluster-yes")
	if out, err := exec.Command("redis-cli", args...).CombinedOutput(); err != nil {
		t.Fatalf("redis-cli --cluster create: %v\n%s", err, out)
	}
	waitClusterOK(t, addrs)
	url := "redis-cluster://" + addrs[0] + "?addr=" + addrs[1] + "&addr=" + addrs[2]
	t.Logf("redis: a Redis Cluster of 3 masters started by the test (%s), %s, ready in %v",
		strings.Join(addrs, ", "), version, time.Since(started).Round(time.Millisecond))
	return url, nodes
}

// waitClusterOK waits until every node reports cluster_state:ok with all
// slots served.
func waitClusterOK(t *testing.T, addrs []string) {
	t.Helper()
	for _, a := range addrs {
		c := redis.NewClient(&redis.Options{Addr: a})
		var info string
		eventually(t, 20*time.Second, a+" reports cluster_state:ok", func() bool {
			info, _ = c.ClusterInfo(context.Background()).Result()
			return strings.Contains(info, "cluster_state:ok") && strings.Contains(info, "cluster_slots_ok:16384")
		}, func() string { return info })
		_ = c.Close()
	}
}
