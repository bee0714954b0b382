package timex

import "time"

// Holidays with a calendar rule (US ones where the rule is national).
const (
	hChristmas = iota + 1
	hThanksgiving
	hEaster
	hHalloween
	hElection
	hLabor
	hLabour
	hMemorial
	hIndependence
	hValentine
	hVeterans
)

var holidayWords = [...]string{"", "christmas", "thanksgiving", "easter", "halloween", "election", "labor",
	"labour", "memorial", "independence", "valentine", "veterans"}

// needsDay: names that are a holiday only as "<Name> Day".
func needsDay(h int) bool {
	switch h {
	case hElection, hLabor, hLabour, hMemorial, hIndependence, hValentine, hVeterans:
		return true
	}
	return false
}

// holidayDate gives the holiday's date in year y.
func holidayDate(h, y int, eve bool) time.Time {
	d := func(m, day int) time.Time { return time.Date(y, time.Month(m), day, 0, 0, 0, 0, time.UTC) }
	// nth weekday wd (ISO) of month m; n = -1 for the last.
	nth := func(m, wd, n int) time.Time {
		if n < 0 {
			t := d(m+1, 1).AddDate(0, 0, -1)
			return t.AddDate(0, 0, -((isoWeekday(t) - wd + 7) % 7))
		}
		t := d(m, 1)
		return t.AddDate(0, 0, (wd-isoWeekday(t)+7)%7+7*(n-1))
	}
	switch h {
	case hChristmas:
		if eve {
			return d(12, 24)
		}
		return d(12, 25)
	case hThanksgiving:
		return nth(11, 4, 4)
	case hEaster:
		// Anonymous Gregorian computus.
		a, b, c := y%19, y/100, y%100
		dd, e := b/4, b%4
		f := (b + 8) / 25
		g := (b - f + 1) / 3
		hh := (19*a + b - dd - g + 15) % 30
		i, k := c/4, c%4
		l := (32 + 2*e + 2*i - hh - k) % 7
		m := (a + 11*hh + 22*l) / 451
		month := (hh + l - 7*m + 114) / 31
		day := (hh+l-7*m+114)%31 + 1
		return d(month, day)
	case hHalloween:
		return d(10, 31)
	case hElection:
		return nth(11, 1, 1).AddDate(0, 0, 1)
	case hLabor, hLabour:
		return nth(9, 1, 1)
	case hMemorial:
		return nth(5, 1, -1)
	case hIndependence:
		return d(7, 4)
	case hValentine:
		return d(2, 14)
	case hVeterans:
		return d(11, 11)
	}
	return time.Time{}
}

// holidayExpr: "Christmas", "Christmas Eve", "Thanksgiving Day", "Easter 1916", "Election Day".
func (p *parser) holidayExpr(i int) (cand, bool) {
	t := p.toks[i]
	if !t.cap || t.kind != kWord {
		return cand{}, false
	}
	h := int(t.val)
	j := i + 1
	if h == hValentine && p.isPunct(j, "'") || h == hValentine && p.isPunct(j, "’") {
		j += 2 // "Valentine's"
	}
	eve := false
	if n := p.tk(j); n != nil && n.kind == kWord && n.cap {
		switch p.text[n.s:n.e] {
		case "Day", "Sunday":
			j++
		case "Eve":
			if h == hChristmas {
				eve = true
				j++
			}
		}
	}
	if needsDay(h) && (j == i+1 || !p.wordIs(j-1, "Day")) {
		return cand{}, false
	}
	ref := holidayDate(h, 2001, eve)
	c := cand{i: i, j: j, typ: "date", anchors: true}
	if y, end, ok := p.yearAt(j); ok && y > 0 {
		c.j = end
		c.v = dayOf(holidayDate(h, y, eve))
		return c, true
	}
	y, rel := p.yearFor(i, int(ref.Month()), ref.Day(), 0)
	c.rel, c.unres = rel, y == 0
	if y == 0 {
		c.v = dval{g: gDay, m: int(ref.Month()), d: ref.Day()}
		if h == hEaster || h == hThanksgiving || h == hElection || h == hLabor || h == hLabour || h == hMemorial {
			c.v.m, c.v.d = 0, 0 // floats from year to year
		}
		c.anchors = false
		return c, true
	}
	c.v = dayOf(holidayDate(h, y, eve))
	return c, true
}
