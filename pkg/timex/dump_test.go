package timex

import (
	"fmt"
	"os"
	"testing"
	"time"
)

// TestDumpSeeds prints what Extract finds in a file; a debugging aid (TIMEX_DUMP=path TIMEX_DCT=YYYY-MM-DD).
func TestDumpSeeds(t *testing.T) {
	path := os.Getenv("TIMEX_DUMP")
	if path == "" {
		t.Skip("set TIMEX_DUMP")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var dct time.Time
	if s := os.Getenv("TIMEX_DCT"); s != "" {
		dct, _ = time.Parse("2006-01-02", s)
	}
	for _, x := range Extract(string(b), nil, dct) {
		fmt.Printf("%d\t%d\t%q\t%s\t%s\t%s\trel=%v unres=%v range=%d\n", x.Start, x.End, x.Text, x.Type, x.Value, x.Mod, x.Relative, x.Unresolved, x.RangeWith)
	}
	d, ly, ok, why := InferDocDate(string(b), nil)
	fmt.Println("infer:", d.Format("2006-01-02"), ly, ok, why)
}
