//go:build !linux

// Package hugepages hints that a large array just allocated be backed by
// huge pages; a Linux hint, nothing elsewhere.
package hugepages

// Advise does nothing here.
func Advise[T any](s []T) {}
