package slacktest

import "context"

// WaitConnections blocks until at least n connections receive envelopes
// (see Connections), ctx ends or the server closes.
func (s *Server) WaitConnections(ctx context.Context, n int) error {
	return s.waitFor(ctx, func() bool { return len(s.conns) >= n })
}

// WaitConnectionsOpened blocks until at least n WebSockets have been opened
// since New and the last of them has been sent hello, ctx ends or the server
// closes. Use it to tell a reconnect from the connection it replaces.
func (s *Server) WaitConnectionsOpened(ctx context.Context, n int) error {
	return s.waitFor(ctx, func() bool {
		if s.opened < n {
			return false
		}
		for _, c := range s.conns {
			if c.id >= n {
				return true
			}
		}
		return false
	})
}
