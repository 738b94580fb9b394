// Command sfsync keeps a local copy of a Salesforce org's records. With no
// command it opens the desktop app (`sfsync --demo` opens it and connects
// the built-in Demo org); `sfsync --help` lists the headless commands
// (connect, status, fields, sync, export, runs, explain, settings,
// disconnect, completion).
//
// main only dispatches: core/cli parses the command line, core/app wires
// the data directory for both faces, and desktop.go is the window's start.
package main

import (
	"os"

	"github.com/sfsync/sfsync/cmd/sfsync/internal/clocale"
	"github.com/sfsync/sfsync/core/cli"
)

func main() {
	clocale.Restore() // the locale Fyne's package init must not see is the person's again
	os.Exit(cli.Main(os.Args[1:], cli.IO{In: os.Stdin, Out: os.Stdout, Err: os.Stderr}, startDesktop))
}
