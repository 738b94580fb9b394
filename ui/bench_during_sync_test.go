package ui

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/sfsync/sfsync/core/engine"
)

// lockstepEngine hands the window's event pump one engine event at a time,
// so the benchmark's UI loop decides when each is applied.
type lockstepEngine struct {
	*engine.Engine
	out chan engine.Event
}

func (l *lockstepEngine) Events() <-chan engine.Event { return l.out }

// BenchmarkTapWhileSyncing: while a real engine (in this process, as in the
// app) runs the first sync of 1,000,000 Accounts from the simulator (its
// own process), taps on the Data Sources menu button wait their turn on the
// UI goroutine with the engine's events, and each tap's latency is the
// time from its enqueue to the end of its handler (the popup menu shown).
//
// Fyne's test driver runs fyne.Do on the caller's goroutine, so the one UI
// goroutine is played by a loop here: it applies each engine event (through
// the window's own pump, in lockstep) or runs a tap, one at a time, as the
// real driver's fyne.Do queue does. Painting frames is not included. The
// store it syncs is then shared with the Records and window benchmarks.
func BenchmarkTapWhileSyncing(b *testing.B) {
	rows := benchOrgRows(b)
	sim := startBenchSimulator(b, rows)
	dir, st, e := newBenchEngine(b, sim)
	test.NewTempApp(b)
	lock := &lockstepEngine{Engine: e, out: make(chan engine.Event)}
	m := NewMainWindow(fyne.CurrentApp(), Deps{Engine: lock, Store: st, Quit: func() {}})
	m.Window.Resize(fyne.NewSize(1000, 700))
	m.Window.Show()
	applied := make(chan time.Duration)
	m.applied = func(d time.Duration) { applied <- d }

	taps := make(chan time.Time)
	stopUI := make(chan struct{})
	var tapLatency, applyTook []time.Duration
	menus := 0
	uiDone := make(chan struct{})
	go func() { // the UI goroutine
		defer close(uiDone)
		events := e.Events()
		for {
			select {
			case ev, ok := <-events:
				if !ok {
					events = nil
					continue
				}
				lock.out <- ev
				applyTook = append(applyTook, <-applied)
			case queued := <-taps:
				test.Tap(m.Sources.Menu)
				tapLatency = append(tapLatency, time.Since(queued))
				// The menu is the top overlay; close it for the next tap.
				if top := m.Window.Canvas().Overlays().Top(); top != nil {
					menus++
					m.Window.Canvas().Overlays().Remove(top)
				}
			case <-stopUI:
				return
			}
		}
	}()

	stopTaps := make(chan struct{})
	var tapper sync.WaitGroup
	tapper.Add(1)
	go func() { // a person tapping every 5 ms
		defer tapper.Done()
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stopTaps:
				return
			case <-tick.C:
				select {
				case taps <- time.Now():
				case <-stopTaps:
					return
				}
			}
		}
	}()

	b.ResetTimer()
	start := time.Now()
	run, err := e.RunOnce(context.Background())
	took := time.Since(start)
	b.StopTimer()
	close(stopTaps)
	tapper.Wait()
	close(stopUI)
	<-uiDone
	e.Close()
	close(lock.out)
	m.Close()
	if err != nil {
		b.Fatal(err)
	}
	if err := st.Close(); err != nil {
		b.Fatal(err)
	}
	keepBenchStore(dir, rows)
	if len(tapLatency) == 0 || menus != len(tapLatency) {
		b.Fatalf("%d taps, %d opened the menu", len(tapLatency), menus)
	}
	p50, p99, worst := percentiles(tapLatency)
	_, _, applyWorst := percentiles(applyTook)
	b.ReportMetric(ms(p50), "ms-tap-p50")
	b.ReportMetric(ms(p99), "ms-tap-p99")
	b.ReportMetric(ms(worst), "ms-tap-max")
	fmt.Printf("tap while syncing %d Accounts (%s, %d Account rows stored, %d API calls): %d taps, latency p50 %.2f ms, p99 %.2f ms, max %.2f ms (target p99 < 50 ms); %d events applied, slowest %.2f ms\n",
		rows, took.Round(time.Millisecond), run.Objects["Account"].Added, run.APICalls, len(tapLatency),
		ms(p50), ms(p99), ms(worst), len(applyTook), ms(applyWorst))
}

// percentiles are the 50th and 99th percentiles and the maximum of d.
func percentiles(d []time.Duration) (p50, p99, worst time.Duration) {
	if len(d) == 0 {
		return 0, 0, 0
	}
	s := slices.Clone(d)
	slices.Sort(s)
	at := func(p float64) time.Duration { return s[min(len(s)-1, int(p*float64(len(s))))] }
	return at(0.50), at(0.99), s[len(s)-1]
}

func ms(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1e6 }
