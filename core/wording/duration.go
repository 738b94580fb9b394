package wording

import (
	"math"
	"strconv"
	"time"
)

// How long a first sync takes in a real org, for the estimate (the seeds:
// "It can take up to an hour to fully sync, depending on the amount of
// data"), from the estimate's own figures, the API calls and the records:
//
//   - firstSyncPerCall: each call is a round trip to Salesforce plus its
//     work there: creating a Bulk job, a status poll while the job runs,
//     a results page. A small job completes within seconds of creation
//     (amp-labs/connectors#131 logs an Account job created at 15:52:17 and
//     complete at 15:52:19, its results read in 0.2 s), and the engine
//     polls its jobs side by side: 1 s per call.
//   - firstSyncRowsPerSecond: reading and storing the rows. Measured here:
//     `sfsync connect --demo` reads and stores the Demo org's 65,200 rows
//     in 3 s over loopback on a 2-core machine (about 20,000 rows/s, the
//     simulator included), at about 100 bytes per row with the default
//     fields (the Demo org's CSV exports: 6.5 MB for 64,500 rows). sfsync
//     is therefore not the bottleneck; Salesforce producing the results
//     and the network are. 2,000 rows/s, a tenth of the local rate
//     (0.2 MB/s), is the rate assumed for them: an assumption, not a
//     measurement of a real org.
const (
	firstSyncPerCall       = time.Second
	firstSyncRowsPerSecond = 2000
)

// FirstSyncDuration estimates how long a first sync of records records
// with calls API calls takes in a real org (see firstSyncPerCall and
// firstSyncRowsPerSecond).
func FirstSyncDuration(records, calls int64) time.Duration {
	rows := time.Duration(float64(max(records, 0)) / firstSyncRowsPerSecond * float64(time.Second))
	return time.Duration(max(calls, 1))*firstSyncPerCall + rows
}

// About says a duration to a person: "less than a minute", "about 1
// minute", "about 25 minutes", "about 1 hour 10 minutes" (minutes rounded
// up; above an hour to 5 minutes).
func About(d time.Duration) string {
	mins := int64(math.Ceil(d.Minutes()))
	switch {
	case d < time.Minute:
		return "less than a minute"
	case mins < 60:
		return "about " + Count(mins, "minute", "minutes")
	}
	mins = (mins + 4) / 5 * 5
	s := "about " + Count(mins/60, "hour", "hours")
	if m := mins % 60; m != 0 {
		s += " " + strconv.FormatInt(m, 10) + " minutes"
	}
	return s
}

// firstSyncTime is the estimate's sentence on duration.
func firstSyncTime(records, calls int64) string {
	return " It takes " + About(FirstSyncDuration(records, calls)) +
		" (estimated from the record count); sfsync keeps working in the background."
}
