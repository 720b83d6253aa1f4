package assessment

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"sort"
	"strings"

	"github.com/advisor-bot/advisor/knowledge"
)

// definitions holds a hash of each assessment's definition: what an
// answer means (the questions in order, their dimensions, their options in
// order with their scores). A session records its assessment's hash when
// it starts, and the step script refuses to go on under another: a session
// begun before a deploy that changed the questions is offered a restart,
// not scored against questions it was never asked, nor left stuck.
type definitions struct {
	all  string            // " id=hash id=hash", as the step script reads it
	byID map[string]string // assessment id → hash
}

func newDefinitions(kb *knowledge.Base) definitions {
	d := definitions{byID: map[string]string{}}
	if kb == nil {
		return d
	}
	for _, a := range kb.Assessments {
		d.byID[a.ID] = definitionHash(a)
	}
	ids := make([]string, 0, len(d.byID))
	for id := range d.byID {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var b strings.Builder
	for _, id := range ids {
		b.WriteString(" " + id + "=" + d.byID[id])
	}
	d.all = b.String()
	return d
}

// hash is a's recorded hash (computed afresh for one not in the base).
func (d definitions) hash(a *knowledge.Assessment) string {
	if h, ok := d.byID[a.ID]; ok {
		return h
	}
	return definitionHash(a)
}

// definitionHash hashes what gives an answer its meaning; titles, texts
// and bands may change under an open session.
func definitionHash(a *knowledge.Assessment) string {
	type question struct {
		Dimension string
		Options   []knowledge.Option
	}
	qs := make([]question, len(a.Questions))
	for i, q := range a.Questions {
		qs[i] = question{Dimension: q.Dimension, Options: q.Options}
	}
	b, _ := json.Marshal(qs)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:8])
}
