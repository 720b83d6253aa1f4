package assessment

import (
	"context"
	"fmt"
	"time"

	"github.com/advisor-bot/advisor/knowledge"
)

// Outcome is one finished assessment, as kept in the user's history.
type Outcome struct {
	ID             string           `json:"id"` // the run that produced it
	AssessmentID   string           `json:"assessment"`
	Title          string           `json:"title"`
	At             time.Time        `json:"at"`
	Answers        []int            `json:"answers"`
	Total          int              `json:"total"`
	Max            int              `json:"max"`
	Dimensions     []DimensionScore `json:"dimensions"` // in the assessment's order
	Band           string           `json:"band"`
	Recommendation string           `json:"recommendation"`
	Reasons        []string         `json:"reasons,omitempty"`
	Read           []string         `json:"read,omitempty"`         // FAQ ids to read next
	Weakest        []string         `json:"weakest,omitempty"`      // dimension ids, weakest first
	HighIsWeak     bool             `json:"high_is_weak,omitempty"` // weakest = highest share
	Channel        string           `json:"channel,omitempty"`      // where "Share result" posts; "" if nowhere
}

// DimensionScore is the points scored on one dimension.
type DimensionScore struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Topic string `json:"topic,omitempty"`
	Score int    `json:"score"`
	Max   int    `json:"max"`
}

// Percent is Score as a share of Max.
func (d DimensionScore) Percent() int {
	if d.Max <= 0 {
		return 0
	}
	return d.Score * 100 / d.Max
}

// newOutcome scores answers to a.
func newOutcome(a *knowledge.Assessment, id string, answers []int, at time.Time, channel string) (*Outcome, error) {
	res, err := a.Score(answers)
	if err != nil {
		return nil, fmt.Errorf("score outcome %s: %w", id, err)
	}
	o := &Outcome{
		ID: id, AssessmentID: a.ID, Title: a.Title, At: at, Answers: answers,
		Total: res.Total, Max: res.Max, Channel: channel,
	}
	for _, d := range res.Dimensions {
		o.Dimensions = append(o.Dimensions, DimensionScore{
			ID: d.Dimension.ID, Name: d.Dimension.Name, Topic: d.Dimension.Topic, Score: d.Score, Max: d.Max,
		})
	}
	if res.Band != nil {
		o.Band, o.Recommendation = res.Band.Title, res.Band.Recommendation
		o.Reasons, o.Read = res.Band.Reasons, res.Band.Read
	}
	o.HighIsWeak = res.HighIsWeak
	for _, d := range res.Weakest() {
		if (!res.HighIsWeak && d.Percent() < 100) || (res.HighIsWeak && d.Percent() > 0) {
			o.Weakest = append(o.Weakest, d.Dimension.ID)
		}
	}
	return o, nil
}

// Latest returns the user's most recent outcome and the one before it (nil
// when there are none), so App Home can show how things changed.
func (s *Service) Latest(ctx context.Context, userID string) (latest, previous *Outcome, err error) {
	out, err := s.outcomes(ctx, userID, 2)
	if err != nil {
		return nil, nil, err
	}
	if len(out) > 0 {
		latest = out[0]
	}
	if len(out) > 1 {
		previous = out[1]
	}
	return latest, previous, nil
}

// History returns up to n of the user's outcomes, newest first.
func (s *Service) History(ctx context.Context, userID string, n int) ([]*Outcome, error) {
	return s.outcomes(ctx, userID, int64(n))
}

// WeakestTopics returns the tip topics of the lowest-scoring dimensions of
// the user's latest outcome (those tied for lowest), with a sentence saying
// why; nil when there is no outcome or nothing to improve.
func (s *Service) WeakestTopics(ctx context.Context, userID string) (topics []string, reason string, err error) {
	latest, _, err := s.Latest(ctx, userID)
	if err != nil || latest == nil || len(latest.Weakest) == 0 {
		return nil, "", err
	}
	dims := map[string]DimensionScore{}
	for _, d := range latest.Dimensions {
		dims[d.ID] = d
	}
	low := dims[latest.Weakest[0]].Percent()
	var names []string
	seen := map[string]bool{}
	for _, id := range latest.Weakest {
		d := dims[id]
		if d.Percent() != low {
			break
		}
		names = append(names, d.Name)
		if d.Topic != "" && !seen[d.Topic] {
			seen[d.Topic] = true
			topics = append(topics, d.Topic)
		}
	}
	if len(topics) == 0 {
		return nil, "", nil
	}
	reason = fmt.Sprintf("Your latest *%s* scored lowest on %s (%d%%).", latest.Title, joinNames(names), low)
	if latest.HighIsWeak {
		reason = fmt.Sprintf("Your latest *%s* showed the most strain on %s (%d%%).", latest.Title, joinNames(names), low)
	}
	return topics, reason, nil
}

func joinNames(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return "*" + names[0] + "*"
	}
	s := ""
	for i, n := range names {
		switch {
		case i == len(names)-1:
			s += " and "
		case i > 0:
			s += ", "
		}
		s += "*" + n + "*"
	}
	return s
}
