// Command sanc answers, from the shell, who said what and when in a folder
// of news articles.
package main

import (
	"os"

	"github.com/sanc-news/sanc/cmd"
	"github.com/sanc-news/sanc/pkg/memhint"
)

// version is set at build time: -ldflags "-X main.version=v1.2.3".
var version string

func main() {
	// A run's heap is mostly new memory filled once: huge pages save a
	// fault per 4 KB of it (README, Measuring).
	memhint.HugeHeap(64 << 20)
	os.Exit(cmd.Execute(cmd.NewFactory(version), os.Args[1:]))
}
