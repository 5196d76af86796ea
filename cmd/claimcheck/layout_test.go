package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestImportDirections keeps the architecture the layout shows: data flows
// files → articles → claims → findings → reports, and each package imports
// only what comes before it.
func TestImportDirections(t *testing.T) {
	const mod = "github.com/claimcheck/claimcheck/"
	allowed := map[string][]string{
		"corpus":    {},
		"rules":     {},
		"synth":     {},
		"extract":   {"corpus", "rules"},
		"reconcile": {"extract", "corpus", "rules"},
		"store":     {"corpus", "extract", "reconcile", "rules"},
		"report":    {"corpus", "extract", "reconcile", "rules"},
		"pipeline":  {"corpus", "extract", "reconcile", "rules", "store", "report"},
	}
	for pkg, ok := range allowed {
		out, err := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}}", "../../"+pkg).Output()
		if err != nil {
			t.Fatalf("go list %s: %v", pkg, err)
		}
		for _, dep := range strings.Fields(string(out)) {
			if !strings.HasPrefix(dep, mod) || dep == mod+pkg {
				continue
			}
			name := strings.TrimPrefix(dep, mod)
			permitted := false
			for _, o := range ok {
				permitted = permitted || name == o
			}
			if !permitted {
				t.Errorf("%s imports %s", pkg, name)
			}
		}
	}
}
