package knowledge

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// file is the shape of one data file: any of the five top-level lists.
type file struct {
	Comparisons []*Comparison `yaml:"comparisons"`
	FAQ         []*Entry      `yaml:"faq"`
	Tips        []*Tip        `yaml:"tips"`
	Assessments []*Assessment `yaml:"assessments"`
	Pairs       []*Pair       `yaml:"pairs"`
}

// layer is one set of files; a later layer replaces items of an earlier one
// that have the same id and kind.
type layer struct {
	fsys   fs.FS
	label  func(name string) string // the Source recorded for a file
	source string                   // for error messages about the layer itself
}

// Load builds the knowledge base from the embedded data files and then, if
// dir is not empty, every *.yaml and *.yml file in dir. A file in dir adds
// items or replaces embedded items with the same id and kind, so operators
// can change content without a rebuild. The result is validated; on any
// problem Load returns a *ValidationError listing all of them.
func Load(dir string) (*Base, error) {
	layers, err := fileLayers(dir)
	if err != nil {
		return nil, err
	}
	return load(layers)
}

// fileLayers are the embedded files and then, if dir is not empty, dir's.
func fileLayers(dir string) ([]layer, error) {
	sub, err := fs.Sub(embedded, "data")
	if err != nil {
		return nil, fmt.Errorf("open embedded knowledge: %w", err)
	}
	layers := []layer{{fsys: sub, label: func(n string) string { return n }, source: "embedded"}}
	if dir != "" {
		info, err := os.Stat(dir)
		if err != nil {
			return nil, fmt.Errorf("open knowledge dir %s: %w", dir, err)
		}
		if !info.IsDir() {
			return nil, fmt.Errorf("open knowledge dir %s: not a directory", dir)
		}
		layers = append(layers, layer{
			fsys:   os.DirFS(dir),
			label:  func(n string) string { return filepath.Join(dir, n) },
			source: dir,
		})
	}
	return layers, nil
}

// LoadFS builds a knowledge base from the *.yaml and *.yml files at the root
// of fsys only, without the embedded files. Tests use it with fixtures.
func LoadFS(fsys fs.FS) (*Base, error) {
	return load([]layer{{fsys: fsys, label: func(n string) string { return n }, source: "fs"}})
}

// Lint loads and validates the embedded files plus those in dir, returning
// nil when everything is fine and a *ValidationError listing every problem
// otherwise. It backs `advisor kb lint [dir]`.
func Lint(dir string) error {
	_, err := Load(dir)
	return err
}

// merger collects items from the layers, keeping file order and replacing
// by id across layers.
type merger struct {
	base     *Base
	problems []Problem
	seen     map[string]int // kind+"\x00"+id -> layer number that set it
	pos      map[string]int // kind+"\x00"+id -> index in the kind's slice
}

func load(layers []layer) (*Base, error) {
	b, err := assemble(layers, nil)
	if err != nil {
		return nil, err
	}
	b.link()
	b.index = buildIndex(b)
	return b, nil
}

// assemble merges the layers, then extra entries as a last layer (see
// Extend), and validates the result, which is neither linked nor indexed.
func assemble(layers []layer, extra []*Entry) (*Base, error) {
	m := &merger{base: &Base{}, seen: map[string]int{}, pos: map[string]int{}}
	for n, l := range layers {
		names, err := dataFiles(l.fsys)
		if err != nil {
			return nil, fmt.Errorf("list knowledge files in %s: %w", l.source, err)
		}
		for _, name := range names {
			data, err := fs.ReadFile(l.fsys, name)
			if err != nil {
				return nil, fmt.Errorf("read knowledge file %s: %w", l.label(name), err)
			}
			m.addFile(n, l.label(name), data)
		}
	}
	addExtra(m, len(layers), extra)
	b := m.base
	problems := append(m.problems, validate(b)...)
	if len(problems) > 0 {
		return nil, &ValidationError{Problems: problems}
	}
	return b, nil
}

// dataFiles lists the YAML files at the root of fsys in name order.
func dataFiles(fsys fs.FS) ([]string, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		ext := strings.ToLower(path.Ext(e.Name()))
		if e.IsDir() || (ext != ".yaml" && ext != ".yml") {
			continue
		}
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return names, nil
}

// addFile decodes one file and merges its items.
func (m *merger) addFile(layerNo int, source string, data []byte) {
	var f file
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil && !errors.Is(err, io.EOF) {
		msg := strings.Join(strings.Fields(strings.ReplaceAll(err.Error(), "\n", "; ")), " ")
		m.problems = append(m.problems, Problem{File: source, Kind: "file", Message: "parse: " + msg})
		return
	}
	addItems(m, layerNo, source, kindComparison, f.Comparisons, &m.base.Comparisons, func(c *Comparison) string { c.Source = source; return c.ID })
	addItems(m, layerNo, source, kindFAQ, f.FAQ, &m.base.FAQ, func(e *Entry) string { e.Source = source; return e.ID })
	addItems(m, layerNo, source, kindTip, f.Tips, &m.base.Tips, func(t *Tip) string { t.Source = source; return t.ID })
	addItems(m, layerNo, source, kindAssessment, f.Assessments, &m.base.Assessments, func(a *Assessment) string { a.Source = source; return a.ID })
	addItems(m, layerNo, source, kindPair, f.Pairs, &m.base.Pairs, func(p *Pair) string { p.Source = source; return p.ID })
}

// addItems merges one kind of item of a file into the base: a new id is
// appended, an id an earlier layer had is replaced in place. stamp records
// the file on an item and returns its id.
func addItems[T any](m *merger, layerNo int, source, kind string, items []*T, into *[]*T, stamp func(*T) string) {
	for _, it := range items {
		if it == nil {
			continue
		}
		if i, ok := m.place(layerNo, source, kind, stamp(it), len(*into)); ok {
			*into = append(*into, it)
		} else if i >= 0 {
			(*into)[i] = it
		}
	}
}

// place decides what to do with an item: append it (ok), replace the item
// at index i (an earlier layer had the id), or drop it as a duplicate within
// the same layer (i < 0, a problem is recorded). Items without an id are
// appended so validation can report them.
func (m *merger) place(layerNo int, source, kind, id string, next int) (i int, ok bool) {
	if id == "" {
		return next, true
	}
	key := kind + "\x00" + id
	prev, seen := m.seen[key]
	if !seen {
		m.seen[key] = layerNo
		m.pos[key] = next
		return next, true
	}
	if prev == layerNo {
		m.problems = append(m.problems, Problem{File: source, Kind: kind, ID: id, Message: "duplicate id"})
		return -1, false
	}
	m.seen[key] = layerNo
	return m.pos[key], false
}
