// Package layering holds only a test: the import rules of the advisor's
// packages (which package may know which), checked on the real build
// graph with `go list -deps`. See the README's architecture section.
package layering
