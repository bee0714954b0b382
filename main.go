// Command sanc answers, from the shell, who said what and when in a folder
// of news articles.
package main

import (
	"os"

	"github.com/sanc-news/sanc/cmd"
)

// version is set at build time: -ldflags "-X main.version=v1.2.3".
var version string

func main() {
	os.Exit(cmd.Execute(cmd.NewFactory(version), os.Args[1:]))
}
