package wording

import (
	"math"
	"strconv"
	"time"

	"github.com/sfsync/sfsync/core/fields"
)

// How long a first sync takes in a real org, for the estimate (the seeds:
// "It can take up to an hour to fully sync, depending on the amount of
// data"). Two figures:
//
//   - firstSyncJobWait: Salesforce runs each object's Bulk query job
//     before its results can be read. A small job completes within seconds
//     of creation (amp-labs/connectors#131 logs an Account job created at
//     15:52:17 and complete at 15:52:19), and sfsync's polls come a few
//     seconds apart: 10 s per object.
//   - firstSyncRowsPerSecond: reading and storing the rows. Measured here:
//     `sfsync connect --demo` reads and stores the Demo org's 65,200 rows
//     in 3 s over loopback on a 2-core machine (about 20,000 rows/s, the
//     simulator included), at about 100 bytes per row with the default
//     fields (the Demo org's CSV exports: 6.5 MB for 64,500 rows). sfsync
//     is therefore not the bottleneck; Salesforce producing the results
//     pages and the network are. 2,000 rows/s, a tenth of the local rate
//     (0.2 MB/s), is the rate assumed for them; it is not a measurement of
//     a real org.
const (
	firstSyncJobWait       = 10 * time.Second
	firstSyncRowsPerSecond = 2000
)

// FirstSyncDuration estimates how long the first sync of records records
// over objects objects takes in a real org (see firstSyncJobWait and
// firstSyncRowsPerSecond).
func FirstSyncDuration(records int64, objects int) time.Duration {
	rows := time.Duration(float64(max(records, 0)) / firstSyncRowsPerSecond * float64(time.Second))
	return time.Duration(max(objects, 1))*firstSyncJobWait + rows
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
func firstSyncTime(records int64) string {
	return " It takes " + About(FirstSyncDuration(records, len(fields.Objects))) +
		" (estimated from the record count); sfsync keeps working in the background."
}
