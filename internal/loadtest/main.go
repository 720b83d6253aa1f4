// Command loadtest is the Socket Mode load benchmark of the advisor
// (`make bench`): it starts the project's fake Slack in this process and the
// bot as a separate process (the real binary, built here), sends envelopes
// through the same path Slack uses, and measures ack and reply latency,
// throughput, losses, the bot's memory, its start-up time and its Redis
// commands. Every run of the advisor is paired with a run of a floor, a
// plain slack-go client that acks and answers with a fixed message
// (./baseline), so figures are also given as ratios to the floor measured
// minutes apart on the same machine.
//
//	go run ./internal/loadtest                      both presets, 2 runs of each bot
//	go run ./internal/loadtest -scenario burst      slash commands, concurrency 50
//	go run ./internal/loadtest -scenario paced      500 envelopes/s of the mixed load
//	go run ./internal/loadtest -n 5000 -rate 800 -mix slash=50,home=50
//	go run ./internal/loadtest -redis private       a private redis-server: exact command counts
//	go run ./internal/loadtest -profile /tmp/prof   also a profiled paced run (pprof files)
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/signal"
	"strconv"
	"syscall"
	"time"
)

// defaultMix is the paced preset's load.
const defaultMix = "slash=40,faq=30,dm=10,button=10,home=10"

// presets are the named scenarios.
var presets = map[string]Scenario{
	"burst": {Name: "burst", N: 3000, C: 50, MixText: "slash=100"},
	"paced": {Name: "paced", N: 2500, Rate: 500, MixText: defaultMix},
}

func main() {
	os.Exit(realMain(os.Args[1:], os.Stdout, os.Stderr))
}

// settings are the parsed flags.
type settings struct {
	scenarios   []Scenario
	runs        int
	jsonOut     bool
	redisURL    string
	profileDir  string
	connections int
	workers     string
	logLevel    string
	seed        uint64
	maxTime     time.Duration
	overlay     string
}

