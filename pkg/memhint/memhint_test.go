package memhint

import "testing"

// A hint never fails and never changes the array.
func TestHints(t *testing.T) {
	HugeHeap(4 << 20)
	HugePages([]int(nil))
	HugePages(make([]byte, 10))
	big := make([]int64, 1<<20)
	HugePages(big)
	for i := range big {
		big[i] = int64(i)
	}
	if big[12345] != 12345 {
		t.Fatal("array changed")
	}
}
