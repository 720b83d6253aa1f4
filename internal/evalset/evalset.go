// Package evalset scores the advisor's replies against a question set
// written by people who never saw the knowledge base (the shared
// development set, ../shared/eval/questions.yaml). It knows nothing of
// Slack or the knowledge base: a case is a message, a kind and substring
// rules, and a reply is the prose a person would read, buttons stripped.
package evalset

import (
	"fmt"
	"os"
	"strings"

	"gopkg.in/yaml.v3"
)

// Kinds of case.
const (
	KindAnswer  = "answer"  // the knowledge answers it
	KindCompare = "compare" // the side-by-side, or one row of it
	KindDecline = "decline" // the advisor should say it can't help
)

// Case is one message and what its reply must and must not say.
type Case struct {
	ID      string     `yaml:"id"`
	Q       string     `yaml:"q"`
	Kind    string     `yaml:"kind"`
	MustAny [][]string `yaml:"must_any"` // at least one string of each group
	MustNot []string   `yaml:"must_not"` // none of these
	Note    string     `yaml:"note"`
}

// Set is a whole question file.
type Set struct {
	Cases []Case `yaml:"cases"`
}

// Load reads a question file and checks every case is scorable.
func Load(path string) (*Set, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read question set: %w", err)
	}
	var s Set
	if err := yaml.Unmarshal(data, &s); err != nil {
		return nil, fmt.Errorf("parse question set %s: %w", path, err)
	}
	if len(s.Cases) == 0 {
		return nil, fmt.Errorf("question set %s: no cases (want a top-level cases: list)", path)
	}
	for i, c := range s.Cases {
		switch c.Kind {
		case KindAnswer, KindCompare, KindDecline:
		default:
			return nil, fmt.Errorf("question set %s: case %d (%s): unknown kind %q", path, i+1, c.ID, c.Kind)
		}
	}
	return &s, nil
}

// Verdict is how one reply scored.
type Verdict struct {
	Pass bool
	// Missing lists the must_any groups no string of which the reply holds.
	Missing [][]string
	// Forbidden lists the must_not strings the reply holds.
	Forbidden []string
	// ConfidentWrong: a decline case answered instead (no decline phrasing),
	// or one that quoted the numbers it must not.
	ConfidentWrong bool
}

// Score checks reply (prose only, buttons stripped) against c, with
// case-insensitive substring matches.
func (c Case) Score(reply string) Verdict {
	low := strings.ToLower(reply)
	var v Verdict
	for _, group := range c.MustAny {
		if !containsAny(low, group) {
			v.Missing = append(v.Missing, group)
		}
	}
	for _, s := range c.MustNot {
		if strings.Contains(low, strings.ToLower(s)) {
			v.Forbidden = append(v.Forbidden, s)
		}
	}
	v.Pass = len(v.Missing) == 0 && len(v.Forbidden) == 0
	if c.Kind == KindDecline {
		v.ConfidentWrong = !Declines(reply) || len(v.Forbidden) > 0
	}
	return v
}

func containsAny(low string, group []string) bool {
	for _, s := range group {
		if strings.Contains(low, strings.ToLower(s)) {
			return true
		}
	}
	return false
}

// declinePhrases are the common ways of saying "I can't help with that"
// that the shared set's README accepts.
var declinePhrases = []string{
	"don't know", "don’t know", "do not know", "couldn't find", "couldn’t find", "not sure",
	"can't help", "can’t help", "outside what i", "try asking", "sorry", "doesn't cover",
	"doesn’t cover", "does not cover", "not covered", "can't answer", "can’t answer",
	"cannot answer", "doesn't mention", "doesn’t mention", "does not mention", "doesn't say",
	"doesn’t say", "does not say", "only answer", "only help", "not able to help",
	"unable to help", "don't have info", "don’t have info", "do not have info", "no information",
}

// Declines reports whether reply says, in any common phrasing, that the
// advisor can't help.
func Declines(reply string) bool {
	return containsAny(strings.ToLower(reply), declinePhrases)
}
