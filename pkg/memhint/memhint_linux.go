// Package memhint tells the kernel how sanc will use memory: huge pages for
// the large arrays a query fills when it reads a library's index (one page
// fault per 4 KB was most of a query's time).
package memhint

import (
	"runtime"
	"unsafe"

	"golang.org/x/sys/unix"
)

// HugePages asks for huge pages over the whole 2 MB pages inside s. Call it
// before the array is first written; it is only a hint.
func HugePages[T any](s []T) {
	if len(s) == 0 {
		return
	}
	const huge = 2 << 20
	b := unsafe.Slice((*byte)(unsafe.Pointer(&s[0])), uintptr(len(s))*unsafe.Sizeof(s[0]))
	base := uintptr(unsafe.Pointer(&b[0]))
	from := int((base+huge-1)&^(huge-1) - base) // whole huge pages inside b
	to := int((base+uintptr(len(b)))&^(huge-1) - base)
	if from >= to {
		return
	}
	_ = unix.Madvise(b[from:to], unix.MADV_HUGEPAGE)
}

// HugeHeap asks for huge pages over the next size bytes the Go heap grows
// by: a short run that fills tens of megabytes otherwise takes a page fault
// per 4 KB, which on a virtual machine was a third of a query's time. The
// memory is mapped now but touched only as the program allocates.
func HugeHeap(size int) {
	HugePages(make([]byte, size)) // fresh from the OS, not yet touched
	runtime.GC()                  // the pages go back to the heap, the hint stays on them
}
