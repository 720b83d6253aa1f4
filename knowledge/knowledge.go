// Package knowledge holds what the advisor knows: role comparisons, FAQ
// entries, tips and assessments, loaded from embedded YAML files (and
// optionally a directory on disk), validated, and searched; and paired
// assessments for two co-founders (Pair, Compare). Entries published at
// run time are one more layer over the files (Extend, checked first with
// CheckExtended, written back with EncodeEntries), held in a Live that the
// handlers swap whole. It is pure code:
// it owns no Redis keys and no action ids, and must not import slack-go,
// go-redis, bot, handlers or scheduler.
package knowledge

// Base is the whole validated knowledge base. Build one with Load; it is
// read-only afterwards and safe for concurrent use.
type Base struct {
	Comparisons []*Comparison
	FAQ         []*Entry
	Tips        []*Tip
	Assessments []*Assessment
	Pairs       []*Pair // paired assessments, for two co-founders

	byFAQ        map[string]*Entry
	byTip        map[string]*Tip
	byAssessment map[string]*Assessment
	byComparison map[string]*Comparison
	byPair       map[string]*Pair
	index        *index
}

// Role is one side of a comparison, such as the CEO.
type Role struct {
	Key   string `yaml:"key"`   // short lower-case key used in matching, e.g. "ceo"
	Name  string `yaml:"name"`  // display name, e.g. "CEO"
	Title string `yaml:"title"` // full title, e.g. "Chief Executive Officer"
}

// Comparison sets two roles side by side along named dimensions. More role
// pairs can be added as data files without code changes.
type Comparison struct {
	ID          string   `yaml:"id"`
	Title       string   `yaml:"title"`
	Summary     string   `yaml:"summary"`
	Left        Role     `yaml:"left"`
	Right       Role     `yaml:"right"`
	Rows        []Row    `yaml:"rows"`
	Convergence string   `yaml:"convergence"` // where the two seats meet
	Related     []string `yaml:"related"`     // FAQ entry ids
	Source      string   `yaml:"-"`           // file it was loaded from
}

// Row is one dimension of a comparison.
type Row struct {
	ID        string   `yaml:"id"`        // e.g. "background"
	Dimension string   `yaml:"dimension"` // e.g. "Typical background"
	Left      string   `yaml:"left"`
	Right     string   `yaml:"right"`
	Keywords  []string `yaml:"keywords"` // words that point a question at this row
}

// Entry is one FAQ answer.
type Entry struct {
	ID         string   `yaml:"id"`
	Question   string   `yaml:"question"`
	Alternates []string `yaml:"alternates"`
	// Situations are what people describe before asking, when this entry
	// is the advice they need ("I spend my days in the code and revenue is
	// flat"): they match the context of a long message.
	Situations []string `yaml:"situations"`
	Short      string   `yaml:"short"` // one or two sentences, shown first
	Long       string   `yaml:"long"`  // the fuller answer, mrkdwn
	Related    []string `yaml:"related"`
	Tags       []string `yaml:"tags"`
	// Gap marks a question people ask that the knowledge does not answer
	// (equity splits, pay outside the US): Short says so honestly, and the
	// reply is an "I don't know" that names what it can offer instead.
	Gap bool `yaml:"gap"`
	// Help marks a question about the advisor itself ("what can you do?"):
	// the reply is the help, as for a greeting.
	Help bool `yaml:"help"`
	// Figures let the answer apply its numbers to the asker's own: a base
	// salary in the question gets its fully loaded cost worked out.
	Figures []Figure `yaml:"figures"`
	// Answered is the day (2006-01-02) a person on the team answered the
	// question, for an entry that began as an expert's answer: the reply
	// says "Answered by your team" with it. See Extend.
	Answered string `yaml:"answered"`
	Source   string `yaml:"-"`
}

// Audience values used by tips and subscriptions.
const (
	AudienceFounder  = "founder"
	AudienceCEO      = "ceo"
	AudienceCTO      = "cto"
	AudienceTeamLead = "team-lead"
)

// Tip is a short, standalone, actionable nudge posted on a schedule.
type Tip struct {
	ID       string   `yaml:"id"`
	Text     string   `yaml:"text"`     // mrkdwn, at most 500 characters
	Topic    string   `yaml:"topic"`    // e.g. "selling", "product-thinking", "hiring", "ai", "cost"
	Audience []string `yaml:"audience"` // any of founder, ceo, cto, team-lead
	Related  string   `yaml:"related"`  // FAQ entry id for "Tell me more"
	Source   string   `yaml:"-"`
}

// Assessment is a short scored questionnaire that ends in a recommendation.
type Assessment struct {
	ID       string   `yaml:"id"`
	Title    string   `yaml:"title"`
	Summary  string   `yaml:"summary"`
	Audience []string `yaml:"audience"`
	// HighIsWeak says a higher score points at a problem (more hiding in the
	// code, more strain on the founders), so advice starts with the
	// highest-scoring dimensions instead of the lowest.
	HighIsWeak bool        `yaml:"high_is_weak"`
	Dimensions []Dimension `yaml:"dimensions"`
	Questions  []Question  `yaml:"questions"` // 4 to 7
	Bands      []Band      `yaml:"bands"`     // cover every possible total score
	Source     string      `yaml:"-"`
}

// Dimension is a facet an assessment scores separately, e.g. "selling".
type Dimension struct {
	ID    string `yaml:"id"`
	Name  string `yaml:"name"`
	Topic string `yaml:"topic"` // tip topic that helps where this dimension scores low
}

// Question is one assessment question.
type Question struct {
	ID        string   `yaml:"id"`
	Text      string   `yaml:"text"`
	Dimension string   `yaml:"dimension"` // a Dimension.ID
	Options   []Option `yaml:"options"`   // 2 to 5
}

// Option is one answer to a question, with the points it scores.
type Option struct {
	Label string `yaml:"label"` // button text, at most 75 characters
	Score int    `yaml:"score"` // 0 or more
}

// Band maps a range of total scores (inclusive) to a recommendation.
type Band struct {
	Min            int      `yaml:"min"`
	Max            int      `yaml:"max"`
	Title          string   `yaml:"title"`
	Recommendation string   `yaml:"recommendation"`
	Reasons        []string `yaml:"reasons"`
	Read           []string `yaml:"read"` // FAQ entry ids to read next
}
