package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"runtime"
	"sort"
	"strings"
	"text/tabwriter"
	"time"
)

// Report is everything one benchmark measured.
type Report struct {
	Date        string              `json:"date"`
	Machine     Machine             `json:"machine"`
	Redis       string              `json:"redis"` // "private" or "shared"
	Connections int                 `json:"socket_connections"`
	Workers     string              `json:"workers,omitempty"`
	Scenarios   []ScenarioReport    `json:"scenarios"`
	RedisByKind map[Kind]RedisKinds `json:"redis_by_kind,omitempty"`
	Targets     []Target            `json:"targets"`
	Profile     string              `json:"profile_dir,omitempty"`
	Runs        []*RunResult        `json:"runs"`
}

// Machine describes where the benchmark ran.
type Machine struct {
	CPUs int    `json:"cpus"`
	CPU  string `json:"cpu"`
	Go   string `json:"go"`
	OS   string `json:"os"`
}

// ScenarioReport is the medians of each bot under one scenario, and their
// ratio advisor / baseline.
type ScenarioReport struct {
	Scenario Scenario `json:"scenario"`
	Baseline Summary  `json:"baseline"`
	Advisor  Summary  `json:"advisor"`
	Ratio    Summary  `json:"ratio"`
}

// Summary is the median over a bot's runs (Lost and Twice are totals).
type Summary struct {
	Runs         int              `json:"runs"`
	Throughput   float64          `json:"throughput_per_s"`
	AckP50       float64          `json:"ack_p50_ms"`
	AckP99       float64          `json:"ack_p99_ms"`
	AckMax       float64          `json:"ack_max_ms"`
	ReplyP50     float64          `json:"reply_p50_ms"`
	ReplyP99     float64          `json:"reply_p99_ms"`
	ReplyMax     float64          `json:"reply_max_ms"`
	Lost         float64          `json:"lost_total"`
	Twice        float64          `json:"answered_twice_total"`
	PeakRSS      float64          `json:"peak_rss_mb"`
	IdleRSS      float64          `json:"idle_rss_mb"`
	StartupMS    float64          `json:"startup_ms"`
	Redis        float64          `json:"redis_commands_per_envelope"`
	BotCPU       float64          `json:"bot_cpu_us_per_envelope"`
	LoadCPU      float64          `json:"loadgen_fake_cpu_us_per_envelope"`
	KindReplyP99 map[Kind]float64 `json:"reply_p99_by_kind_ms,omitempty"`
}

// Target is one goal of issue 7 and whether it was met.
type Target struct {
	Name string `json:"name"`
	Want string `json:"want"`
	Got  string `json:"got"`
	Met  bool   `json:"met"`
}

func newReport(s *settings, rt *redisTarget) *Report {
	r := &Report{Date: time.Now().Format(time.RFC3339), Connections: s.connections, Workers: s.workers,
		Machine: Machine{CPUs: runtime.NumCPU(), CPU: cpuModel(), Go: runtime.Version(), OS: runtime.GOOS + "/" + runtime.GOARCH},
		Redis:   "shared"}
	if rt.private {
		r.Redis = "private"
	}
	return r
}

// cpuModel is the first "model name" of /proc/cpuinfo.
func cpuModel() string {
	f, err := os.Open("/proc/cpuinfo")
	if err != nil {
		return "unknown"
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if name, val, ok := strings.Cut(sc.Text(), ":"); ok && strings.TrimSpace(name) == "model name" {
			return strings.TrimSpace(val)
		}
	}
	return "unknown"
}

// summarize computes the medians, ratios and targets.
func (r *Report) summarize(s *settings) {
	for _, sc := range s.scenarios {
		sr := ScenarioReport{Scenario: sc, Baseline: r.median("baseline", sc.Name), Advisor: r.median("advisor", sc.Name)}
		b, a := sr.Baseline, sr.Advisor
		sr.Ratio = Summary{Throughput: ratio(a.Throughput, b.Throughput), AckP50: ratio(a.AckP50, b.AckP50),
			AckP99: ratio(a.AckP99, b.AckP99), AckMax: ratio(a.AckMax, b.AckMax), ReplyP50: ratio(a.ReplyP50, b.ReplyP50),
			ReplyP99: ratio(a.ReplyP99, b.ReplyP99), ReplyMax: ratio(a.ReplyMax, b.ReplyMax), PeakRSS: ratio(a.PeakRSS, b.PeakRSS),
			IdleRSS: ratio(a.IdleRSS, b.IdleRSS), StartupMS: ratio(a.StartupMS, b.StartupMS),
			BotCPU: ratio(a.BotCPU, b.BotCPU), LoadCPU: ratio(a.LoadCPU, b.LoadCPU)}
		r.Scenarios = append(r.Scenarios, sr)
	}
	r.targets()
}

