// Package seeds holds the sample articles embedded in the binary: the corpus a
// new user gets answers from before adding any of their own.
package seeds

import "embed"

// FS holds the seed articles as *.txt at its root.
//
//go:embed *.txt
var FS embed.FS
