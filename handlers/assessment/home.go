package assessment

import (
	"context"
	"fmt"
	"strings"

	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/handlers/blockkit"
)

// HomeBlocks is the assessments' App Home section (it implements
// handlers.HomeSection): the user's unfinished assessment with a Resume
// button, and their latest result and how it changed since the previous
// one.
func (s *Service) HomeBlocks(ctx context.Context, userID string) ([]slack.Block, error) {
	var blocks []slack.Block
	p, err := s.Active(ctx, userID)
	if err != nil {
		return nil, fmt.Errorf("active assessment for %s: %w", userID, err)
	}
	if p != nil {
		blocks = append(blocks, blockkit.SectionButton(
			fmt.Sprintf(":hourglass_flowing_sand: You are in the middle of *%s* (%d of %d answered).", p.Title, p.Answered, p.Questions),
			blockkit.Button(ActionResume, p.ResumeValue, "Resume")))
	}
	latest, prev, err := s.Latest(ctx, userID)
	if err != nil {
		return nil, fmt.Errorf("latest assessment for %s: %w", userID, err)
	}
	if latest == nil {
		return blocks, nil
	}
	var b strings.Builder
	fmt.Fprintf(&b, "*Your latest result: %s* (%s)\n*%s* — %d of %d\n%s", latest.Title, latest.At.Format("Jan 2"),
		latest.Band, latest.Total, latest.Max, latest.Recommendation)
	if prev != nil && prev.AssessmentID == latest.AssessmentID {
		switch d := latest.Total - prev.Total; {
		case d > 0:
			fmt.Fprintf(&b, "\n:arrow_up: %d points more than on %s (%s).", d, prev.At.Format("Jan 2"), prev.Band)
		case d < 0:
			fmt.Fprintf(&b, "\n:arrow_down: %d points fewer than on %s (%s).", -d, prev.At.Format("Jan 2"), prev.Band)
		default:
			fmt.Fprintf(&b, "\nThe same score as on %s.", prev.At.Format("Jan 2"))
		}
	} else if prev != nil {
		fmt.Fprintf(&b, "\nBefore that: *%s* — %s (%s).", prev.Title, prev.Band, prev.At.Format("Jan 2"))
	}
	return append(blocks, slack.NewDividerBlock(), blockkit.Section(b.String())), nil
}
