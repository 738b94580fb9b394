package engine

import "sync"

// eventQueue hands events to a reader without ever blocking the worker: a
// forwarder goroutine moves queued events to the channel. Consecutive
// Progress (and QuotaChanged) events are coalesced into the latest one, so
// a slow reader sees fewer of them; the other kinds are always delivered.
type eventQueue struct {
	out    chan Event
	mu     sync.Mutex
	queue  []Event
	wake   chan struct{}
	closed bool
	done   chan struct{}
}

func newEventQueue(buffer int) *eventQueue {
	q := &eventQueue{out: make(chan Event, buffer), wake: make(chan struct{}, 1), done: make(chan struct{})}
	go q.forward()
	return q
}

func coalescable(k EventKind) bool { return k == EventProgress || k == EventQuotaChanged }

// push queues ev; it never blocks.
func (q *eventQueue) push(ev Event) {
	q.mu.Lock()
	if q.closed {
		q.mu.Unlock()
		return
	}
	if n := len(q.queue); n > 0 && coalescable(ev.Kind) && q.queue[n-1].Kind == ev.Kind {
		q.queue[n-1] = ev
	} else {
		q.queue = append(q.queue, ev)
	}
	q.mu.Unlock()
	select {
	case q.wake <- struct{}{}:
	default:
	}
}

// forward delivers queued events in order until close, then closes out.
func (q *eventQueue) forward() {
	defer close(q.out)
	for {
		q.mu.Lock()
		if len(q.queue) == 0 {
			closed := q.closed
			q.mu.Unlock()
			if closed {
				return
			}
			<-q.wake
			continue
		}
		ev := q.queue[0]
		q.queue[0] = Event{}
		q.queue = q.queue[1:]
		q.mu.Unlock()
		select {
		case q.out <- ev:
		case <-q.done: // closing: drop what the reader did not take
			q.mu.Lock()
			q.queue = nil
			q.mu.Unlock()
		}
	}
}

// close stops the forwarder; the out channel is closed once it exits.
func (q *eventQueue) close() {
	q.mu.Lock()
	if q.closed {
		q.mu.Unlock()
		return
	}
	q.closed = true
	q.mu.Unlock()
	close(q.done)
	select {
	case q.wake <- struct{}{}:
	default:
	}
}
