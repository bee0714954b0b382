package timex

import (
	"strconv"
	"time"
)

// Granularities of a date value.
const (
	gNone = iota
	gCentury
	gDecade
	gYear
	gHalf
	gQuarter
	gSeason
	gMonth
	gWeek
	gWeekend
	gDay
	gWeekday // weekday with unknown date: XXXX-WXX-n
	gTime
)

// dval is a date at some granularity. y == 0 means the year is unknown; for
// gMonth/gDay, m == 0 / d == 0 likewise.
type dval struct {
	g       int
	y, m, d int
	w       int // ISO week (gWeek, gWeekend) or weekday (gWeekday)
	q       int // quarter, half or season number
	pod     string
	hh, mm  int
	ss      int
	hasTime bool
	hasSec  bool
}

func dayOf(t time.Time) dval { return dval{g: gDay, y: t.Year(), m: int(t.Month()), d: t.Day()} }

func (v dval) time() time.Time {
	switch v.g {
	case gWeek, gWeekend:
		if from, _, ok := Bounds(dval{g: gWeek, y: v.y, w: v.w}.String()); ok {
			return from
		}
	case gQuarter:
		return time.Date(v.y, time.Month(3*v.q-2), 1, 0, 0, 0, 0, time.UTC)
	case gHalf:
		return time.Date(v.y, time.Month(6*v.q-5), 1, 0, 0, 0, 0, time.UTC)
	}
	m, d := v.m, v.d
	if m == 0 {
		m = 1
	}
	if d == 0 {
		d = 1
	}
	return time.Date(v.y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
}

var seasonCode = [...]string{"", "SP", "SU", "FA", "WI"}
var podCode = [...]string{"", "MO", "AF", "EV", "NI"}

func pad(n, w int) string {
	var buf [24]byte
	return string(appendPad(buf[:0], n, w))
}

// appendPad appends n in decimal, left-padded with zeros to w bytes (a
// minus sign counts as one).
func appendPad(b []byte, n, w int) []byte {
	start := len(b)
	b = strconv.AppendInt(b, int64(n), 10)
	for len(b)-start < w {
		b = append(b, 0)
		copy(b[start+1:], b[start:])
		b[start] = '0'
	}
	return b
}

// appendYear appends a year; y < 0 is a year BC ("BC0480"), 0 unknown.
func appendYear(b []byte, y int) []byte {
	if y == 0 {
		return append(b, "XXXX"...)
	}
	if y < 0 {
		return appendPad(append(b, "BC"...), -y, 4)
	}
	return appendPad(b, y, 4)
}

func (v dval) String() string {
	var buf [32]byte
	return string(v.appendTo(buf[:0]))
}

// appendTo appends the TIMEX3 value of v to b: built in one buffer, a value
// costs one allocation rather than one for each part.
func (v dval) appendTo(b []byte) []byte {
	switch v.g {
	case gCentury:
		if v.y == 0 {
			return append(b, "XX"...)
		}
		if v.y < 0 {
			return appendPad(append(b, "BC"...), -v.y/100, 2)
		}
		return appendPad(b, v.y/100, 2)
	case gDecade:
		if v.y == 0 {
			return append(b, "XXX"...)
		}
		if v.y < 0 {
			return appendPad(append(b, "BC"...), -v.y/10, 3)
		}
		return appendPad(b, v.y/10, 3)
	case gYear:
		return appendYear(b, v.y)
	case gHalf:
		return strconv.AppendInt(append(appendYear(b, v.y), "-H"...), int64(v.q), 10)
	case gQuarter:
		return strconv.AppendInt(append(appendYear(b, v.y), "-Q"...), int64(v.q), 10)
	case gSeason:
		return append(append(appendYear(b, v.y), '-'), seasonCode[v.q]...)
	case gMonth:
		b = append(appendYear(b, v.y), '-')
		if v.m == 0 {
			return append(b, "XX"...)
		}
		return appendPad(b, v.m, 2)
	case gWeek, gWeekend:
		b = append(appendYear(b, v.y), "-W"...)
		if v.w == 0 {
			b = append(b, "XX"...)
		} else {
			b = appendPad(b, v.w, 2)
		}
		if v.g == gWeekend {
			b = append(b, "-WE"...)
		}
		return b
	case gWeekday:
		return strconv.AppendInt(append(b, "XXXX-WXX-"...), int64(v.w), 10)
	case gDay, gTime:
		b = append(appendYear(b, v.y), '-')
		if v.m == 0 {
			b = append(b, "XX-"...)
		} else {
			b = append(appendPad(b, v.m, 2), '-')
		}
		if v.d == 0 {
			b = append(b, "XX"...)
		} else {
			b = appendPad(b, v.d, 2)
		}
		if v.pod != "" {
			b = append(append(b, 'T'), v.pod...)
		} else if v.hasTime {
			b = append(appendPad(append(b, 'T'), v.hh, 2), ':')
			b = appendPad(b, v.mm, 2)
			if v.hasSec {
				b = appendPad(append(b, ':'), v.ss, 2)
			}
		}
		return b
	}
	return b
}

func (v dval) known() bool { return v.y != 0 }

// isoWeekVal returns the ISO week containing t.
func isoWeekVal(t time.Time) dval {
	y, w := t.ISOWeek()
	return dval{g: gWeek, y: y, w: w}
}

func isoWeekday(t time.Time) int {
	wd := int(t.Weekday())
	if wd == 0 {
		return 7
	}
	return wd
}

// Bounds gives the calendar range [from, to) a TIMEX3 date or time value
// covers. ok is false for durations, sets, *_REF values and values holding
// X placeholders.
func Bounds(value string) (from, to time.Time, ok bool) {
	s := value
	if len(s) < 2 {
		return
	}
	for i := 0; i < len(s); i++ {
		if s[i] == 'X' {
			return
		}
	}
	if s[0] == 'P' || s[0] < '0' || s[0] > '9' {
		return
	}
	digits := func(s string) (int, bool) {
		if s == "" {
			return 0, false
		}
		n := 0
		for i := 0; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				return 0, false
			}
			n = n*10 + int(s[i]-'0')
		}
		return n, true
	}
	utc := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	switch len(s) {
	case 2:
		c, ok1 := digits(s)
		if !ok1 {
			return
		}
		return utc(c*100, 1, 1), utc(c*100+100, 1, 1), true
	case 3:
		d, ok1 := digits(s)
		if !ok1 {
			return
		}
		return utc(d*10, 1, 1), utc(d*10+10, 1, 1), true
	}
	y, ok1 := digits(s[:4])
	if !ok1 {
		return
	}
	if len(s) == 4 {
		return utc(y, 1, 1), utc(y+1, 1, 1), true
	}
	if s[4] != '-' || len(s) < 7 {
		return
	}
	rest := s[5:]
	switch {
	case rest[0] == 'Q' && len(rest) == 2:
		q, ok1 := digits(rest[1:])
		if !ok1 || q < 1 || q > 4 {
			return
		}
		return utc(y, 3*q-2, 1), utc(y, 3*q+1, 1), true
	case rest[0] == 'H' && len(rest) == 2:
		h, ok1 := digits(rest[1:])
		if !ok1 || h < 1 || h > 2 {
			return
		}
		return utc(y, 6*h-5, 1), utc(y, 6*h+1, 1), true
	case len(rest) == 2 && (rest == "SP" || rest == "SU" || rest == "FA" || rest == "WI"):
		// Meteorological seasons (northern hemisphere); winter spans the turn of the year.
		switch rest {
		case "SP":
			return utc(y, 3, 1), utc(y, 6, 1), true
		case "SU":
			return utc(y, 6, 1), utc(y, 9, 1), true
		case "FA":
			return utc(y, 9, 1), utc(y, 12, 1), true
		default:
			return utc(y, 12, 1), utc(y+1, 3, 1), true
		}
	case rest[0] == 'W':
		wk, ok1 := digits(rest[1:min(3, len(rest))])
		if !ok1 || len(rest) < 3 || wk < 1 || wk > 53 {
			return
		}
		// Monday of ISO week 1 is the Monday on or before Jan 4.
		jan4 := utc(y, 1, 4)
		mon := jan4.AddDate(0, 0, -(isoWeekday(jan4)-1)).AddDate(0, 0, 7*(wk-1))
		if len(rest) == 3 {
			return mon, mon.AddDate(0, 0, 7), true
		}
		if rest[3:] == "-WE" {
			return mon.AddDate(0, 0, 5), mon.AddDate(0, 0, 7), true
		}
		return
	}
	m, ok1 := digits(rest[:2])
	if !ok1 || m < 1 || m > 12 {
		return
	}
	if len(rest) == 2 {
		return utc(y, m, 1), utc(y, m+1, 1), true
	}
	if len(rest) < 5 || rest[2] != '-' {
		return
	}
	d, ok1 := digits(rest[3:5])
	if !ok1 || d < 1 || d > daysIn(y, m) {
		return
	}
	day := utc(y, m, d)
	if len(rest) == 5 {
		return day, day.AddDate(0, 0, 1), true
	}
	t := rest[5:]
	if t[0] != 'T' || len(t) < 3 {
		return
	}
	t = t[1:]
	switch t {
	case "MO":
		return day.Add(6 * time.Hour), day.Add(12 * time.Hour), true
	case "AF":
		return day.Add(12 * time.Hour), day.Add(18 * time.Hour), true
	case "EV":
		return day.Add(18 * time.Hour), day.Add(22 * time.Hour), true
	case "NI":
		return day.Add(20 * time.Hour), day.Add(30 * time.Hour), true
	case "DT":
		return day.Add(8 * time.Hour), day.Add(18 * time.Hour), true
	}
	if len(t) < 5 || t[2] != ':' {
		return
	}
	hh, ok1 := digits(t[:2])
	mm, ok2 := digits(t[3:5])
	if !ok1 || !ok2 || hh > 24 || mm > 59 {
		return
	}
	start := day.Add(time.Duration(hh)*time.Hour + time.Duration(mm)*time.Minute)
	if len(t) == 5 {
		return start, start.Add(time.Minute), true
	}
	if len(t) == 8 && t[5] == ':' {
		ss, ok3 := digits(t[6:8])
		if !ok3 || ss > 60 {
			return
		}
		start = start.Add(time.Duration(ss) * time.Second)
		return start, start.Add(time.Second), true
	}
	return time.Time{}, time.Time{}, false
}

func daysIn(y, m int) int {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}
