// Command sfsim runs the Salesforce API simulator (core/sfsim) as a
// standalone loopback server for the Demo org and manual testing.
//
// It prints one JSON line on stdout, {"base_url","client_id","access_token"},
// then serves until SIGINT or SIGTERM.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "sfsim:", err)
		os.Exit(1)
	}
}
