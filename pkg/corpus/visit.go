package corpus

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/sanc-news/sanc/pkg/snapshot"
)

// VisitOptions tune Visit.
type VisitOptions struct {
	// Records and Words read each run's records (quotations, expressions)
	// and words with few reads before fn sees its articles, for a query
	// that needs them.
	Records, Words bool
}

// runLen is how many neighbouring articles a worker takes at a time.
const runLen = 64

// Visit calls fn on the articles at positions on all cores, a run of
// neighbours at a time, and hands emit what fn returns in the order of
// positions, from the caller's goroutine. Workers stay a few runs ahead of
// emit, so a query that renders each record as it comes holds only those
// runs, however large its result. fn must touch only its own article and
// keep copies of what it returns: the article is released and forgotten
// after it, and its words' memory read into again. An error from emit
// stops the visit and is returned; a panic in fn is raised again here.
func Visit[R any](c *Corpus, positions []int, o VisitOptions, fn func(*Item) []R, emit func(R) error) error {
	runs := (len(positions) + runLen - 1) / runLen
	if runs == 0 {
		return nil
	}
	if len(positions) > c.Len()/16 {
		c.LoadKeys() // one read, not one per article made
	}
	workers := min(runtime.GOMAXPROCS(0), runs)
	done := make([]chan []R, runs)
	for k := range done {
		done[k] = make(chan []R, 1)
	}
	ahead := make(chan struct{}, 2*workers) // runs taken and not yet emitted
	stop := make(chan struct{})
	var next atomic.Int64
	var failed atomic.Value // a worker's panic
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var scratch snapshot.Scratch
			for {
				select {
				case <-stop: // first: once stopped, no run more is taken
					return
				default:
				}
				select {
				case ahead <- struct{}{}:
				case <-stop:
					return
				}
				k := int(next.Add(1)) - 1
				if k >= runs {
					return
				}
				out := visitRun(c, positions[k*runLen:min(len(positions), (k+1)*runLen)], o, &scratch, fn, &failed)
				if failed.Load() != nil {
					next.Store(int64(runs)) // the others stop too
				}
				done[k] <- out
			}
		}()
	}
	defer func() { // also when emit panics: no worker is left waiting
		close(stop)
		wg.Wait()
	}()
	for k := 0; k < runs; k++ {
		out := <-done[k]
		<-ahead
		if r := failed.Load(); r != nil {
			panic(r)
		}
		for _, r := range out {
			if err := emit(r); err != nil {
				return err
			}
		}
	}
	return nil
}

// visitRun is one worker's run: its records, joined in order, or nil after
// a panic (recorded in failed, for Visit to raise).
func visitRun[R any](c *Corpus, run []int, o VisitOptions, scratch *snapshot.Scratch, fn func(*Item) []R, failed *atomic.Value) (out []R) {
	defer func() {
		if r := recover(); r != nil {
			failed.CompareAndSwap(nil, fmt.Sprint(r))
			out = nil
		}
	}()
	if o.Records || o.Words {
		c.prefetch(run, o, scratch)
	}
	for _, pos := range run {
		it := c.Item(pos)
		if it == nil {
			continue
		}
		out = append(out, fn(it)...)
		it.Release()
		c.Forget(pos)
	}
	scratch.Reset() // the run's words are released
	return out
}
