// Package integration holds the multi-process tests of the advisor: the real
// binary, several copies of it, against the project's fake Slack
// (bot/slacktest) and Redis servers the tests start themselves (a
// three-master Redis Cluster, or a single server they stop and restart).
// Everything is in _test.go files; this file only names the package.
package integration