// median summarises bot's runs of scenario (all scenarios if "").
func (r *Report) median(bot, scenario string) Summary {
	var tp, a50, a99, amax, r50, r99, rmax, peak, idle, start, redis, bcpu, lcpu []float64
	kinds := map[Kind][]float64{}
	s := Summary{}
	for _, x := range r.Runs {
		if x.Bot != bot || (scenario != "" && x.Scenario != scenario) || x.Run == 0 {
			continue
		}
		s.Runs++
		tp = append(tp, x.Throughput)
		a50, a99, amax = append(a50, x.Ack.P50), append(a99, x.Ack.P99), append(amax, x.Ack.Max)
		r50, r99, rmax = append(r50, x.Reply.P50), append(r99, x.Reply.P99), append(rmax, x.Reply.Max)
		peak, idle, start = append(peak, mb(x.PeakRSS)), append(idle, mb(x.IdleRSS)), append(start, x.StartupMS)
		redis = append(redis, x.RedisN)
		bcpu, lcpu = append(bcpu, x.BotCPU), append(lcpu, x.LoadCPU)
		s.Lost += float64(x.Lost)
		s.Twice += float64(x.Twice)
		for k, l := range x.ByKind {
			kinds[k] = append(kinds[k], l.P99)
		}
	}
	s.Throughput, s.AckP50, s.AckP99, s.AckMax = median(tp), median(a50), median(a99), median(amax)
	s.ReplyP50, s.ReplyP99, s.ReplyMax = median(r50), median(r99), median(rmax)
	s.PeakRSS, s.IdleRSS, s.StartupMS, s.Redis = median(peak), median(idle), median(start), median(redis)
	s.BotCPU, s.LoadCPU = median(bcpu), median(lcpu)
	if len(kinds) > 1 {
		s.KindReplyP99 = map[Kind]float64{}
		for k, v := range kinds {
			s.KindReplyP99[k] = median(v)
		}
	}
	return s
}

func (r *Report) targets() {
	add := func(name, want, got string, met bool) {
		r.Targets = append(r.Targets, Target{Name: name, Want: want, Got: got, Met: met})
	}
	for _, sr := range r.Scenarios {
		a, ra := sr.Advisor, sr.Ratio
		switch sr.Scenario.Name {
		case "burst":
			add("burst throughput", "≥ 0.8 × floor", fmt.Sprintf("%.2f × (%.0f vs %.0f env/s)", ra.Throughput, a.Throughput, sr.Baseline.Throughput), ra.Throughput >= 0.8)
			add("burst ack p99", "≤ 1.5 × floor", fmt.Sprintf("%.2f × (%.2f vs %.2f ms)", ra.AckP99, a.AckP99, sr.Baseline.AckP99), ra.AckP99 <= 1.5)
			add("burst lost", "0", fmt.Sprintf("%.0f", a.Lost), a.Lost == 0)
			add("burst answered twice", "0", fmt.Sprintf("%.0f", a.Twice), a.Twice == 0)
		case "paced":
			add("paced reply p99", "< 5 ms", fmt.Sprintf("%.2f ms (floor %.2f)", a.ReplyP99, sr.Baseline.ReplyP99), a.ReplyP99 < 5)
			add("paced ack p99", "< 2 ms", fmt.Sprintf("%.2f ms (floor %.2f)", a.AckP99, sr.Baseline.AckP99), a.AckP99 < 2)
			add("paced lost / twice", "0 / 0", fmt.Sprintf("%.0f / %.0f", a.Lost, a.Twice), a.Lost == 0 && a.Twice == 0)
		}
		add(sr.Scenario.Name+" peak RSS", "≤ 2 × floor", fmt.Sprintf("%.2f × (%.1f vs %.1f MB)", ra.PeakRSS, a.PeakRSS, sr.Baseline.PeakRSS), ra.PeakRSS <= 2)
	}
	all := r.median("advisor", "")
	add("idle RSS", "< 30 MB", fmt.Sprintf("%.1f MB (floor %.1f)", all.IdleRSS, r.median("baseline", "").IdleRSS), all.IdleRSS < 30)
	add("start-up to connected", "< 300 ms", fmt.Sprintf("%.0f ms (floor %.0f)", all.StartupMS, r.median("baseline", "").StartupMS), all.StartupMS < 300)
	if k, ok := r.RedisByKind[KindSlash]; ok {
		got := k.Commands["set"]
		add("Redis de-dup", "1 command per envelope", fmt.Sprintf("a slash command costs %.1f commands, %.1f of them SET", k.Total, got), k.Total == 1 && got == 1)
	}
	if k, ok := r.RedisByKind[KindButton]; ok {
		evals := k.Commands["evalsha"] + k.Commands["eval"]
		add("Redis per assessment answer", "2 script calls (step + ts)", fmt.Sprintf("%.1f script calls, %.1f commands in all", evals, k.Total), evals <= 2)
	}
}

