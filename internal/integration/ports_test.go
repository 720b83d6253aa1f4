package integration

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"os"
	"strings"
	"testing"
)

// busOffset is how far above its port a Redis Cluster node listens for the
// cluster bus.
const busOffset = 10000

// clusterPortRange is where cluster nodes' ports are picked: a port and its
// bus port both lie below the kernel's ephemeral range, so no outgoing
// connection (of this test or anything else on the machine) holds them, and
// the ports' range ends before the bus ports' begins, so that no node's port
// is another node's bus port.
func clusterPortRange() (lo, hi int) {
	hi = ephemeralStart() - busOffset // exclusive: hi-1+busOffset < ephemeralStart
	lo = max(1024, hi-busOffset+1)
	return lo, hi
}

// ephemeralStart is the first port the kernel hands out for outgoing
// connections and ":0" listeners.
func ephemeralStart() int {
	start := 32768
	if b, err := os.ReadFile("/proc/sys/net/ipv4/ip_local_port_range"); err == nil {
		_, _ = fmt.Sscan(string(b), &start)
	}
	return start
}

// pickClusterPort returns a port in [lo, hi) that is not in taken, whose
// bus port is not in taken either, and for which free reports both free.
func pickClusterPort(lo, hi int, taken map[int]bool, free func(port int) bool) (int, error) {
	if hi-lo <= 0 {
		return 0, errors.New("no room for cluster ports below the ephemeral range")
	}
	for range 500 {
		p := lo + rand.IntN(hi-lo) // #nosec G404 -- spreads parallel test runs apart
		if taken[p] || taken[p+busOffset] || !free(p) || !free(p+busOffset) {
			continue
		}
		return p, nil
	}
	return 0, fmt.Errorf("no free port with a free bus port in [%d, %d)", lo, hi)
}

// portFree reports whether nothing listens on the loopback port now.
func portFree(port int) bool {
	ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))
	if err != nil {
		return false
	}
	_ = ln.Close()
	return true
}

// startClusterNode starts one cluster-enabled redis-server on a port picked
// by pickClusterPort, marks the port and its bus port taken, and returns the
// server. A port can still be taken between the check and redis-server's
// bind: then it tries another, a few times. Each node has its own RDB file,
// so that one stopped with SHUTDOWN SAVE comes back with its data.
func startClusterNode(t *testing.T, dir string, taken map[int]bool) *redisServer {
	t.Helper()
	lo, hi := clusterPortRange()
	var lastErr error
	for range 5 {
		p, err := pickClusterPort(lo, hi, taken, portFree)
		if err != nil {
			t.Fatal(err)
		}
		srv, err := tryStartRedis(t, dir, p, "--cluster-enabled", "yes", "--dbfilename", fmt.Sprintf("dump-%d.rdb", p),
			"--cluster-config-file", fmt.Sprintf("nodes-%d.conf", p), "--cluster-node-timeout", "5000")
		taken[p], taken[p+busOffset] = true, true // even on failure: something holds one of them
		if err == nil {
			return srv
		}
		if !strings.Contains(err.Error(), "in use") {
			t.Fatal(err)
		}
		t.Logf("redis-server could not bind %d or %d; trying another port: %v", p, p+busOffset, err)
		lastErr = err
	}
	t.Fatalf("cluster node did not start on 5 ports: %v", lastErr)
	return nil
}

func TestPickClusterPortAvoidsBusPortsAndTakenPorts(t *testing.T) {
	lo, hi := clusterPortRange()
	if eph := ephemeralStart(); hi-1+busOffset >= eph {
		t.Fatalf("bus port of %d reaches the ephemeral range at %d", hi-1, eph)
	}
	if lo+busOffset < hi {
		t.Fatalf("port range [%d, %d) overlaps the bus port range from %d", lo, hi, lo+busOffset)
	}
	// A tiny range where a naive pick would hand out a port that is
	// another's bus port, or one that is busy.
	busy := map[int]bool{lo + 1: true}
	free := func(p int) bool { return !busy[p] }
	taken := map[int]bool{}
	var got []int
	for range 3 {
		p, err := pickClusterPort(lo, lo+4, taken, free)
		if err != nil {
			t.Fatal(err)
		}
		taken[p], taken[p+busOffset] = true, true
		got = append(got, p)
	}
	seen := map[int]bool{}
	for _, p := range got {
		if busy[p] || busy[p+busOffset] || seen[p] || seen[p+busOffset] {
			t.Fatalf("got ports %v: %d or its bus port is busy or already used", got, p)
		}
		seen[p], seen[p+busOffset] = true, true
	}
	if _, err := pickClusterPort(lo, lo+4, taken, free); err == nil {
		t.Error("got a fourth port from a range with none left, want an error")
	}
}
