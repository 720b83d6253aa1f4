package main

import (
	"os"
	"regexp"
	"testing"
)

// TestToolchainMatchesCI keeps go.mod's toolchain line and the GOTOOLCHAIN
// CI runs with the same release, so that what CI vets (govulncheck included)
// is what `go build` picks.
func TestToolchainMatchesCI(t *testing.T) {
	mod, err := os.ReadFile("go.mod")
	if err != nil {
		t.Fatal(err)
	}
	ci, err := os.ReadFile(".ci/run")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^toolchain (go\S+)$`).FindSubmatch(mod)
	if m == nil {
		t.Fatal("go.mod has no toolchain line: a Go release with known standard-library vulnerabilities would do")
	}
	c := regexp.MustCompile(`(?m)^export GOTOOLCHAIN=(go\S+)$`).FindSubmatch(ci)
	if c == nil {
		t.Fatal(".ci/run sets no GOTOOLCHAIN")
	}
	if string(m[1]) != string(c[1]) {
		t.Errorf("go.mod's toolchain is %s, CI runs %s: keep them the same", m[1], c[1])
	}
}
