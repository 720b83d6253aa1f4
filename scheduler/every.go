package scheduler

import (
	"context"
	"time"

	"github.com/robfig/cron/v3"
)

// Every runs job every interval (at least a second) while Run runs, on the
// same cron as the tips and so with the same care: a panic is recovered
// and logged, a run still going when the next is due is skipped, and Run's
// shutdown waits for a running job before it returns. The job gets Run's
// context. Every may be called before Run or while it runs.
func (s *Scheduler) Every(name string, interval time.Duration, job func(ctx context.Context) error) {
	s.cron.Schedule(cron.Every(interval), cron.FuncJob(func() {
		s.mu.Lock()
		ctx := s.runCtx
		s.mu.Unlock()
		if ctx == nil || ctx.Err() != nil {
			return
		}
		if err := job(ctx); err != nil {
			s.log.Error().Err(err).Str("job", name).Msg("scheduled job failed")
		}
	}))
}
