package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
)

// The product's quality, measured as the README says, through the built
// binary and the public scorers in ../shared/eval. Skipped when that folder
// or python3 is absent; the floors are the figures reached, so a change that
// loses accuracy fails here.
func TestExtractionQuality(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	eval, err := filepath.Abs("../shared/eval")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(eval, "sanc_eval.py")); err != nil {
		t.Skip("../shared/eval is absent")
	}
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("python3 is absent")
	}
	bin := sancBinary(t)
	tests := []struct {
		name    string
		args    []string
		figure  *regexp.Regexp
		atLeast float64
	}{
		{"quotes dev end-to-end F1", []string{"quotes", bin, filepath.Join(eval, "quotes/polnear.dev.jsonl"), "--kinds", "direct,mixed"},
			regexp.MustCompile(`end-to-end \(quote\+speaker\)\s+P [0-9.]+\s+R [0-9.]+\s+F1 ([0-9.]+)`), 0.850},
		{"quotes dev speaker accuracy", []string{"quotes", bin, filepath.Join(eval, "quotes/polnear.dev.jsonl"), "--kinds", "direct,mixed"},
			regexp.MustCompile(`speaker acc on matched quotes ([0-9.]+)`), 0.940},
		{"timex TBAQ value F1", []string{"timex", bin, filepath.Join(eval, "timex/te3.dev.jsonl")},
			regexp.MustCompile(`value\s+acc=\s*[0-9.]+\s+F1=\s*([0-9.]+)`), 82.0},
		{"timex WikiWars value F1", []string{"timex", bin, filepath.Join(eval, "timex/wikiwars.dev.jsonl")},
			regexp.MustCompile(`value\s+acc=\s*[0-9.]+\s+F1=\s*([0-9.]+)`), 83.8},
	}
	outputs := map[string][]byte{}
	for _, tt := range tests {
		key := tt.args[0] + tt.args[2]
		out, ok := outputs[key]
		if !ok {
			out, err = exec.Command("python3", append([]string{filepath.Join(eval, "sanc_eval.py")}, tt.args...)...).CombinedOutput()
			if err != nil {
				t.Fatalf("%s: %v\n%s", tt.name, err, out)
			}
			outputs[key] = out
		}
		m := tt.figure.FindSubmatch(out)
		if m == nil {
			t.Fatalf("%s: figure not found in\n%s", tt.name, out)
		}
		got, _ := strconv.ParseFloat(string(m[1]), 64)
		t.Logf("%s: %.3f (floor %.3f)", tt.name, got, tt.atLeast)
		if got < tt.atLeast {
			t.Errorf("%s fell to %.3f, below %.3f\n%s", tt.name, got, tt.atLeast, out)
		}
	}
}
