package main

import (
	"encoding/json"
	"strings"

	"github.com/advisor-bot/advisor/bot/slacktest"
)

// onCall is the fake Slack's hook: it runs for every Web API call and
// response_url post.
func (t *tracker) onCall(c slacktest.Call) {
	t.mu.Lock()
	defer t.mu.Unlock()
	var rec *record
	var target string
	switch c.Method {
	case slacktest.MethodResponseURL:
		target = strings.TrimPrefix(c.Path, "/response/")
		if rec = t.byEnv[target]; rec == nil {
			t.orphans[target] = append(t.orphans[target], c)
			return
		}
	case "chat.postMessage", "chat.update", "chat.postEphemeral", "views.publish":
		target = c.Params["channel"]
		uid := ownerOf(c.Method, c.Params)
		u := t.users[uid]
		if u == nil {
			t.extra++
			return
		}
		if rec = u.current; rec == nil {
			rec = u.last
		}
		if rec == nil {
			t.extra++
			return
		}
		if c.Method == "views.publish" || c.Method == "chat.postEphemeral" {
			target = uid
		}
	default:
		return // auth.test, conversations.open, users.info…: not a reply
	}
	t.applyLocked(rec, c, target)
}

// ownerOf names the virtual user a reply call is for.
func ownerOf(method string, p map[string]string) string {
	switch method {
	case "views.publish":
		return p["user_id"]
	case "chat.postEphemeral":
		return p["user"]
	}
	ch := p["channel"]
	switch {
	case strings.HasPrefix(ch, "D"):
		return ch[1:]
	case strings.HasPrefix(ch, "C") && len(ch) > 1:
		return "U" + ch[1:]
	}
	return ""
}

func (t *tracker) applyLocked(rec *record, c slacktest.Call, target string) {
	if c.Err != "" {
		t.failed[c.Method]++
	}
	key := c.Method + " " + target
	rec.replies[key]++
	rec.text = c.Params["text"]
	if rec.replies[key] > 1 {
		rec.twice = true
	}
	if rec.first.IsZero() {
		rec.first = c.At
	}
	if !rec.done.IsZero() || (rec.doneOn != "" && c.Method != rec.doneOn && c.Method != slacktest.MethodResponseURL) {
		return
	}
	rec.done = c.At
	u := rec.user
	if rec.kind == KindAssessStart || rec.kind == KindButton {
		u.click = t.nextClick(rec, c)
		rec.refused = rec.doneOn != "" && c.Method != rec.doneOn
	}
	if u.current == rec {
		u.current, u.last = nil, rec
		if u.assess && u.click == nil && u.starts >= maxStarts {
			// retired: a new user takes its place
		} else if u.assess {
			t.freeAssess = append(t.freeAssess, u)
		} else {
			t.free = append(t.free, u)
		}
	}
	close(rec.doneCh)
}

// nextClick finds the answer button of the question the bot just posted (the
// advisor), or makes one up (the baseline posts no questions).
func (t *tracker) nextClick(rec *record, c slacktest.Call) *answer {
	if t.advisor {
		return findAnswer(c.Params["blocks"])
	}
	if rec.kind == KindAssessStart {
		return &answer{actionID: "assess:answer:0", blockID: "answers", value: "baseline", left: baselineQuestions}
	}
	prev := rec.user.click
	if prev == nil || prev.left <= 1 {
		return nil
	}
	next := *prev
	next.left--
	return &next
}

// findAnswer returns the first "assess:answer:<i>" button in a message's
// blocks, nil if there is none (the result, or a hint).
func findAnswer(blocksJSON string) *answer {
	if blocksJSON == "" {
		return nil
	}
	var blocks []struct {
		BlockID  string `json:"block_id"`
		Elements []struct {
			ActionID string `json:"action_id"`
			Value    string `json:"value"`
		} `json:"elements"`
	}
	if err := json.Unmarshal([]byte(blocksJSON), &blocks); err != nil {
		return nil
	}
	for _, b := range blocks {
		for _, e := range b.Elements {
			if strings.HasPrefix(e.ActionID, "assess:answer:") {
				return &answer{actionID: e.ActionID, blockID: b.BlockID, value: e.Value}
			}
		}
	}
	return nil
}
