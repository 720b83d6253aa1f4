package assessment

import (
	"context"
	"reflect"
	"strconv"
	"strings"
	"testing"
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
