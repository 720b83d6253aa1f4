package pairs

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/handlers/blockkit"
	"github.com/advisor-bot/advisor/knowledge"
)

// homeCouples caps the couples App Home shows.
const homeCouples = 5

// HomeBlocks is the pairs' App Home section (it implements
// handlers.HomeSection): each take the user is part of, where it stands
// (without the other's progress), and for a couple's latest comparison how
// the gaps moved since the take before.
func (s *Service) HomeBlocks(ctx context.Context, userID string) ([]slack.Block, error) {
	cids, err := s.rdb.SMembers(ctx, s.keys.user(userID)).Result()
	if err != nil {
		return nil, fmt.Errorf("pairs of %s: %w", userID, err)
	}
	var blocks []slack.Block
	for i, cid := range cids {
		if i == homeCouples || !cidPattern.MatchString(cid) {
			break
		}
		more, err := s.coupleBlocks(ctx, userID, cid)
		if err != nil {
			return nil, err
		}
		if more == nil {
			s.rdb.SRem(ctx, s.keys.user(userID), cid) // nothing left of it
		}
		blocks = append(blocks, more...)
	}
	if len(blocks) == 0 {
		return nil, nil
	}
	return append([]slack.Block{slack.NewDividerBlock(), blockkit.Section("*With a co-founder*")}, blocks...), nil
}

// coupleBlocks shows one couple to userID: the open take, and the latest
// comparison with its movement; nil when nothing is left of the couple.
func (s *Service) coupleBlocks(ctx context.Context, userID, cid string) ([]slack.Block, error) {
	p, ok := s.kb.PairByID(pairOf(cid))
	if !ok {
		return nil, nil
	}
	t, err := s.load(ctx, cid)
	if err != nil {
		return nil, err
	}
	past, err := s.pastTakes(ctx, cid, 2)
	if err != nil {
		return nil, err
	}
	var blocks []slack.Block
	if t != nil {
		if b := s.openBlock(t, userID, p); b != nil {
			blocks = append(blocks, b)
		}
	}
	if len(past) > 0 {
		blocks = append(blocks, blockkit.SectionButton(movement(p, userID, past), blockkit.Button(blockkit.ActionPairAgain, cid, "Take it again")))
	}
	if t == nil && len(past) == 0 {
		return nil, nil
	}
	return blocks, nil
}

// openBlock says where an open take stands for userID's seat; nil when
// it is closed.
func (s *Service) openBlock(t *take, userID string, p *knowledge.Pair) slack.Block {
	seat := "a"
	if t.user("b") == userID {
		seat = "b"
	}
	cofounder := t.user(other(seat))
	now := s.now()
	switch st := t.get("st"); {
	case st == "invited" && now.UnixMilli() <= int64(t.num("t0"))+s.window.Milliseconds():
		if seat == "a" {
			return blockkit.Section(fmt.Sprintf(":envelope: Waiting for <@%s> to accept *%s*.", cofounder, p.Title))
		}
		return blockkit.Section(fmt.Sprintf(":envelope: <@%s> invited you to *%s*: the invitation is in our DM.", cofounder, p.Title))
	case st == "active" && t.get("s:"+seat) == "done", st == "sharing":
		return blockkit.Section(fmt.Sprintf(":hourglass_flowing_sand: You have finished *%s*. Waiting for <@%s>.", p.Title, cofounder))
	case st == "active":
		v := ref{CID: t.CID, Run: t.run(), SeatRun: t.get("r:" + seat), Question: -1, Option: -1}.value()
		return blockkit.SectionButton(fmt.Sprintf(":hourglass_flowing_sand: You are %d of %d questions into *%s* with <@%s>.",
			t.num("q:"+seat), t.num("n"), p.Title, cofounder), blockkit.Button(ActionResume, v, "Resume"))
	}
	return nil
}

// movement is the couple's latest comparison and, with a take before it,
// how each gap moved since.
func movement(p *knowledge.Pair, userID string, past []past) string {
	last := past[0]
	cofounder := last.A
	if cofounder == userID {
		cofounder = last.B
	}
	gaps, err := p.Compare(parseAnswers(last.AA), parseAnswers(last.AB))
	if err != nil {
		return fmt.Sprintf("*%s* with <@%s> (%s): the questions changed since.", p.Title, cofounder, day(last.At))
	}
	agreed := 0
	for _, g := range gaps {
		if g.Same() {
			agreed++
		}
	}
	text := fmt.Sprintf("*%s* with <@%s> (%s): you agree on %d of %d.", p.Title, cofounder, day(last.At), agreed, len(gaps))
	if len(past) < 2 {
		return text
	}
	prev, err := p.Compare(parseAnswers(past[1].AA), parseAnswers(past[1].AB))
	if err != nil {
		return text
	}
	return text + "\n" + moved(gaps, prev, day(past[1].At))
}

// moved names the topics whose gap closed, narrowed, widened or opened
// since the take before.
func moved(now, before []knowledge.PairGap, since string) string {
	var closed, narrowed, widened, opened []string
	for i, g := range now {
		b, topic := before[i], g.Question.Topic
		switch {
		case g.Size == b.Size:
		case g.Same():
			closed = append(closed, topic)
		case b.Same():
			opened = append(opened, topic)
		case g.Size < b.Size:
			narrowed = append(narrowed, topic)
		default:
			widened = append(widened, topic)
		}
	}
	var parts []string
	for _, m := range []struct {
		what   string
		topics []string
	}{{":white_check_mark: closed", closed}, {":arrow_down: narrowed", narrowed}, {":arrow_up: widened", widened}, {":new: opened", opened}} {
		if len(m.topics) > 0 {
			parts = append(parts, m.what+": "+strings.Join(m.topics, ", "))
		}
	}
	if len(parts) == 0 {
		return "Since " + since + ": no gap moved."
	}
	return "Since " + since + ": " + strings.Join(parts, "; ") + "."
}

func day(msec int64) string { return time.UnixMilli(msec).UTC().Format("Jan 2") }