// writeText prints the report as tables.
func writeText(w io.Writer, r *Report) {
	fmt.Fprintf(w, "\nadvisor Socket Mode load benchmark — %s\n", r.Date)
	fmt.Fprintf(w, "machine: %d CPUs, %s, %s, %s; Redis %s; %d socket connections per bot\n",
		r.Machine.CPUs, r.Machine.CPU, r.Machine.Go, r.Machine.OS, r.Redis, r.Connections)
	for _, sr := range r.Scenarios {
		writeScenario(w, sr)
	}
	if len(r.RedisByKind) > 0 {
		fmt.Fprintf(w, "\n## Redis commands per envelope, each kind sent alone (%s Redis)\n\n", r.Redis)
		for _, k := range sortedKinds(r.RedisByKind) {
			rk := r.RedisByKind[k]
			var parts []string
			for _, c := range sortedKeys(rk.Commands) {
				parts = append(parts, fmt.Sprintf("%s %.1f", c, rk.Commands[c]))
			}
			fmt.Fprintf(w, "  %-13s %5.1f  (%s; %d envelopes)\n", k, rk.Total, strings.Join(parts, ", "), rk.Envelopes)
		}
		fmt.Fprintln(w, "  (INFO commandstats counts the commands a script runs as well as the EVALSHA itself)")
	}
	fmt.Fprintf(w, "\n## Targets\n\n")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, t := range r.Targets {
		mark := "MET"
		if !t.Met {
			mark = "NOT MET"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", t.Name, t.Want, t.Got, mark)
	}
	_ = tw.Flush()
	if r.Profile != "" {
		fmt.Fprintf(w, "\nprofiles in %s: go tool pprof -top %s/cpu.pprof; go tool pprof -top -sample_index=alloc_space -diff_base %s/allocs-before.pprof %s/allocs-after.pprof\n",
			r.Profile, r.Profile, r.Profile, r.Profile)
	}
}

// writeScenario writes one scenario's table, the floor beside the advisor.
func writeScenario(w io.Writer, sr ScenarioReport) {
	sc := sr.Scenario
	shape := fmt.Sprintf("concurrency %d", sc.C)
	if sc.Rate > 0 {
		shape = fmt.Sprintf("%.0f envelopes/s", sc.Rate)
	}
	fmt.Fprintf(w, "\n## %s: %d envelopes, %s, mix %s; medians of %d runs per bot\n\n", sc.Name, sc.N, shape, sc.MixText, sr.Advisor.Runs)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "\tbaseline\tadvisor\tratio\t")
	row := func(name, f string, b, a, ra float64) {
		rs := "—"
		if ra != 0 {
			rs = fmt.Sprintf("%.2f", ra)
		}
		fmt.Fprintf(tw, "%s\t"+f+"\t"+f+"\t%s\t\n", name, b, a, rs)
	}
	b, a, ra := sr.Baseline, sr.Advisor, sr.Ratio
	row("throughput (envelopes/s)", "%.0f", b.Throughput, a.Throughput, ra.Throughput)
	row("ack p50 (ms)", "%.2f", b.AckP50, a.AckP50, ra.AckP50)
	row("ack p99 (ms)", "%.2f", b.AckP99, a.AckP99, ra.AckP99)
	row("ack max (ms)", "%.2f", b.AckMax, a.AckMax, ra.AckMax)
	row("reply p50 (ms)", "%.2f", b.ReplyP50, a.ReplyP50, ra.ReplyP50)
	row("reply p99 (ms)", "%.2f", b.ReplyP99, a.ReplyP99, ra.ReplyP99)
	row("reply max (ms)", "%.2f", b.ReplyMax, a.ReplyMax, ra.ReplyMax)
	row("lost (all runs)", "%.0f", b.Lost, a.Lost, 0)
	row("answered twice (all runs)", "%.0f", b.Twice, a.Twice, 0)
	row("peak RSS (MB)", "%.1f", b.PeakRSS, a.PeakRSS, ra.PeakRSS)
	row("idle RSS (MB)", "%.1f", b.IdleRSS, a.IdleRSS, ra.IdleRSS)
	row("start-up to connected (ms)", "%.0f", b.StartupMS, a.StartupMS, ra.StartupMS)
	row("Redis commands / envelope", "%.2f", b.Redis, a.Redis, 0)
	row("bot CPU / envelope (µs)", "%.0f", b.BotCPU, a.BotCPU, ra.BotCPU)
	row("load+fake CPU / envelope (µs)", "%.0f", b.LoadCPU, a.LoadCPU, ra.LoadCPU)
	_ = tw.Flush()
	if len(a.KindReplyP99) > 0 {
		fmt.Fprintf(w, "\nreply p99 by kind (ms):")
		for _, k := range sortedKinds(a.KindReplyP99) {
			fmt.Fprintf(w, "  %s %.2f (floor %.2f)", k, a.KindReplyP99[k], b.KindReplyP99[k])
		}
		fmt.Fprintln(w)
	}
}

func sortedKinds[V any](m map[Kind]V) []Kind {
	var ks []Kind
	for k := range m {
		ks = append(ks, k)
	}
	sort.Slice(ks, func(i, j int) bool { return ks[i] < ks[j] })
	return ks
}

func sortedKeys[V any](m map[string]V) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
