package slacktest

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/slack-go/slack/socketmode"
)

// envelope is one Socket Mode delivery, kept so acks can be matched and
// deliveries repeated.
type envelope struct {
	ID                     string          `json:"envelope_id"`
	Type                   string          `json:"type"`
	Payload                json.RawMessage `json:"payload"`
	AcceptsResponsePayload bool            `json:"accepts_response_payload"`
	RetryAttempt           int             `json:"retry_attempt"`
	RetryReason            string          `json:"retry_reason"`

	sent time.Time // when it was written to a socket; zero while queued
}

// Ack is the bot's acknowledgement of one envelope.
type Ack struct {
	EnvelopeID string
	Type       string          // the envelope's type, "" if the id was unknown
	Payload    json.RawMessage // nil if the ack carried no payload
	At         time.Time       // when the ack arrived
	Sent       time.Time       // when the envelope was written to the socket
	Latency    time.Duration   // At - Sent
}

// SendRaw delivers an envelope of type typ (socketmode.RequestTypeEventsAPI,
// RequestTypeSlashCommands, RequestTypeInteractive) with a payload built by
// the caller, for shapes the typed helpers do not cover. It returns the
// envelope id.
func (s *Server) SendRaw(typ string, payload json.RawMessage) string {
	s.mu.Lock()
	e := &envelope{
		ID:                     s.envelopeIDLocked(),
		Type:                   typ,
		Payload:                payload,
		AcceptsResponsePayload: typ != socketmode.RequestTypeEventsAPI,
	}
	s.envelopes[e.ID] = e
	s.mu.Unlock()
	s.deliver(e.ID)
	return e.ID
}

// Redeliver repeats an earlier delivery the way Slack does after a missed
// ack: the same payload (so the same event_id), retry_attempt one higher and
// retry_reason "timeout". With newEnvelope the retry gets a fresh envelope
// id, otherwise it reuses the old one. It returns the envelope id used, or ""
// if envelopeID is unknown.
func (s *Server) Redeliver(envelopeID string, newEnvelope bool) string {
	s.mu.Lock()
	old, ok := s.envelopes[envelopeID]
	if !ok {
		s.mu.Unlock()
		return ""
	}
	e := &envelope{
		ID:                     old.ID,
		Type:                   old.Type,
		Payload:                old.Payload,
		AcceptsResponsePayload: old.AcceptsResponsePayload,
		RetryAttempt:           old.RetryAttempt + 1,
		RetryReason:            "timeout",
	}
	if newEnvelope {
		e.ID = s.envelopeIDLocked()
	}
	s.envelopes[e.ID] = e
	s.mu.Unlock()
	s.deliver(e.ID)
	return e.ID
}

// envelopeIDLocked makes a UUID-shaped id. s.mu must be held.
func (s *Server) envelopeIDLocked() string {
	return fmt.Sprintf("%08x-5eed-4000-8000-%012x", s.nextSeqLocked(), time.Now().UnixNano()&0xffffffffffff)
}

// deliver writes the envelope to the next open connection in round-robin
// order, or queues it until a connection opens. A failed write drops that
// connection and tries the next one.
func (s *Server) deliver(id string) {
	for {
		s.mu.Lock()
		e := s.envelopes[id]
		if len(s.conns) == 0 || s.closed {
			s.queue = append(s.queue, id)
			s.mu.Unlock()
			s.log.Debug().Str("envelope_id", id).Msg("envelope queued")
			return
		}
		s.rr++
		c := s.conns[s.rr%len(s.conns)]
		frame := *e
		e.sent = time.Now()
		s.mu.Unlock()

		err := c.write(frame)
		if err == nil {
			s.log.Debug().Str("envelope_id", id).Str("type", e.Type).Int("conn", c.id).Msg("envelope sent")
			return
		}
		s.log.Debug().Err(err).Str("envelope_id", id).Msg("envelope write failed")
		s.mu.Lock()
		s.removeLocked(c)
		s.mu.Unlock()
		c.close()
	}
}

// recordAck stores an ack and wakes waiters.
func (s *Server) recordAck(envelopeID string, payload json.RawMessage) {
	now := time.Now()
	if string(payload) == "null" {
		payload = nil
	}
	s.mu.Lock()
	a := Ack{EnvelopeID: envelopeID, Payload: payload, At: now}
	if e, ok := s.envelopes[envelopeID]; ok {
		a.Type = e.Type
		a.Sent = e.sent
		a.Latency = now.Sub(e.sent)
	}
	if _, seen := s.ackIdx[envelopeID]; !seen {
		s.ackIdx[envelopeID] = len(s.acks)
		s.applyViewAckLocked(envelopeID, payload, a.Latency)
	}
	s.acks = append(s.acks, a)
	s.notifyLocked()
	s.mu.Unlock()
}

// Acks returns every ack received so far, in arrival order.
func (s *Server) Acks() []Ack {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Ack(nil), s.acks...)
}

// WaitAck blocks until the envelope is acked and returns the first ack for
// it, or fails when ctx ends or the server closes.
func (s *Server) WaitAck(ctx context.Context, envelopeID string) (Ack, error) {
	var got Ack
	err := s.waitFor(ctx, func() bool {
		i, found := s.ackIdx[envelopeID]
		if found {
			got = s.acks[i]
		}
		return found
	})
	if err != nil {
		return Ack{}, fmt.Errorf("wait ack %s: %w", envelopeID, err)
	}
	return got, nil
}
