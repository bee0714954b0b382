package corpus

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sanc-news/sanc/pkg/analyze"
)

func visitCorpus(n int) (*Corpus, []int) {
	items := make([]*Item, n)
	positions := make([]int, n)
	for i := range items {
		items[i] = &Item{Article: &analyze.Article{}}
		positions[i] = i
	}
	return Of(items...), positions
}

// Whatever the cores' timing, emit sees the records in the order of the
// positions, each article's in the order fn gave them.
func TestVisitKeepsOrder(t *testing.T) {
	for _, n := range []int{0, 1, 63, 64, 65, 1000, 5001} {
		c, positions := visitCorpus(n)
		var got []int
		err := Visit(c, positions, VisitOptions{}, func(it *Item) []int {
			return []int{2 * it.Ord, 2*it.Ord + 1}
		}, func(r int) error {
			got = append(got, r)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2*n {
			t.Fatalf("%d articles: %d records, want %d", n, len(got), 2*n)
		}
		for i, r := range got {
			if r != i {
				t.Fatalf("%d articles: record %d is %d", n, i, r)
			}
		}
	}
}

// An error from emit (a closed pipe) stops the visit and comes back.
func TestVisitStopsOnEmitError(t *testing.T) {
	c, positions := visitCorpus(10000)
	stop := errors.New("broken pipe")
	emitted := 0
	err := Visit(c, positions, VisitOptions{}, func(it *Item) []int { return []int{it.Ord} }, func(int) error {
		emitted++
		if emitted == 100 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || emitted != 100 {
		t.Errorf("err %v after %d records, want %v after 100", err, emitted, stop)
	}
}

// A panic while records are made on the other cores comes back to the
// caller's goroutine, where the command reports it, rather than ending the
// process with a stack dump.
func TestVisitRaisesPanicsOnTheCaller(t *testing.T) {
	c, positions := visitCorpus(500)
	defer func() {
		if r := recover(); r == nil || !strings.Contains(fmt.Sprint(r), "boom") {
			t.Errorf("recovered %v, want the worker's panic", r)
		}
	}()
	_ = Visit(c, positions, VisitOptions{}, func(it *Item) []int {
		if it.Ord == 321 {
			panic("boom")
		}
		return nil
	}, func(int) error { return nil })
	t.Error("Visit returned")
}

// After emit fails or panics, the workers take no more runs and none is
// left waiting.
func TestVisitStopsItsWorkers(t *testing.T) {
	c, positions := visitCorpus(100000)
	before := runtime.NumGoroutine()
	var visited atomic.Int64
	fn := func(it *Item) []int { visited.Add(1); return []int{it.Ord} }
	stop := errors.New("broken pipe")
	_ = Visit(c, positions, VisitOptions{}, fn, func(r int) error {
		if r == 1000 {
			return stop
		}
		return nil
	})
	func() {
		defer func() { recover() }()
		_ = Visit(c, positions, VisitOptions{}, fn, func(r int) error {
			if r == 1000 {
				panic("emit failed")
			}
			return nil
		})
	}()
	// Each visit stops within the runs already taken: 2*GOMAXPROCS ahead.
	if n, most := visited.Load(), int64(2*(1000+(2*runtime.GOMAXPROCS(0)+2)*runLen)); n > most {
		t.Errorf("%d articles visited, want at most %d", n, most)
	}
	for range 100 {
		if runtime.NumGoroutine() <= before {
			return
		}
		time.Sleep(time.Millisecond)
	}
	t.Errorf("%d goroutines left running, %d before", runtime.NumGoroutine(), before)
}
