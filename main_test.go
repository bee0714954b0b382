package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/sanc-news/sanc/cmd"
)

var update = flag.Bool("update", false, "rewrite the expected output in testdata/script")

func TestMain(m *testing.M) {
	testscript.Main(removingBuilds{m}, map[string]func(){
		"sanc": func() { os.Exit(cmd.Execute(testFactory(), os.Args[1:])) },
		// expect-exit N sanc ARGS... runs sanc and fails unless it exits N:
		// scripts pin exit statuses, not just success or failure.
		"expect-exit": func() {
			want, err := strconv.Atoi(os.Args[1])
			if err != nil || len(os.Args) < 3 || os.Args[2] != "sanc" {
				fmt.Fprintln(os.Stderr, "usage: expect-exit N sanc ARGS...")
				os.Exit(2)
			}
			if got := cmd.Execute(testFactory(), os.Args[3:]); got != want {
				fmt.Fprintf(os.Stderr, "sanc exited %d, want %d\n", got, want)
				os.Exit(1)
			}
			os.Exit(0)
		},
	})
}

// testFactory fixes the clock so --added-since is reproducible: scripts
// set SANC_TEST_NOW.
func testFactory() *cmd.Factory {
	f := cmd.NewFactory("v0.0.0-test")
	if now := os.Getenv("SANC_TEST_NOW"); now != "" {
		t, err := time.Parse(time.RFC3339, now)
		if err != nil {
			panic(err)
		}
		f.Now = func() time.Time { return t }
	}
	return f
}

func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: *update,
		Setup: func(env *testscript.Env) error {
			env.Setenv("XDG_DATA_HOME", env.WorkDir+"/data")
			env.Setenv("XDG_CONFIG_HOME", env.WorkDir+"/config")
			env.Setenv("NO_COLOR", "1")
			return nil
		},
	})
}

// removingBuilds runs the tests, then removes the sanc the fault tests built.
type removingBuilds struct{ m *testing.M }

func (r removingBuilds) Run() int {
	code := r.m.Run()
	if builtBin != "" {
		os.RemoveAll(filepath.Dir(builtBin))
	}
	return code
}
