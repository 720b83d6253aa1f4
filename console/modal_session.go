package console

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/bot"
)

// fillModal feeds line to the open modal, if there is one, submitting it
// when complete. It reports whether the line went to a modal.
func (c *session) fillModal(ctx context.Context, line string) bool {
	s := c.out
	s.mu.Lock()
	m := s.modal
	s.mu.Unlock()
	if m == nil {
		return false
	}
	if strings.EqualFold(line, "cancel") {
		s.closeModal()
		if m.view.NotifyOnClose {
			c.submit(ctx, m, bot.KindViewClosed)
		}
		return true
	}
	done, problem := m.answer(line)
	switch {
	case problem != "":
		s.println("  " + problem)
		s.print(m.prompt())
	case done:
		c.submit(ctx, m, bot.KindViewSubmission)
	default:
		s.print(m.prompt())
	}
	return true
}

// submit sends the modal to the handler as Slack would, and shows its answer.
func (c *session) submit(ctx context.Context, m *modal, kind bot.Kind) {
	req := &bot.Request{Kind: kind, ID: "console-" + strconv.Itoa(c.seq), TeamID: Team, UserID: User,
		TriggerID: "console-trigger-" + strconv.Itoa(c.seq), CallbackID: m.view.CallbackID, ViewID: m.id,
		PrivateMetadata: m.view.PrivateMetadata, Values: m.form()}
	c.out.newTurn()
	reply, err := c.handler.Handle(ctx, req)
	if err != nil {
		c.out.closeModal()
		c.out.println(":warning: Sorry, something went wrong: " + err.Error())
		return
	}
	if kind == bot.KindViewSubmission {
		c.out.answerModal(m, reply.View)
	}
	c.deliver(ctx, req, reply)
}

// answerModal does with the modal what Slack does with a submission's ack.
func (s *Screen) answerModal(m *modal, r *slack.ViewSubmissionResponse) {
	switch {
	case r == nil || r.ResponseAction == slack.RAClear:
		s.closeModal()
	case r.ResponseAction == slack.RAErrors:
		first := len(m.inputs)
		for i, in := range m.inputs {
			if msg, ok := r.Errors[in.blockID]; ok {
				s.println("  ⚠ " + in.label + ": " + terminalText(msg))
				first = min(first, i)
			}
		}
		m.next = min(first, len(m.inputs)-1)
		s.print(m.prompt())
	case r.View != nil:
		s.showModal(m.id, *r.View)
	default:
		s.closeModal()
	}
}

func (s *Screen) closeModal() {
	s.mu.Lock()
	open := s.modal != nil
	s.modal = nil
	s.mu.Unlock()
	if open {
		s.println("  (modal closed)")
	}
}

func (s *Screen) print(text string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fmt.Fprint(s.w, text)
}
