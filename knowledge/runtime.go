package knowledge

import (
	"sync/atomic"
	"time"
)

// SourcePublished is the Source of the entries Extend adds: published at
// run time (by the advisor's admins, from Slack), not read from a file.
const SourcePublished = "published"

// Live is the knowledge base in use, swapped whole when entries are
// published at run time: a search holds the Base it started with and
// never sees one half built. The zero Live holds nothing; use NewLive.
type Live struct {
	p atomic.Pointer[Base]
}

// NewLive holds b.
func NewLive(b *Base) *Live {
	l := &Live{}
	l.p.Store(b)
	return l
}

// Base is the knowledge base in use now.
func (l *Live) Base() *Base { return l.p.Load() }

// Store makes b the knowledge base in use.
func (l *Live) Store(b *Base) { l.p.Store(b) }

// Extend builds the knowledge base Load(dir) builds with extra entries as
// one more layer on top: an entry with a built-in entry's id replaces it
// (an override), any other is added. The whole is validated exactly as
// `advisor kb lint` validates files, and on any problem Extend returns a
// *ValidationError naming them (the extra entries' File is
// SourcePublished). extra is not modified. Building the index takes a
// while at thousands of entries: call it off the request path.
func Extend(dir string, extra []*Entry) (*Base, error) {
	b, err := extended(dir, extra)
	if err != nil {
		return nil, err
	}
	b.link()
	b.index = buildIndex(b)
	return b, nil
}

// CheckExtended validates what Extend would build, without indexing it:
// quick enough to answer a form with.
func CheckExtended(dir string, extra []*Entry) error {
	_, err := extended(dir, extra)
	return err
}

func extended(dir string, extra []*Entry) (*Base, error) {
	layers, err := fileLayers(dir)
	if err != nil {
		return nil, err
	}
	return assemble(layers, extra)
}

// addExtra merges run-time entries as layer layerNo, each a copy stamped
// SourcePublished.
func addExtra(m *merger, layerNo int, extra []*Entry) {
	if len(extra) == 0 {
		return
	}
	copies := make([]*Entry, 0, len(extra))
	for _, e := range extra {
		if e != nil {
			c := *e
			copies = append(copies, &c)
		}
	}
	addItems(m, layerNo, SourcePublished, kindFAQ, copies, &m.base.FAQ, func(e *Entry) string { e.Source = SourcePublished; return e.ID })
}

// validateAnswered checks the day an entry was answered by the team.
func validateAnswered(c checker, e *Entry) {
	if e.Answered == "" {
		return
	}
	if _, err := time.Parse(time.DateOnly, e.Answered); err != nil {
		c.addf("answered %q: want a date such as %s", e.Answered, time.Date(2026, 5, 4, 0, 0, 0, 0, time.UTC).Format(time.DateOnly))
	}
}

// AnsweredOn is the day the team answered e, if it says (Answered).
func (e *Entry) AnsweredOn() (time.Time, bool) {
	if e.Answered == "" {
		return time.Time{}, false
	}
	t, err := time.Parse(time.DateOnly, e.Answered)
	return t, err == nil
}
