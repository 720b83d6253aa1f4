package knowledge

import (
	"testing"
	"testing/fstest"
)

// TestExamplesReadStoryAndQuestionApart checks that a message with a story
// and a question matches the entry whose situation reads like the story
// and whose phrasing reads like the question, over one that shares
// scattered words of both.
func TestExamplesReadStoryAndQuestionApart(t *testing.T) {
	const kb = `faq:
  - id: split-is-normal
    question: "Is it normal for two founders to divide the work this way?"
    alternates: ["Is our division of work normal?"]
    situations: ["I run every sales call and my cofounder writes all the code"]
    short: "Yes."
    long: "Yes, early on."
  - id: sales-calls
    question: "How do I run a good sales call?"
    alternates: ["I run every sales call and demo and my cofounder writes all the code: is our division of work normal?"]
    short: "Prepare."
    long: "Prepare well."
  - id: code-review
    question: "How should all the code my cofounder writes be reviewed?"
    short: "Review it."
    long: "Review it well."
`
	b, err := LoadFS(fstest.MapFS{"kb.yaml": {Data: []byte(kb)}})
	if err != nil {
		t.Fatal(err)
	}
	q := "I run every sales call and my cofounder writes all the code. Is our division of work normal?"
	ix := b.index
	s := ix.newScratch()
	ix.rank(s, q)
	want, other := -1, -1
	for d, doc := range ix.docs {
		switch doc.entry.ID {
		case "split-is-normal":
			want = d
		case "sales-calls":
			other = d
		}
	}
	if s.ex[want] <= s.ex[other] {
		t.Errorf("closest-example cosine: split-is-normal %.2f, sales-calls %.2f; want the story and question read apart to favour the first", s.ex[want], s.ex[other])
	}
	if s.exCtx[want] == 0 || s.exAsk[want] == 0 {
		t.Errorf("story %.2f, question %.2f: want both read against split-is-normal", s.exCtx[want], s.exAsk[want])
	}
}
