package quotes

import (
	"strings"
	"testing"
	"time"

	"github.com/sanc-news/sanc/pkg/segment"
)

// TestPathological: inputs without sentence or paragraph breaks must stay
// roughly linear (each window the rules read is bounded).
func TestPathological(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	inputs := []string{
		strings.Repeat(`he said "x" and she told him, `, 20000),
		strings.Repeat(`“`, 100000),
		strings.Repeat(`a spokesman for the office of `, 20000) + "said it.",
		strings.Repeat("Mr. Smith said he would. ", 20000),
	}
	for _, in := range inputs {
		start := time.Now()
		qs := Extract(in, segment.Split(in))
		checkInvariants(t, in, qs)
		if d := time.Since(start); d > 30*time.Second {
			t.Errorf("%d bytes took %v", len(in), d)
		}
	}
}
