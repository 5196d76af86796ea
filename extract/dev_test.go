package extract

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestDevSeeds(t *testing.T) {
	if os.Getenv("DEV") == "" {
		t.Skip()
	}
	x := builtinExtractor(t)
	files, _ := filepath.Glob("../../shared/seeds/*.txt")
	for _, f := range files {
		b, _ := os.ReadFile(f)
		var pub time.Time
		if filepath.Base(f)[:3] == "000" {
			pub = time.Date(2025, 6, 18, 14, 28, 0, 0, time.UTC)
		}
		cs := x.ExtractText(filepath.Base(f), string(b), pub)
		fmt.Println("=====", filepath.Base(f))
		for _, c := range cs {
			fmt.Println(" ", describe(c))
		}
	}
}
