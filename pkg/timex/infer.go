package timex

import (
	"fmt"
	"strings"
	"time"

	"github.com/sanc-news/sanc/pkg/segment"
)

// LatestYear is the latest year the expressions name outright (no relative
// ones, no numeric stamps such as "01/22/2025 03:02", no span over a year), 0
// if none: everything an article talks about lies before it.
func LatestYear(xs []Expr) int {
	latest := 0
	for _, x := range xs {
		if x.Type != "date" || x.Relative || strings.ContainsAny(x.Text, "/:") {
			continue
		}
		if from, to, ok := Bounds(x.Value); ok && to.Sub(from) <= 400*24*time.Hour {
			latest = max(latest, from.Year())
		}
	}
	return latest
}

// InferDocDate infers an article's publication date from its own text when no
// metadata gives one. A weekday written beside a yearless date ("Wednesday
// (Dec. 2)", "Wednesday, Dec. 2") fixes the year among those the article makes
// plausible: the first year, from the latest year the article mentions, in
// which that date falls on that weekday. latestYear is the latest year the
// prose refers to (numeric stamps such as "01/22/2025 03:02" are left out,
// being page furniture), so a caller can flag a header timestamp years after
// everything in the article as a crawl date. ok is false when nothing fits.
func InferDocDate(text string, paras []segment.Paragraph) (date time.Time, latestYear int, ok bool, why string) {
	if paras == nil {
		paras = segment.Split(text)
	}
	xs := Extract(text, paras, time.Time{})
	latestYear = LatestYear(xs)
	if latestYear == 0 {
		return time.Time{}, 0, false, "no year in the text"
	}
	// Find "Weekday (Month Day)" / "Weekday, Month Day" without a year. The
	// comma form is one expression, the bracketed one two.
	for k := 0; k < len(xs); k++ {
		a, b := xs[k], xs[k]
		wd := 0
		if c := strings.IndexByte(a.Text, ','); c > 0 {
			wd = weekdayWord(a.Text[:c])
			b.Text = strings.TrimSpace(a.Text[c+1:])
		} else if k+1 < len(xs) {
			b = xs[k+1]
			wd = weekdayWord(a.Text)
			if gap := text[a.End:b.Start]; gap != " (" && gap != "(" && gap != ", " && gap != "," {
				continue
			}
		}
		if wd == 0 {
			continue
		}
		if len(b.Value) != 10 || !strings.HasPrefix(b.Value, "XXXX-") || b.Value[5] == 'X' || b.Value[8] == 'X' {
			continue
		}
		var m, d int
		if _, err := fmt.Sscanf(b.Value[5:], "%02d-%02d", &m, &d); err != nil {
			continue
		}
		for y := latestYear; y <= latestYear+12; y++ {
			if d > daysIn(y, m) {
				continue
			}
			t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
			if isoWeekday(t) == wd {
				return t, latestYear, true, fmt.Sprintf("%q beside %q falls on that weekday first in %d, the latest year the article mentions being %d", weekdayName(wd), b.Text, y, latestYear)
			}
		}
	}
	return time.Time{}, latestYear, false, "no weekday written beside a date"
}

func weekdayName(wd int) string { return time.Weekday(wd % 7).String() }
