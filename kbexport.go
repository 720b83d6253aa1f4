package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/rs/zerolog"

	"github.com/advisor-bot/advisor/config"
	"github.com/advisor-bot/advisor/handlers/drafts"
	"github.com/advisor-bot/advisor/knowledge"
)

// The files `advisor kb export` writes.
const (
	exportEntries   = "team-entries.yaml" // entries published from drafts
	exportOverrides = "team-overrides.yaml"
)

// runKBExport writes the entries published at run time (REDIS_URL,
// KEY_PREFIX) as data files in dir, so a team keeps them in git and
// KNOWLEDGE_DIR loads them; the files are linted with the knowledge
// they sit on before the command says it is done.
func runKBExport(args []string, stdout, stderr io.Writer) int {
	const help = "Usage: advisor kb export [DIR]\n\nWrites the entries published from Slack (drafts, and edits of built-in entries)\n" +
		"from Redis (REDIS_URL, KEY_PREFIX) to DIR (default .) as " + exportEntries + " and " + exportOverrides + ",\n" +
		"files that `advisor kb lint DIR` accepts and KNOWLEDGE_DIR loads.\n"
	fs, code, ok := parseFlags("kb export", help, args, stdout, stderr)
	if !ok {
		return code
	}
	dir := fs.Arg(0)
	if dir == "" {
		dir = "."
	}
	if fs.NArg() > 1 {
		fmt.Fprint(stderr, help)
		return 2
	}
	cfg, err := config.Load(config.ModeConsole)
	if err != nil {
		fmt.Fprintln(stderr, "advisor:", err)
		return 2
	}
	if cfg.RedisURL.Value() == "" {
		fmt.Fprintln(stderr, "advisor kb export: REDIS_URL is not set: the published entries live in the advisor's Redis")
		return 2
	}
	ctx := context.Background()
	app, err := newCore(ctx, cfg, zerolog.Nop())
	if err != nil {
		fmt.Fprintln(stderr, "advisor:", err)
		return 1
	}
	defer app.Close()
	ps, err := drafts.NewService(app.rdb, app.prefix, app.live, cfg.KnowledgeDir, nil, nil, zerolog.Nop()).Published(ctx)
	if err != nil {
		fmt.Fprintln(stderr, "advisor:", err)
		return 1
	}
	var added, overrides []*knowledge.Entry
	for i := range ps {
		if ps[i].Override {
			overrides = append(overrides, &ps[i].Entry)
		} else {
			added = append(added, &ps[i].Entry)
		}
	}
	for _, f := range []struct {
		name    string
		entries []*knowledge.Entry
	}{{exportEntries, added}, {exportOverrides, overrides}} {
		if err := writeEntries(filepath.Join(dir, f.name), f.entries); err != nil {
			fmt.Fprintln(stderr, "advisor:", err)
			return 1
		}
	}
	if err := knowledge.Lint(dir); err != nil {
		fmt.Fprintf(stderr, "advisor kb export: the files written do not pass the lint with what else is in %s:\n%v\n", dir, err)
		return 1
	}
	fmt.Fprintf(stdout, "wrote %d published entries to %s and %d overrides to %s; advisor kb lint %s passes\n",
		len(added), filepath.Join(dir, exportEntries), len(overrides), filepath.Join(dir, exportOverrides), dir)
	return 0
}

// writeEntries writes entries as one data file at path.
func writeEntries(path string, entries []*knowledge.Entry) error {
	data, err := knowledge.EncodeEntries(entries)
	if err != nil {
		return err
	}
	header := []byte("# Written by `advisor kb export`: entries published from Slack. Keep it in git, load it with KNOWLEDGE_DIR.\n")
	if err := os.WriteFile(path, append(header, data...), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
