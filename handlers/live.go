package handlers

import "github.com/advisor-bot/advisor/knowledge"

// KnowledgeSource is the knowledge base in use when it can change at run
// time (a *knowledge.Live, which handlers/drafts rebuilds when entries are
// published): the router reads it at each use, so a search sees one whole
// base.
type KnowledgeSource interface {
	Base() *knowledge.Base
}

// WithKnowledge makes the router answer from src's base instead of the one
// NewRouter was given.
func WithKnowledge(src KnowledgeSource) Option { return func(r *Router) { r.live = src } }

// base is the knowledge base to answer from now.
func (r *Router) base() *knowledge.Base {
	if r.live != nil {
		return r.live.Base()
	}
	return r.kb
}
