package drafts

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/handlers/blockkit"
	"github.com/advisor-bot/advisor/internal/redistest"
)

// fakeViews records the modals opened.
type fakeViews struct {
	mu    sync.Mutex
	views []slack.ModalViewRequest
}

func (f *fakeViews) OpenView(_ context.Context, trigger string, v slack.ModalViewRequest) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.views = append(f.views, v)
	return "V1", nil
}

func (f *fakeViews) last(t *testing.T) slack.ModalViewRequest {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.views) == 0 {
		t.Fatal("no modal opened")
	}
	return f.views[len(f.views)-1]
}

// initial is the initial value of the modal's input in block id.
func initial(v slack.ModalViewRequest, id string) string {
	for _, b := range v.Blocks.BlockSet {
		if in, ok := b.(*slack.InputBlock); ok && in.BlockID == id {
			return in.Element.(*slack.PlainTextInputBlockElement).InitialValue
		}
	}
	return "<none>"
}

func withViews(t *testing.T) (*Service, *fakeViews) {
	t.Helper()
	rdb, prefix := redistest.New(t)
	fv := &fakeViews{}
	s := replica(t, rdb, prefix, WithSyncApply())
	s.sl = fv
	return s, fv
}

func render(t *testing.T, r bot.Reply) string {
	t.Helper()
	return r.Text + "\n" + plainJSON(t, r.Blocks)
}

