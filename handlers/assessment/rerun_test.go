package assessment

import (
	"context"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/advisor-bot/advisor/bot"
)

// A replica that dies after a step, before its reply is delivered, leaves
// the envelope to another, which runs the same delivery again: it must get
// the same answer and count nothing twice.
func TestReRunOfTheSameDeliveryCountsOnce(t *testing.T) {
	e := newEnv(t)
	e.startDM(t)
	other := e.service(t) // the replica that takes over
	ctx := context.Background()
	for q := range 4 {
		posts := e.sl.allPosts()
		last := posts[len(posts)-1]
		id := ActionAnswer + ":1"
		req := click("U1", last, id, buttonValue(t, last.M.Blocks, id))
		req.ID = "act:trigger-" + strconv.Itoa(q)
		first, err := e.svc.HandleAction(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		again, err := other.HandleAction(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(first, again) {
			t.Fatalf("question %d: re-run replied %q, first run %q: want the same", q+1, again.Text, first.Text)
		}
		if strings.Contains(again.Text, "already answered") {
			t.Fatalf("question %d: re-run of the same delivery treated as a double click", q+1)
		}
		if h := e.session(t, "DU1:"); h["q"] != strconv.Itoa(q+1) {
			t.Fatalf("after question %d and its re-run: session at q=%s ans=%q, want q=%d", q+1, h["q"], h["ans"], q+1)
		}
	}
	if h := e.session(t, "DU1:"); h["ans"] != "1,1,1,1" || h["st"] != "done" {
		t.Errorf("got answers %q (%s), want each counted once: 1,1,1,1 done", h["ans"], h["st"])
	}
	all, err := e.svc.outcomes(ctx, "U1", historyLen)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 1 {
		t.Errorf("got %d outcomes saved, want 1 (the last answer's re-run finishes the same run)", len(all))
	}
}

// An outcome that cannot be saved (its history key out of reach) while the
// delivery can run again fails the step before the result is posted, so
// the re-run saves it and posts the result once; it is not posted unsaved.
func TestUnsavedOutcomeIsRunAgainBeforeTheResult(t *testing.T) {
	e := newEnv(t)
	e.startDM(t)
	ctx := context.Background()
	for range 3 {
		e.answerByButton(t, e.svc, "U1", 1)
	}
	if err := e.rdb.Set(ctx, e.svc.keys.history("U1"), "not a list", 0).Err(); err != nil {
		t.Fatal(err)
	}
	posts := e.sl.allPosts()
	last := posts[len(posts)-1]
	id := ActionAnswer + ":1"
	req := click("U1", last, id, buttonValue(t, last.M.Blocks, id))
	req.ID = "act:trigger-last"
	if _, err := e.svc.HandleAction(bot.RetriableContext(ctx), req); err == nil {
		t.Fatal("got no error while the outcome could not be saved, want one (to run again)")
	}
	results := func() int {
		n := 0
		for _, p := range e.sl.allPosts() {
			if strings.Contains(text(p.M), "your result") {
				n++
			}
		}
		return n
	}
	if n := results(); n != 0 {
		t.Fatalf("got %d results posted with the outcome unsaved, want none before the re-run", n)
	}
	if err := e.rdb.Del(ctx, e.svc.keys.history("U1")).Err(); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.HandleAction(bot.RetriableContext(ctx), req); err != nil {
		t.Fatal(err)
	}
	all, err := e.svc.outcomes(ctx, "U1", historyLen)
	if err != nil {
		t.Fatal(err)
	}
	if n := results(); n != 1 || len(all) != 1 {
		t.Errorf("after the re-run: %d results posted and %d outcomes saved, want 1 and 1", n, len(all))
	}
}
