package hugepages

import "testing"

// A hint never fails and never changes the array.
func TestAdvise(t *testing.T) {
	Advise([]int(nil))
	Advise(make([]byte, 10))
	big := make([]int64, 1<<20)
	Advise(big)
	for i := range big {
		big[i] = int64(i)
	}
	if big[12345] != 12345 {
		t.Fatal("array changed")
	}
}
