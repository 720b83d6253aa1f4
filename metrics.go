package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/redis/go-redis/v9"
)

// metrics is every Prometheus metric the advisor exports on /metrics. It
// implements the observers of bot, assessment and scheduler.
type metrics struct {
	reg         *prometheus.Registry
	envelopes   *prometheus.CounterVec
	ackLatency  *prometheus.HistogramVec
	handlerDur  *prometheus.HistogramVec
	connections prometheus.Gauge
	slackCalls  *prometheus.CounterVec
	slackErrors *prometheus.CounterVec
	redisErrors *prometheus.CounterVec
	assessments *prometheus.CounterVec
	tips        *prometheus.CounterVec
	unanswered  prometheus.Counter
	published   prometheus.Counter // drafts published into the knowledge base
	experts     *prometheus.CounterVec
	expertWait  prometheus.Histogram
}

func newMetrics() *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		envelopes: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "advisor_envelopes_total",
			Help: "Socket Mode envelopes handled, by request kind and outcome."}, []string{"kind", "outcome"}),
		ackLatency: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "advisor_ack_latency_seconds",
			Help: "Time from reading an envelope to queuing its ack.", Buckets: prometheus.ExponentialBuckets(1e-6, 4, 10)}, []string{"type"}),
		handlerDur: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "advisor_handler_duration_seconds",
			Help: "Time from an envelope's arrival to its reply delivered, by request kind.", Buckets: prometheus.ExponentialBuckets(1e-4, 3, 12)}, []string{"kind"}),
		connections: prometheus.NewGauge(prometheus.GaugeOpts{Name: "advisor_socket_connections",
			Help: "Open Socket Mode connections."}),
		slackCalls: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "advisor_slack_api_calls_total",
			Help: "Slack Web API calls, by method."}, []string{"method"}),
		slackErrors: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "advisor_slack_api_errors_total",
			Help: "Slack Web API calls that failed, by method and error."}, []string{"method", "error"}),
		redisErrors: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "advisor_redis_errors_total",
			Help: "Redis commands that failed (not counting a missing key), by command."}, []string{"command"}),
		assessments: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "advisor_assessments_total",
			Help: "Assessment sessions started, completed and abandoned."}, []string{"assessment", "event"}),
		tips: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "advisor_tips_total",
			Help: "Scheduled tips posted or failed."}, []string{"result"}),
		unanswered: prometheus.NewCounter(prometheus.CounterOpts{Name: "advisor_unanswered_questions_total",
			Help: "Questions the advisor declined to answer."}),
		published: prometheus.NewCounter(prometheus.CounterOpts{Name: "advisor_drafts_published_total",
			Help: "Drafts (experts' answers) an admin published into the knowledge base."}),
		experts: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "advisor_expert_requests_total",
			Help: "Questions put to a person (Ask a person), by event: opened, answered, expired."}, []string{"event"}),
		expertWait: prometheus.NewHistogram(prometheus.HistogramOpts{Name: "advisor_expert_answer_seconds",
			Help: "Time from Ask a person to a person's answer.", Buckets: prometheus.ExponentialBuckets(60, 3, 10)}),
	}
	m.reg.MustRegister(m.envelopes, m.ackLatency, m.handlerDur, m.connections, m.slackCalls, m.slackErrors,
		m.redisErrors, m.assessments, m.tips, m.unanswered, m.published, m.experts, m.expertWait,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

func (m *metrics) handler() http.Handler { return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{}) }

// Acked implements bot.Observer.
func (m *metrics) Acked(typ string, d time.Duration) {
	m.ackLatency.WithLabelValues(typ).Observe(d.Seconds())
}

// Handled implements bot.Observer.
func (m *metrics) Handled(kind, outcome string, d time.Duration) {
	m.envelopes.WithLabelValues(kind, outcome).Inc()
	if outcome != "ignored" && outcome != "duplicate" && outcome != "forbidden_team" {
		m.handlerDur.WithLabelValues(kind).Observe(d.Seconds())
	}
}

