package layering

import (
	"errors"
	"os/exec"
	"strings"
	"testing"
)

const mod = "github.com/advisor-bot/advisor"

// rules says, for each package (and, with a trailing "/...", those below
// it), the packages it must not depend on, directly or not. A forbidden
// entry ending in "/..." covers the packages below it too.
var rules = []struct {
	pkg, why  string
	forbidden []string
}{
	{"scheduler", "the scheduler is the clock and the claims; it reaches Slack through the Poster handlers/tips implements",
		[]string{"github.com/slack-go/...", mod + "/bot/...", mod + "/handlers/..."}},
	{"knowledge", "the knowledge is pure content and search: no Slack, no Redis, no transport",
		[]string{"github.com/slack-go/...", "github.com/redis/...", mod + "/bot/...", mod + "/handlers/...", mod + "/scheduler"}},
	{"bot/...", "the transport knows its Request and Reply, never what the advisor does with them",
		[]string{mod + "/handlers/...", mod + "/scheduler", mod + "/knowledge", mod + "/config", mod + "/console"}},
	{"handlers", "the router knows the features only through the interfaces it declares",
		[]string{mod + "/handlers/assessment", mod + "/handlers/pairs", mod + "/handlers/tips", mod + "/handlers/drafts", mod + "/handlers/experts", mod + "/scheduler"}},
	{"handlers/blockkit", "the shared vocabulary sits below every feature",
		[]string{mod + "/handlers", mod + "/handlers/assessment", mod + "/handlers/pairs", mod + "/handlers/tips", mod + "/scheduler", mod + "/knowledge"}},
	{"handlers/assessment", "a feature does not know the router or another feature",
		[]string{mod + "/handlers", mod + "/handlers/pairs", mod + "/handlers/tips", mod + "/scheduler"}},
	{"handlers/pairs", "a feature does not know the router or another feature",
		[]string{mod + "/handlers", mod + "/handlers/assessment", mod + "/handlers/tips", mod + "/scheduler"}},
	{"handlers/experts", "a feature does not know the router or another feature",
		[]string{mod + "/handlers", mod + "/handlers/assessment", mod + "/handlers/pairs", mod + "/handlers/tips", mod + "/scheduler"}},
	{"handlers/tips", "a feature does not know the router or another feature",
		[]string{mod + "/handlers", mod + "/handlers/assessment", mod + "/handlers/pairs"}},
	{"handlers/drafts", "a feature does not know the router or another feature",
		[]string{mod + "/handlers", mod + "/handlers/assessment", mod + "/handlers/pairs", mod + "/handlers/tips", mod + "/scheduler"}},
	{"console", "the console is a transport: main hands it the handler",
		[]string{mod + "/handlers/...", mod + "/scheduler", mod + "/config"}},
	{"internal/chart", "a chart is pixels: it knows no Slack, no Redis and none of the features",
		[]string{"github.com/slack-go/...", "github.com/redis/...", mod + "/bot/...", mod + "/handlers/...", mod + "/knowledge"}},
	{"internal/redisconn", "connecting to Redis needs none of the advisor",
		[]string{mod + "/..."}},
}

// everyone holds for every package but main: nothing imports the router,
// and only main reads the configuration.
var everyone = []string{mod + "/handlers", mod + "/config"}

// deps returns each package of the module with its non-test dependencies.
func deps(t *testing.T) map[string][]string {
	t.Helper()
	// -e: a package that does not build (an import cycle, say) is still
	// listed with what it imports.
	out, err := exec.Command("go", "list", "-e", "-f", `{{.ImportPath}} {{join .Deps " "}}`, mod+"/...").Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("go list: %v\n%s", err, ee.Stderr)
		}
		t.Fatalf("go list: %v", err)
	}
	all := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		all[f[0]] = f[1:]
	}
	return all
}

// matches reports whether path is pattern or, for "x/...", x or below it.
func matches(path, pattern string) bool {
	if base, ok := strings.CutSuffix(pattern, "/..."); ok {
		return path == base || strings.HasPrefix(path, base+"/")
	}
	return path == pattern
}

func TestImportRules(t *testing.T) {
	all := deps(t)
	for _, r := range rules {
		checked := 0
		for pkg, ds := range all {
			if !matches(pkg, mod+"/"+r.pkg) {
				continue
			}
			checked++
			for _, d := range ds {
				for _, f := range r.forbidden {
					if matches(d, f) && !matches(d, mod+"/"+r.pkg) {
						t.Errorf("%s depends on %s: %s", pkg, d, r.why)
					}
				}
			}
		}
		if checked == 0 {
			t.Errorf("rule for %s matched no package: the map changed, update the rule", r.pkg)
		}
	}
	for pkg, ds := range all {
		if pkg == mod {
			continue
		}
		for _, d := range ds {
			for _, f := range everyone {
				if d == f && !matches(pkg, f+"/...") {
					t.Errorf("%s depends on %s: only main may (nothing imports the router; only main reads the configuration)", pkg, d)
				}
			}
		}
	}
}
