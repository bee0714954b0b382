// Package jsonx appends JSON values to a byte slice exactly as encoding/json
// encodes them with HTML escaping off (json.Encoder.SetEscapeHTML(false)):
// a record type that writes itself with it skips encoding/json's reflection,
// which was a third of a large timeline's time.
package jsonx

import (
	"strconv"
	"unicode/utf8"
)

// Appender is a value that appends its own JSON encoding.
type Appender interface {
	AppendJSON(b []byte) []byte
}

const hex = "0123456789abcdef"

// String appends s as a JSON string.
func String(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		// Eight bytes at a time while none needs escaping (none is below
		// 0x20, a quote, a backslash or outside ASCII).
		for i+8 <= len(s) && plain8(load64(s, i)) {
			i += 8
		}
		if i >= len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i++
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// load64 reads s[i:i+8] as a little-endian word.
func load64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// plain8: no byte of the eight needs escaping.
func plain8(w uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	below := (w - ones*0x20) &^ w // a byte below 0x20 (or at or above 0x80: caught below)
	quote := w ^ ones*'"'         // zero where a byte is "
	slash := w ^ ones*'\\'        // zero where a byte is \
	zero := func(x uint64) uint64 { return (x - ones) &^ x }
	return (below|zero(quote)|zero(slash)|w)&highs == 0
}

// Int appends n.
func Int(b []byte, n int) []byte { return strconv.AppendInt(b, int64(n), 10) }

// Bool appends v.
func Bool(b []byte, v bool) []byte { return strconv.AppendBool(b, v) }

// IntPtr appends *p, or null.
func IntPtr(b []byte, p *int) []byte {
	if p == nil {
		return append(b, "null"...)
	}
	return Int(b, *p)
}

// StringPtr appends *p, or null.
func StringPtr(b []byte, p *string) []byte {
	if p == nil {
		return append(b, "null"...)
	}
	return String(b, *p)
}

// Field appends a member's name and colon, after a comma unless it is the
// object's first.
func Field(b []byte, name string) []byte {
	if b[len(b)-1] != '{' {
		b = append(b, ',')
	}
	b = append(b, '"')
	b = append(b, name...)
	return append(b, '"', ':')
}