func parseSettings(args []string, stderr io.Writer) (*settings, error) {
	fs := flag.NewFlagSet("loadtest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 0, "envelopes per run (preset: burst 3000, paced 2500)")
	c := fs.Int("c", 0, "concurrency: envelopes in flight, when no -rate (preset burst: 50)")
	rate := fs.Float64("rate", 0, "envelopes per second (preset paced: 500); 0 = as fast as -c allows")
	mix := fs.String("mix", "", "load mix, e.g. "+defaultMix)
	scenario := fs.String("scenario", "", "burst, paced or all (default all; with -n/-c/-rate/-mix alone: one custom scenario)")
	runs := fs.Int("runs", 3, "runs of each bot, alternating baseline and advisor; medians are reported")
	timeout := fs.Duration("timeout", 5*time.Second, "how long an envelope may take to be answered before it counts as lost")
	jsonOut := fs.Bool("json", false, "machine-readable output")
	redisURL := fs.String("redis", "", `Redis for the advisor: "private" (a redis-server of its own on a free loopback port: exact command counts, flushed between runs) or a loopback URL (keys under a unique KEY_PREFIX, deleted at the end); default private if redis-server is installed, else $REDIS_URL, else redis://127.0.0.1:6379/0`)
	profileDir := fs.String("profile", "", "also run the advisor once more with pprof (under the paced preset, or the one scenario asked for), writing cpu.pprof and allocs-*.pprof to this folder")
	conns := fs.Int("connections", envInt("SOCKET_CONNECTIONS", 2), "Socket Mode connections of each bot (default $SOCKET_CONNECTIONS or 2)")
	logLevel := fs.String("log-level", "info", "the advisor's LOG_LEVEL (its output is discarded)")
	seed := fs.Uint64("seed", 7, "seed of the kind sequence (the same for both bots)")
	overlay := fs.String("overlay", "", "a go build -overlay JSON file for the advisor's build, to measure a change before making it (not with -profile)")
	maxTime := fs.Duration("max-time", 10*time.Minute, "the whole benchmark stops after this")
	err := fs.Parse(args)
	if err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	s := &settings{runs: *runs, jsonOut: *jsonOut, redisURL: *redisURL, profileDir: *profileDir, connections: *conns,
		workers: os.Getenv("WORKERS"), logLevel: *logLevel, seed: *seed, maxTime: *maxTime, overlay: *overlay}
	if s.overlay != "" && s.profileDir != "" {
		return nil, fmt.Errorf("-overlay and -profile cannot be combined")
	}
	if s.runs < 1 || s.runs > 20 {
		return nil, fmt.Errorf("-runs %d: want 1 to 20", s.runs)
	}
	if s.connections < 1 || s.connections > 10 {
		return nil, fmt.Errorf("-connections %d: want 1 to 10", s.connections)
	}
	sf := scenarioFlags{n: *n, c: *c, rate: *rate, mix: *mix, timeout: *timeout, set: set}
	if s.scenarios, err = sf.scenarios(*scenario); err != nil {
		return nil, err
	}
	if s.redisURL == "" {
		s.redisURL = defaultRedis()
	}
	if s.redisURL != "private" {
		if err := checkLoopback(s.redisURL); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// scenarioFlags are the flags that shape the scenarios; set names those
// given on the command line.
type scenarioFlags struct {
	n, c    int
	rate    float64
	mix     string
	timeout time.Duration
	set     map[string]bool
}

// scenarios returns the scenarios to run: the presets -scenario names (or
// one custom scenario when only -n, -c, -rate or -mix are given), with the
// flags given applied and checked.
func (f scenarioFlags) scenarios(scenario string) ([]Scenario, error) {
	var names []string
	switch scenario {
	case "", "all":
		names = []string{"burst", "paced"}
		if scenario == "" && (f.set["n"] || f.set["c"] || f.set["rate"] || f.set["mix"]) {
			names = []string{"custom"}
		}
	case "burst", "paced":
		names = []string{scenario}
	default:
		return nil, fmt.Errorf("-scenario %q: want burst, paced or all", scenario)
	}
	var out []Scenario
	for _, name := range names {
		sc, ok := presets[name]
		if !ok {
			sc = Scenario{Name: name, N: 2000, C: 50, MixText: defaultMix}
		}
		if f.set["n"] {
			sc.N = f.n
		}
		if f.set["c"] {
			sc.C = f.c
		}
		if f.set["rate"] {
			sc.Rate = f.rate
		}
		if f.set["mix"] {
			sc.MixText = f.mix
		}
		if sc.N < 1 || sc.N > 1_000_000 {
			return nil, fmt.Errorf("-n %d: want 1 to 1000000", sc.N)
		}
		if sc.Rate < 0 || sc.Rate > 100_000 {
			return nil, fmt.Errorf("-rate %v: want 0 to 100000", sc.Rate)
		}
		if sc.Rate == 0 && (sc.C < 1 || sc.C > 10_000) {
			return nil, fmt.Errorf("-c %d: want 1 to 10000", sc.C)
		}
		m, err := ParseMix(sc.MixText)
		if err != nil {
			return nil, err
		}
		sc.Mix, sc.MixText, sc.Timeout = m, m.String(), f.timeout
		out = append(out, sc)
	}
	return out, nil
}

// checkLoopback refuses a Redis that is not on this machine: the benchmark
// only talks to loopback addresses.
func checkLoopback(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("redis url: %w", err)
	}
	host := u.Hostname()
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("redis host %q is not a loopback address; use -redis private or a 127.0.0.1 URL", host)
}

// defaultRedis prefers a private redis-server: INFO commandstats then
// counts the advisor's commands alone.
func defaultRedis() string {
	if _, err := exec.LookPath("redis-server"); err == nil {
		return "private"
	}
	if u := os.Getenv("REDIS_URL"); u != "" {
		return u
	}
	return "redis://127.0.0.1:6379/0"
}

func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil {
		return n
	}
	return def
}

func realMain(args []string, stdout, stderr io.Writer) int {
	s, err := parseSettings(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, "loadtest:", err)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, s.maxTime)
	defer cancel()
	rep, err := benchmark(ctx, s, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "loadtest:", err)
		return 1
	}
	if s.jsonOut {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			fmt.Fprintln(stderr, "loadtest:", err)
			return 1
		}
	} else {
		writeText(stdout, rep)
	}
	return 0
}
