package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Kind is what one envelope does, from the user's side.
type Kind string

// The envelope kinds a mix can name. KindAssessStart is not named in a mix:
// a "button" pick sends it when the virtual user has no question to answer.
const (
	KindSlash       Kind = "slash"        // /ceo-vs-cto compare | help
	KindFAQ         Kind = "faq"          // @advisor <question> in a channel
	KindDM          Kind = "dm"           // <question> in the DM
	KindButton      Kind = "button"       // an assessment answer button
	KindHome        Kind = "home"         // app_home_opened
	KindAssessStart Kind = "assess-start" // /ceo-vs-cto assess first-seat
)

// mixKinds are the kinds a -mix may weigh, in report order.
var mixKinds = []Kind{KindSlash, KindFAQ, KindDM, KindButton, KindHome}

// Mix weighs the kinds of a load.
type Mix map[Kind]int

// ParseMix reads "slash=40,faq=30,dm=10,button=10,home=10".
func ParseMix(s string) (Mix, error) {
	m := Mix{}
	total := 0
	for part := range strings.SplitSeq(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		name, w, ok := strings.Cut(part, "=")
		if !ok {
			return nil, fmt.Errorf("mix entry %q: want kind=weight", part)
		}
		k := Kind(strings.TrimSpace(name))
		if !validMixKind(k) {
			return nil, fmt.Errorf("mix entry %q: unknown kind %q (want slash, faq, dm, button, home)", part, k)
		}
		n, err := strconv.Atoi(strings.TrimSpace(w))
		if err != nil || n < 0 {
			return nil, fmt.Errorf("mix entry %q: weight must be a whole number ≥ 0", part)
		}
		m[k] += n
		total += n
	}
	if total == 0 {
		return nil, fmt.Errorf("mix %q: no weight above 0", s)
	}
	return m, nil
}

func validMixKind(k Kind) bool {
	for _, x := range mixKinds {
		if x == k {
			return true
		}
	}
	return false
}

// String is the mix in the -mix syntax, kinds in report order.
func (m Mix) String() string {
	var parts []string
	for _, k := range mixKinds {
		if m[k] > 0 {
			parts = append(parts, fmt.Sprintf("%s=%d", k, m[k]))
		}
	}
	return strings.Join(parts, ",")
}

// Sequence draws n kinds from the mix with a fixed seed, so the baseline and
// the advisor get the same load.
func (m Mix) Sequence(n int, seed uint64) []Kind {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	total := 0
	for _, k := range mixKinds {
		total += m[k]
	}
	out := make([]Kind, n)
	for i := range out {
		x := r.IntN(total)
		for _, k := range mixKinds {
			if x < m[k] {
				out[i] = k
				break
			}
			x -= m[k]
		}
	}
	return out
}

// fallbackQuestions are used when knowledge/testdata/eval.yaml is missing.
var fallbackQuestions = []string{
	"whats the actual diff between ceo and cto",
	"ceo first or cto first for a new startup?",
	"how much is a cto gonna cost me",
	"can i just be ceo AND cto for now",
}

// loadQuestions takes the FAQ phrasings of the retrieval evaluation set.
func loadQuestions(root string) ([]string, error) {
	path := filepath.Join(root, "knowledge", "testdata", "eval.yaml")
	raw, err := os.ReadFile(path)
	if err != nil {
		return fallbackQuestions, fmt.Errorf("read %s: %w", path, err)
	}
	var doc struct {
		Questions []struct {
			Q string `yaml:"q"`
		} `yaml:"questions"`
	}
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		return fallbackQuestions, fmt.Errorf("parse %s: %w", path, err)
	}
	var qs []string
	for _, q := range doc.Questions {
		if t := strings.TrimSpace(q.Q); t != "" {
			qs = append(qs, t)
		}
	}
	if len(qs) == 0 {
		return fallbackQuestions, fmt.Errorf("%s: no questions", path)
	}
	sort.Strings(qs) // a stable order whatever the file's
	return qs, nil
}

// moduleRoot walks up from dir to the folder holding go.mod.
func moduleRoot(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("module root: %w", err)
	}
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("no go.mod above %s", dir)
		}
	}
}
