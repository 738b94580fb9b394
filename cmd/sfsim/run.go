package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/sfsync/sfsync/core/sfsim"
)

// shutdownGrace bounds how long in-flight requests may finish after a signal.
const shutdownGrace = 5 * time.Second

// listening is the line printed once the server accepts connections.
type listening struct {
	BaseURL     string `json:"base_url"`
	ClientID    string `json:"client_id"`
	AccessToken string `json:"access_token"`
}

// stringList is a repeatable string flag.
type stringList []string

func (u *stringList) String() string     { return strings.Join(*u, ",") }
func (u *stringList) Set(s string) error { *u = append(*u, s); return nil }

// run parses args, serves the simulator until ctx ends, and writes the
// listening line to stdout.
func run(ctx context.Context, args []string, stdout io.Writer) error {
	opts, seed, addr, err := parseFlags(args)
	if err != nil {
		return err
	}
	if err := requireLoopback(addr); err != nil {
		return err
	}
	opts.Org = sfsim.NewOrg(seed) // explicit, so an all-zero seed means an empty org
	for _, obj := range opts.NoReadAccess {
		// sfsim.New panics on an unknown object; say it as a flag error.
		if err := opts.Org.WithholdRead(obj, true); err != nil {
			return fmt.Errorf("--no-read %s: %w", obj, err)
		}
	}
	sim := sfsim.New(opts)
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", addr, err)
	}
	srv := &http.Server{Handler: sim, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	line, err := json.Marshal(listening{
		BaseURL:     "http://" + ln.Addr().String(),
		ClientID:    opts.ClientID,
		AccessToken: sim.IssueAccessToken(),
	})
	if err == nil {
		_, err = fmt.Fprintf(stdout, "%s\n", line)
	}
	if err != nil {
		_ = srv.Close()
		return fmt.Errorf("print listening line: %w", err)
	}

	select {
	case err := <-served:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	shutCtx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}

func parseFlags(args []string) (opts sfsim.Options, seed sfsim.SeedConfig, addr string, err error) {
	seed = sfsim.DefaultSeed()
	var redirects, noRead stringList
	fs := flag.NewFlagSet("sfsim", flag.ContinueOnError)
	fs.StringVar(&addr, "addr", "127.0.0.1:0", "listen address; loopback only (port 0: a free port)")
	fs.IntVar(&seed.Users, "users", seed.Users, "users to seed")
	fs.IntVar(&seed.Accounts, "accounts", seed.Accounts, "accounts to seed")
	fs.IntVar(&seed.ContactsPerAccount, "contacts-per-account", seed.ContactsPerAccount, "contacts per account")
	fs.IntVar(&seed.OpportunitiesPerAccount, "opportunities-per-account", seed.OpportunitiesPerAccount, "opportunities per account")
	fs.IntVar(&seed.Leads, "leads", seed.Leads, "leads to seed")
	fs.Int64Var(&seed.Seed, "seed", seed.Seed, "random seed: same flags, same data and Ids")
	fs.IntVar(&seed.Queues, "queues", 0, "lead queues (Group records of Type Queue) to seed")
	fs.IntVar(&seed.QueueLeadShare, "queue-lead-share", 0, "percentage of Leads owned by a queue (needs no --queues: one is seeded)")
	fs.IntVar(&opts.DailyAPIMax, "daily-api-max", 15000, "daily API request allowance")
	fs.StringVar(&opts.ClientID, "client-id", "sfsync-demo", "registered consumer key")
	fs.Var(&redirects, "redirect-uri", "registered callback URL, exact match (repeatable; default http://localhost:1717/OauthRedirect)")
	fs.BoolVar(&opts.RotateRefreshTokens, "rotate-refresh-tokens", false, "make refresh tokens single-use")
	fs.DurationVar(&opts.AccessTokenTTL, "access-token-ttl", 2*time.Hour, "session lifetime")
	fs.BoolVar(&opts.APIDisabled, "api-disabled", false, "the user lacks API Enabled: every REST data call gets 403 API_DISABLED_FOR_ORG")
	fs.BoolVar(&opts.NoViewSetup, "no-view-setup", false, "the user lacks View Setup and Configuration: limits gets 403 INSUFFICIENT_ACCESS")
	fs.Var(&noRead, "no-read", "an object the user cannot read, e.g. Lead (repeatable)")
	fs.BoolVar(&opts.NoViewAllUsers, "no-view-all-users", false, "the user lacks View All Users: User queries return a subset")
	fs.IntVar(&opts.DailyBulkJobsMax, "daily-bulk-jobs-max", 10000, "DailyBulkV2QueryJobs: Bulk query jobs allowed per day")
	fs.BoolVar(&opts.NoLimitHeader, "no-limit-header", false, "responses carry no Sforce-Limit-Info header (a gateway strips it)")
	fs.BoolVar(&opts.PlainJSONNumbers, "plain-json-numbers", false, "REST JSON prints numbers as plain decimals, not Salesforce's 9.9213206E7")
	if err := fs.Parse(args); err != nil {
		return opts, seed, "", err
	}
	if fs.NArg() > 0 {
		return opts, seed, "", fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	opts.RedirectURIs, opts.NoReadAccess = redirects, noRead
	return opts, seed, addr, nil
}

// requireLoopback refuses to expose the simulator beyond this machine: it
// hands out sessions to anyone who asks (the admin API, the printed token).
func requireLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("--addr %q: %w", addr, err)
	}
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("--addr %q: the simulator listens on loopback only (use 127.0.0.1 or [::1])", addr)
	}
	return nil
}
