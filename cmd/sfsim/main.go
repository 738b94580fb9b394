// Command sfsim runs the Salesforce API simulator (core/sfsim) as a
// standalone loopback server for the Demo org and manual testing.
//
// It prints one JSON line on stdout, {"base_url","client_id","access_token"},
// then serves until SIGINT or SIGTERM. --api-disabled, --no-view-setup and
// --no-read OBJECT (repeatable) make the signed-in user lack a permission,
// to try how a client reports it. Besides the Salesforce endpoints
// (/services/oauth2/*, /id/…, /services/data/…) it answers the simulator's
// admin API, from loopback only:
//
//	GET  /_sim/usage                      {"used":N,"max":M}
//	PUT  /_sim/usage                      {"used":N}
//	GET  /_sim/records/{Object}           every row, soft-deleted ones included
//	POST /_sim/records/{Object}           JSON fields → {"id":…}
//	PATCH /_sim/records/{Object}/{Id}     JSON fields
//	DELETE /_sim/records/{Object}/{Id}    soft delete (?hard=true: hard delete)
//	POST /_sim/records/{Object}/{Id}/undelete
//	POST /_sim/faults                     {"endpoint":"query","nth":2,"times":1,"kind":"http_503","delay":"2s"}
//	DELETE /_sim/faults
//	POST /_sim/sessions                   a new access token
//	POST /_sim/sessions/expire            end every session
//	POST /_sim/refresh-tokens/revoke      revoke every refresh token
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