// plainJSON is v as JSON without HTML escaping, to search in.
func plainJSON(t *testing.T, v any) string {
	t.Helper()
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func click(user, action, value string) *bot.Request {
	return &bot.Request{Kind: bot.KindAction, UserID: user, ActionID: action, ActionValue: value, TriggerID: "T1", ResponseURL: "https://hooks/x"}
}

func TestOnlyAdminsReviewPublishAndEdit(t *testing.T) {
	s, fv := withViews(t)
	if err := s.AddDraft(ctx(t), draftFor("r1")); err != nil {
		t.Fatal(err)
	}
	ds, _, _ := s.Latest(ctx(t), 1)
	for _, r := range []func() (bot.Reply, error){
		func() (bot.Reply, error) { return s.Handle(ctx(t), &bot.Request{UserID: "U1"}, nil) },
		func() (bot.Reply, error) { return s.HandleAction(ctx(t), click("U1", ActionPublish, ds[0].ID)) },
		func() (bot.Reply, error) { return s.HandleAction(ctx(t), click("U1", ActionEdit, ds[0].ID)) },
		func() (bot.Reply, error) {
			return s.KB().Handle(ctx(t), &bot.Request{UserID: "U1"}, []string{"edit", "cto-compensation"})
		},
	} {
		if reply, err := r(); err != nil || !strings.Contains(reply.Text, "Only the advisor's admins") {
			t.Errorf("got %q (%v), want admins only", reply.Text, err)
		}
	}
	sub := &bot.Request{Kind: bot.KindViewSubmission, UserID: "U1", CallbackID: CallbackEdit, PrivateMetadata: `{"d":"` + ds[0].ID + `"}`,
		Values: bot.Form{fieldQuestion: {Value: "q"}, fieldShort: {Value: "a"}, fieldLong: {Value: "b"}}}
	if reply, _ := s.HandleCallback(ctx(t), sub); reply.View == nil || reply.View.Errors[fieldQuestion] == "" {
		t.Errorf("got %+v, want a forged submission refused under the question", reply.View)
	}
	if _, total, _ := s.Latest(ctx(t), 1); total != 1 || len(fv.views) != 0 {
		t.Error("a non-admin changed something")
	}
	if blocks, _ := s.HomeBlocks(ctx(t), "U1"); blocks != nil {
		t.Error("a non-admin's App Home shows the drafts")
	}
}

func TestDraftsListPublishAndDiscard(t *testing.T) {
	s, _ := withViews(t)
	d := draftFor("r1")
	d.Question = "Should <!channel> know our CTO's pay?"
	if err := s.AddDraft(ctx(t), d); err != nil {
		t.Fatal(err)
	}
	newer := draftFor("r2")
	newer.At = newer.At.Add(time.Minute)
	if err := s.AddDraft(ctx(t), newer); err != nil {
		t.Fatal(err)
	}
	list, err := s.Handle(ctx(t), &bot.Request{UserID: "UADMIN"}, nil)
	got := render(t, list)
	if err != nil || !strings.Contains(got, "Drafts to review* (2") || strings.Contains(got, "<!channel>") || !strings.Contains(got, "&lt;!channel&gt;") ||
		!strings.Contains(strings.NewReplacer(`\u003c`, "<", `\u003e`, ">").Replace(got), "Answered by <@UEXP> for <@UASK>") {
		t.Fatalf("got %s (%v)", got, err)
	}
	ds, _, _ := s.Latest(ctx(t), 2)
	reply, err := s.HandleAction(ctx(t), click("UADMIN", ActionPublish, ds[1].ID))
	if err != nil || !reply.ReplaceOriginal || !strings.Contains(render(t, reply), "Published *Should &lt;!channel&gt;") || !strings.Contains(render(t, reply), "Drafts to review* (1") {
		t.Fatalf("got %s (%v), want the list redrawn under the news", render(t, reply), err)
	}
	if _, ok := s.live.Base().Entry("team-should-channel-know-our-cto-s"); !ok {
		t.Error("the published entry is not in the live base")
	}
	var homeChanged bool
	home := click("UADMIN", ActionDiscard, ds[0].ID)
	home.OnHome, home.ResponseURL = true, ""
	reply, err = s.HandleAction(blockkit.WithHomeChanged(ctx(t), func() { homeChanged = true }), home)
	if err != nil || !reply.Empty() || !homeChanged {
		t.Errorf("got %+v (%v), home changed %v: want the Home drawn again", reply, err, homeChanged)
	}
	if reply, _ := s.HandleAction(ctx(t), click("UADMIN", ActionPublish, ds[0].ID)); !strings.Contains(reply.Text, "already published or discarded") {
		t.Errorf("got %q for a discarded draft", reply.Text)
	}
	blocks, err := s.HomeBlocks(ctx(t), "UADMIN")
	b := plainJSON(t, blocks)
	if err != nil || !strings.Contains(b, "Drafts to review* (0) · 1 published by your team") || !strings.Contains(b, "Published lately") {
		t.Errorf("got %s (%v)", b, err)
	}
}

func TestEditModalShowsTextAsTypedAndRefusesWhatLintRefuses(t *testing.T) {
	s, fv := withViews(t)
	d := draftFor("r1")
	d.Short = "Pay <b>nights</b> & weekends."
	if err := s.AddDraft(ctx(t), d); err != nil {
		t.Fatal(err)
	}
	ds, _, _ := s.Latest(ctx(t), 1)
	if _, err := s.HandleAction(ctx(t), click("UADMIN", ActionEdit, ds[0].ID)); err != nil {
		t.Fatal(err)
	}
	v := fv.last(t)
	if got := initial(v, fieldShort); got != "Pay <b>nights</b> & weekends." {
		t.Errorf("got %q in the plain-text input, want the text as typed", got)
	}
	if got := initial(v, fieldAlternates); got != onCall {
		t.Errorf("got alternates %q, want the asker's question", got)
	}
	submit := func(values map[string]string) bot.Reply {
		f := bot.Form{}
		for k, val := range values {
			f[k] = bot.Field{Value: val}
		}
		reply, err := s.HandleCallback(ctx(t), &bot.Request{Kind: bot.KindViewSubmission, UserID: "UADMIN", CallbackID: CallbackEdit, PrivateMetadata: v.PrivateMetadata, Values: f})
		if err != nil {
			t.Fatal(err)
		}
		return reply
	}
	bad := submit(map[string]string{fieldQuestion: onCall, fieldShort: strings.Repeat("x", 301), fieldLong: "ok", fieldRelated: "nope, cto-compensation"})
	if bad.View == nil || !strings.Contains(bad.View.Errors[fieldShort], "at most 300") || !strings.Contains(bad.View.Errors[fieldRelated], `"nope" does not exist`) {
		t.Fatalf("got %+v, want the lint's reasons under short and related", bad.View)
	}
	if v, _ := s.st.version(ctx(t)); v != 0 {
		t.Fatal("a refused edit was written")
	}
	ok := submit(map[string]string{fieldQuestion: onCall, fieldAlternates: "on call rota?\n\non call rota?", fieldShort: "Two a week & a handover.",
		fieldLong: "Primary <and> secondary.", fieldRelated: "cto-compensation"})
	if ok.View == nil || ok.View.ResponseAction != slack.RAUpdate {
		t.Fatalf("got %+v, want the modal updated to say it is published", ok.View)
	}
	e, found := s.live.Base().Entry("team-how-do-we-run-on-call")
	if !found || e.Short != "Two a week &amp; a handover." || e.Long != "Primary &lt;and&gt; secondary." || len(e.Alternates) != 1 || e.Related[0] != "cto-compensation" {
		t.Errorf("got %+v, want the edit, escaped", e)
	}
}

func TestKBEditOverridesABuiltInEntry(t *testing.T) {
	s, fv := withViews(t)
	if reply, _ := s.KB().Handle(ctx(t), &bot.Request{UserID: "UADMIN"}, []string{"edit", "Nope<"}); !strings.Contains(reply.Text, "no entry `nope&lt;`") {
		t.Errorf("got %q", reply.Text)
	}
	typed, _ := s.KB().Handle(ctx(t), &bot.Request{UserID: "UADMIN"}, []string{"edit", "cto-compensation"})
	if !strings.Contains(render(t, typed), `"value":"entry:cto-compensation"`) {
		t.Errorf("got %s, want an Edit button where no modal can open", render(t, typed))
	}
	if _, err := s.KB().Handle(ctx(t), &bot.Request{UserID: "UADMIN", TriggerID: "T1"}, []string{"edit", "cto-compensation"}); err != nil {
		t.Fatal(err)
	}
	v := fv.last(t)
	cur, _ := builtIn(t).Entry("cto-compensation")
	if initial(v, fieldQuestion) != cur.Question || initial(v, fieldLong) != cur.Long {
		t.Fatalf("got %q, want the built-in entry filled in", initial(v, fieldQuestion))
	}
	f := bot.Form{fieldQuestion: {Value: cur.Question}, fieldAlternates: {Value: strings.Join(cur.Alternates, "\n")}, fieldShort: {Value: "Our own range."},
		fieldLong: {Value: cur.Long}, fieldRelated: {Value: strings.Join(cur.Related, ",")}}
	reply, err := s.HandleCallback(ctx(t), &bot.Request{Kind: bot.KindViewSubmission, UserID: "UADMIN", CallbackID: CallbackEdit, PrivateMetadata: v.PrivateMetadata, Values: f})
	if err != nil || reply.View == nil || reply.View.ResponseAction != slack.RAUpdate {
		t.Fatalf("got %+v (%v)", reply.View, err)
	}
	e, _ := s.live.Base().Entry("cto-compensation")
	ps, _ := s.Published(ctx(t))
	if e.Short != "Our own range." || len(e.Figures) != len(cur.Figures) || len(ps) != 1 || !ps[0].Override {
		t.Errorf("got %q, %d figures, %+v; want an override keeping the figures", e.Short, len(e.Figures), ps)
	}
}
