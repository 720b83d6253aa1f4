package assessment

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/handlers/blockkit"
	"github.com/advisor-bot/advisor/knowledge"
)

// While an assessment runs in someone's DM, what they type is still
// answered as usual unless it is an answer: an option's number, its whole
// label or a near miss of one (and back, restart, cancel).
func TestDMDuringAnAssessment(t *testing.T) {
	e := newEnv(t)
	e.startDM(t)
	ctx := context.Background()
	for _, text := range []string{"help", "compare", "tips subscribe", "assess",
		"who should I hire first, I'm not technical?", "How often do you talk to customers?", "every", "flurble", ""} {
		r, handled, err := e.svc.HandleMessage(ctx, reply("U1", "DU1", "", text))
		if err != nil || handled {
			t.Errorf("%q: got handled %v (%q), err %v, want it routed as usual", text, handled, r.Text, err)
		}
	}
	if h := e.session(t, "DU1:"); h["q"] != "0" || h["ans"] != "" {
		t.Fatalf("got q=%s ans=%q, want nothing recorded", h["q"], h["ans"])
	}
	steps := []struct {
		text, wantQ, wantAns string
		hint                 bool
	}{
		{"99", "0", "", true},                     // a number is meant as an answer: the hint
		{"evry week", "1", "2", false},            // a near miss of a label
		{"I run demos myself", "2", "2,1", false}, // the whole label
		{"2", "3", "2,1,1", false},
	}
	for _, st := range steps {
		r, handled, err := e.svc.HandleMessage(ctx, reply("U1", "DU1", "", st.text))
		if err != nil || !handled || strings.Contains(replyText(r), "couldn't match") != st.hint {
			t.Fatalf("%q: got %q handled %v err %v, want an answer (hint %v)", st.text, replyText(r), handled, err, st.hint)
		}
		if h := e.session(t, "DU1:"); h["q"] != st.wantQ || h["ans"] != st.wantAns {
			t.Fatalf("%q: got q=%s ans=%q, want q=%s ans=%q", st.text, h["q"], h["ans"], st.wantQ, st.wantAns)
		}
	}
}

// Someone chatting in another's assessment thread is told once that it is
// not theirs, not on every message.
func TestOthersInTheThreadAreToldOnce(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	th := "1700000000.000001"
	if _, err := e.svc.Start(ctx, &bot.Request{Kind: bot.KindMention, UserID: "U1", ChannelID: "C1", MessageTS: th}, "founder-fit"); err != nil {
		t.Fatal(err)
	}
	for _, u := range []string{"U2", "U3"} {
		notices := 0
		for _, text := range []string{"1", "nice one", "what's this?", "2"} {
			r, handled, err := e.svc.HandleMessage(ctx, reply(u, "C1", th, text))
			if err != nil || !handled {
				t.Fatalf("%s %q: handled %v err %v", u, text, handled, err)
			}
			if strings.Contains(r.Text, "someone else") {
				notices++
			} else if !r.Empty() {
				t.Errorf("%s %q: got %q, want nothing", u, text, r.Text)
			}
		}
		if notices != 1 {
			t.Errorf("%s got %d notices, want 1", u, notices)
		}
	}
	if h := e.session(t, "C1:"+th); h["q"] != "0" {
		t.Errorf("got q=%s, want the owner's session untouched", h["q"])
	}
}

// A session begun under one definition of an assessment is not scored nor
// stuck under another (a deploy changed the questions): every step but
// cancel offers a fresh start instead, and changes nothing.
func TestChangedDefinitionOffersARestart(t *testing.T) {
	moreQuestions := strings.Replace(fixture, "      - id: q4\n", "      - id: q3b\n        text: Do you ship weekly?\n        dimension: product\n"+
		"        options:\n          - {label: \"No\", score: 0}\n          - {label: \"Yes\", score: 0}\n      - id: q4\n", 1)
	tests := []struct {
		name          string
		before, after string
	}{
		{"options reordered", fixture, strings.Replace(fixture, "          - {label: I avoid demos, score: 0}\n          - {label: I run demos myself, score: 1}",
			"          - {label: I run demos myself, score: 1}\n          - {label: I avoid demos, score: 0}", 1)},
		{"an option fewer", fixture, strings.Replace(fixture, "          - {label: I run demos myself, score: 1}\n", "", 1)},
		{"a question more", fixture, moreQuestions},
		{"a question fewer", moreQuestions, fixture},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			load := func(f string) *knowledge.Base {
				kb, err := knowledge.LoadFS(fstest.MapFS{"fixture.yaml": {Data: []byte(f)}})
				if err != nil {
					t.Fatalf("load the fixture: %v", err)
				}
				return kb
			}
			if tt.before == tt.after {
				t.Fatal("the change did not apply to the fixture")
			}
			e := newEnv(t)
			e.kb = load(tt.before)
			e.svc = e.service(t)
			e.startDM(t)
			e.answerByButton(t, e.svc, "U1", 2)
			kb := load(tt.after)
			e.kb = kb
			deployed := e.service(t)
			ctx := context.Background()
			q := e.sl.last(t)
			id := ActionAnswer + ":1"
			for what, r := range map[string]func() (bot.Reply, error){
				"a click on the question": func() (bot.Reply, error) {
					return deployed.HandleAction(ctx, click("U1", q, id, buttonValue(t, q.M.Blocks, id)))
				},
				"a typed answer": func() (bot.Reply, error) {
					r, _, err := deployed.HandleMessage(ctx, reply("U1", "DU1", "", "2"))
					return r, err
				},
				"back": func() (bot.Reply, error) {
					r, _, err := deployed.HandleMessage(ctx, reply("U1", "DU1", "", "back"))
					return r, err
				},
			} {
				got, err := r()
				if err != nil || !strings.Contains(got.Text, "changed since you started") || buttonValue(t, got.Blocks, blockkit.ActionAssessStart) != "founder-fit" {
					t.Errorf("%s: got %q (%v), want the offer to start again", what, got.Text, err)
				}
			}
			if h := e.session(t, "DU1:"); h["q"] != "1" || h["ans"] != "2" || h["st"] != "active" {
				t.Fatalf("got q=%s ans=%q st=%s, want the session as it was", h["q"], h["ans"], h["st"])
			}
			if _, _, err := deployed.HandleMessage(ctx, reply("U1", "DU1", "", "cancel")); err != nil {
				t.Fatal(err)
			}
			if h := e.session(t, "DU1:"); h["st"] != "cancelled" {
				t.Fatalf("got st=%s, want cancel to work on an outdated session", h["st"])
			}
		})
	}
}
