package knowledge

import (
	"bytes"
	"fmt"

	"gopkg.in/yaml.v3"
)

// exported is one FAQ entry as a data file holds it, empty fields left out.
type exported struct {
	ID         string   `yaml:"id"`
	Question   string   `yaml:"question"`
	Alternates []string `yaml:"alternates,omitempty"`
	Situations []string `yaml:"situations,omitempty"`
	Short      string   `yaml:"short"`
	Long       string   `yaml:"long,omitempty"`
	Related    []string `yaml:"related,omitempty"`
	Tags       []string `yaml:"tags,omitempty"`
	Gap        bool     `yaml:"gap,omitempty"`
	Help       bool     `yaml:"help,omitempty"`
	Figures    []Figure `yaml:"figures,omitempty"`
	Answered   string   `yaml:"answered,omitempty"`
}

// EncodeEntries writes entries as one data file (a `faq:` list) that
// `advisor kb lint` reads and KNOWLEDGE_DIR loads: a team keeps what it
// published at run time in git this way, and an entry with a built-in
// entry's id replaces it there as it did at run time.
func EncodeEntries(entries []*Entry) ([]byte, error) {
	out := struct {
		FAQ []exported `yaml:"faq"`
	}{FAQ: make([]exported, 0, len(entries))}
	for _, e := range entries {
		out.FAQ = append(out.FAQ, exported{ID: e.ID, Question: e.Question, Alternates: e.Alternates, Situations: e.Situations,
			Short: e.Short, Long: e.Long, Related: e.Related, Tags: e.Tags, Gap: e.Gap, Help: e.Help, Figures: e.Figures, Answered: e.Answered})
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(out); err != nil {
		return nil, fmt.Errorf("encode %d entries: %w", len(entries), err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("encode %d entries: %w", len(entries), err)
	}
	return buf.Bytes(), nil
}