// Connected implements bot.Observer.
func (m *metrics) Connected(n int) { m.connections.Set(float64(n)) }

// Started implements assessment.Observer.
func (m *metrics) Started(id string) { m.assessments.WithLabelValues(id, "started").Inc() }

// Completed implements assessment.Observer.
func (m *metrics) Completed(id string) { m.assessments.WithLabelValues(id, "completed").Inc() }

// Abandoned implements assessment.Observer.
func (m *metrics) Abandoned(id string) { m.assessments.WithLabelValues(id, "abandoned").Inc() }

// DraftPublished implements drafts.Observer.
func (m *metrics) DraftPublished() { m.published.Inc() }

// ExpertRequestOpened implements experts.Observer.
func (m *metrics) ExpertRequestOpened() { m.experts.WithLabelValues("opened").Inc() }

// ExpertRequestAnswered implements experts.Observer.
func (m *metrics) ExpertRequestAnswered(after time.Duration) {
	m.experts.WithLabelValues("answered").Inc()
	m.expertWait.Observe(after.Seconds())
}

// ExpertRequestExpired implements experts.Observer.
func (m *metrics) ExpertRequestExpired() { m.experts.WithLabelValues("expired").Inc() }

// TipPosted implements scheduler.Observer.
func (m *metrics) TipPosted() { m.tips.WithLabelValues("posted").Inc() }

// TipFailed implements scheduler.Observer.
func (m *metrics) TipFailed() { m.tips.WithLabelValues("failed").Inc() }

// slackTransport counts Web API calls and their errors by method. It reads
// the (small) JSON answer to see Slack's own "ok":false errors.
type slackTransport struct {
	next http.RoundTripper
	m    *metrics
}

func (t slackTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	method := "response_url"
	if strings.Contains(req.URL.Path, "/api/") {
		method = path.Base(req.URL.Path)
	}
	t.m.slackCalls.WithLabelValues(method).Inc()
	res, err := t.next.RoundTrip(req)
	if err != nil {
		t.m.slackErrors.WithLabelValues(method, "network").Inc()
		return res, err
	}
	if res.StatusCode >= 400 {
		t.m.slackErrors.WithLabelValues(method, "http_"+strconv.Itoa(res.StatusCode)).Inc()
		return res, nil
	}
	if !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
		return res, nil
	}
	body, rerr := io.ReadAll(io.LimitReader(res.Body, 4<<20))
	_ = res.Body.Close()
	res.Body = io.NopCloser(bytes.NewReader(body))
	if rerr != nil {
		return res, nil
	}
	if !bytes.Contains(body, []byte(`"ok":false`)) {
		return res, nil // the common case: no second decode of the answer
	}
	var ok struct {
		OK    *bool  `json:"ok"`
		Error string `json:"error"`
	}
	if json.Unmarshal(body, &ok) == nil && ok.OK != nil && !*ok.OK {
		t.m.slackErrors.WithLabelValues(method, ok.Error).Inc()
	}
	return res, nil
}

// redisHook counts failed Redis commands.
type redisHook struct{ m *metrics }

func (h redisHook) DialHook(next redis.DialHook) redis.DialHook {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := next(ctx, network, addr)
		if err != nil {
			h.m.redisErrors.WithLabelValues("dial").Inc()
		}
		return c, err
	}
}

func (h redisHook) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		err := next(ctx, cmd)
		if err != nil && !errors.Is(err, redis.Nil) {
			h.m.redisErrors.WithLabelValues(cmd.Name()).Inc()
		}
		return err
	}
}

func (h redisHook) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		err := next(ctx, cmds)
		if err != nil && !errors.Is(err, redis.Nil) {
			h.m.redisErrors.WithLabelValues("pipeline").Inc()
		}
		return err
	}
}
