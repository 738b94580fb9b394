// Package benchproc runs the pieces of a benchmark in processes of their
// own, so each one's memory and time can be measured apart: the Salesforce
// simulator (cmd/sfsim, built once with `go build`), and children of the
// test binary that run one measured task and report it as a JSON line.
//
// Peak memory of a child is its peak resident set (rusage Maxrss from
// Wait4), which is what the operating system charges the process with,
// GC headroom and runtime included. Only benchmarks use this package.
package benchproc
