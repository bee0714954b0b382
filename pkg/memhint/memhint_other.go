//go:build !linux

// Package memhint tells the kernel how sanc will use memory; Linux hints,
// nothing elsewhere.
package memhint

// HugePages does nothing here.
func HugePages[T any](s []T) {}

// HugeHeap does nothing here.
func HugeHeap(size int) {}
