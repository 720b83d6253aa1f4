package main

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/advisor-bot/advisor/bot/slacktest"
)

func call(method string, params map[string]string) slacktest.Call {
	c := slacktest.Call{Method: method, Params: params, At: time.Now(), Status: 200}
	if method == slacktest.MethodResponseURL {
		c.Path = "/response/" + params["env"]
	}
	return c
}

func questionBlocks(t *testing.T) string {
	t.Helper()
	b, err := json.Marshal([]map[string]any{
		{"type": "section", "block_id": "q"},
		{"type": "actions", "block_id": "answers", "elements": []map[string]string{
			{"type": "button", "action_id": "assess:answer:0", "value": "DUA1:|run|0|0"},
			{"type": "button", "action_id": "assess:answer:1", "value": "DUA1:|run|0|1"},
		}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestTrackerMatchesRepliesToEnvelopes is long because it is one story:
// envelopes of every kind, and their replies arriving in every order.
func TestTrackerMatchesRepliesToEnvelopes(t *testing.T) {
	tests := []struct {
		name      string
		advisor   bool
		kind      Kind
		calls     func(u *vuser, env string) []slacktest.Call
		wantDone  bool
		wantTwice bool
	}{
		{name: "slash answered through its response_url", kind: KindSlash, advisor: true,
			calls: func(u *vuser, env string) []slacktest.Call {
				return []slacktest.Call{call(slacktest.MethodResponseURL, map[string]string{"env": env})}
			}, wantDone: true},
		{name: "another envelope's response_url does not count", kind: KindSlash, advisor: true,
			calls: func(u *vuser, env string) []slacktest.Call {
				return []slacktest.Call{call(slacktest.MethodResponseURL, map[string]string{"env": "other"})}
			}},
		{name: "mention answered in the user's channel", kind: KindFAQ, advisor: true,
			calls: func(u *vuser, env string) []slacktest.Call {
				return []slacktest.Call{call("chat.postMessage", map[string]string{"channel": u.userChannel()})}
			}, wantDone: true},
		{name: "home published for the user", kind: KindHome, advisor: true,
			calls: func(u *vuser, env string) []slacktest.Call {
				return []slacktest.Call{call("users.info", map[string]string{"user": u.id}),
					call("views.publish", map[string]string{"user_id": u.id})}
			}, wantDone: true},
		{name: "users.info is not an answer", kind: KindHome, advisor: true,
			calls: func(u *vuser, env string) []slacktest.Call {
				return []slacktest.Call{call("users.info", map[string]string{"user": u.id})}
			}},
		{name: "dm answered twice", kind: KindDM, advisor: true,
			calls: func(u *vuser, env string) []slacktest.Call {
				c := call("chat.postMessage", map[string]string{"channel": u.dmChannel()})
				return []slacktest.Call{c, c}
			}, wantDone: true, wantTwice: true},
		{name: "assessment start waits for the question", kind: KindAssessStart, advisor: true,
			calls: func(u *vuser, env string) []slacktest.Call {
				return []slacktest.Call{call("conversations.open", map[string]string{"users": u.id})}
			}},
		{name: "assessment start refused through response_url", kind: KindAssessStart, advisor: true,
			calls: func(u *vuser, env string) []slacktest.Call {
				return []slacktest.Call{call(slacktest.MethodResponseURL, map[string]string{"env": env})}
			}, wantDone: true},
		{name: "baseline start answered through response_url", kind: KindAssessStart,
			calls: func(u *vuser, env string) []slacktest.Call {
				return []slacktest.Call{call(slacktest.MethodResponseURL, map[string]string{"env": env})}
			}, wantDone: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := newTracker(tt.advisor)
			u, _ := tr.take(tt.kind)
			rec := &record{kind: tt.kind}
			tr.begin(u, rec)
			tr.sent(rec, "env1")
			for _, c := range tt.calls(u, "env1") {
				tr.onCall(c)
			}
			_, done, twice, _ := tr.snapshot(rec)
			if got := !done.IsZero(); got != tt.wantDone {
				t.Errorf("got done %v, want %v", got, tt.wantDone)
			}
			if twice != tt.wantTwice {
				t.Errorf("got twice %v, want %v", twice, tt.wantTwice)
			}
		})
	}
}

func TestTrackerResponseBeforeEnvelopeID(t *testing.T) {
	tr := newTracker(true)
	u, k := tr.take(KindSlash)
	rec := &record{kind: k}
	tr.begin(u, rec)
	tr.onCall(call(slacktest.MethodResponseURL, map[string]string{"env": "early"}))
	tr.sent(rec, "early")
	if _, done, _, _ := tr.snapshot(rec); done.IsZero() {
		t.Error("got not done, want the early response_url post counted")
	}
	if n := tr.extraReplies(); n != 0 {
		t.Errorf("got %d unmatched replies, want 0", n)
	}
}

func TestTrackerAssessmentClicksFollowQuestions(t *testing.T) {
	tr := newTracker(true)
	u, k := tr.take(KindButton)
	if k != KindAssessStart {
		t.Fatalf("got %s for a new user, want %s", k, KindAssessStart)
	}
	rec := &record{kind: k}
	tr.begin(u, rec)
	tr.sent(rec, "e1")
	tr.onCall(call("chat.postMessage", map[string]string{"channel": u.dmChannel(), "blocks": questionBlocks(t)}))
	u2, k2 := tr.take(KindButton)
	if u2 != u || k2 != KindButton {
		t.Fatalf("got %s for %s, want a click by %s", k2, u2.id, u.id)
	}
	if u.click.actionID != "assess:answer:0" || u.click.value != "DUA1:|run|0|0" || u.click.blockID != "answers" {
		t.Errorf("got click %+v, want the first answer button", u.click)
	}
	// The result has no answer buttons: the next pick starts again.
	rec2 := &record{kind: KindButton}
	tr.begin(u, rec2)
	tr.sent(rec2, "e2")
	tr.onCall(call("chat.update", map[string]string{"channel": u.dmChannel()}))
	if _, done, _, _ := tr.snapshot(rec2); !done.IsZero() {
		t.Fatal("got done on chat.update, want done on the next message")
	}
	tr.onCall(call("chat.postMessage", map[string]string{"channel": u.dmChannel(), "blocks": "[]"}))
	if _, k := tr.take(KindButton); k != KindAssessStart {
		t.Errorf("got %s after the result, want %s", k, KindAssessStart)
	}
}

func TestTrackerRetiresBusyAssessmentUsers(t *testing.T) {
	tr := newTracker(true)
	u, _ := tr.take(KindButton)
	for i := range maxStarts {
		env := "s" + string(rune('a'+i))
		rec := &record{kind: KindAssessStart}
		tr.begin(u, rec)
		tr.sent(rec, env)
		// Refused (say, rate-limited): no question, so no click to make.
		tr.onCall(call(slacktest.MethodResponseURL, map[string]string{"env": env}))
		if i == maxStarts-1 {
			break
		}
		if got, k := tr.take(KindButton); got != u || k != KindAssessStart {
			t.Fatalf("start %d: got %s by %s, want another start by %s", i+1, k, got.id, u.id)
		}
	}
	if got, _ := tr.take(KindButton); got == u {
		t.Errorf("got user %s again after %d starts, want a new user", u.id, maxStarts)
	}
}
