package assessment

import (
	"context"
	"fmt"
	"strconv"
)

// Progress describes a user's unfinished assessment, for App Home.
type Progress struct {
	AssessmentID string
	Title        string
	Answered     int // questions answered so far
	Questions    int
	// ResumeValue is the value for a button with action id ActionResume
	// ("assess:resume") that posts the current question again.
	ResumeValue string
}

// Active returns the user's unfinished assessment, nil if there is none.
func (s *Service) Active(ctx context.Context, userID string) (*Progress, error) {
	sid, err := s.activeSession(ctx, userID)
	if err != nil || sid == "" {
		return nil, err
	}
	f, err := s.rdb.HMGet(ctx, s.keys.session(sid), "u", "st", "a", "q", "run").Result()
	if err != nil {
		return nil, fmt.Errorf("read session %s: %w", sid, err)
	}
	str := func(i int) string { v, _ := f[i].(string); return v }
	if str(0) != userID || str(1) != "active" {
		return nil, nil
	}
	a, ok := s.kb.AssessmentByID(str(2))
	if !ok {
		return nil, nil
	}
	q, _ := strconv.Atoi(str(3))
	return &Progress{
		AssessmentID: a.ID, Title: a.Title, Answered: q, Questions: len(a.Questions),
		ResumeValue: ref{SID: sid, Run: str(4), Question: -1, Option: -1}.value(),
	}, nil
}
