package ui

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/sfsync/sfsync/core/engine"
	"github.com/sfsync/sfsync/core/salesforce"
	"github.com/sfsync/sfsync/core/sfsim"
	"github.com/sfsync/sfsync/core/store"
)

// DemoClientID is the consumer key the Demo org registers.
const DemoClientID = "sfsync-demo"

// DemoSeed is the Demo org's size: a realistic small company, 65,200
// records (10,000 Accounts with 3 Contacts and 2 Opportunities each, 5,000
// Leads, 200 Users).
func DemoSeed() sfsim.SeedConfig {
	return sfsim.SeedConfig{Users: 200, Accounts: 10_000, ContactsPerAccount: 3,
		OpportunitiesPerAccount: 2, Leads: 5_000, Seed: 1}
}

// StartDemoOrg runs the Salesforce simulator in-process on 127.0.0.1 with
// seed, registering the loopback callback on a port that is free now, so
// the Demo org goes through the same browser sign-in as a real org.
func StartDemoOrg(seed sfsim.SeedConfig) (Demo, error) {
	port, err := freeLoopbackPort()
	if err != nil {
		return Demo{}, fmt.Errorf("demo org: %w", err)
	}
	sim := sfsim.New(sfsim.Options{
		ClientID:     DemoClientID,
		AppName:      "sfsync",
		RedirectURIs: []string{"http://localhost:" + strconv.Itoa(port) + salesforce.DefaultRedirectPath},
		Org:          sfsim.NewOrg(seed),
	})
	return serveDemo(sim, port)
}

// serveDemo serves a simulator handler on a free loopback port.
func serveDemo(sim http.Handler, callbackPort int) (Demo, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return Demo{}, fmt.Errorf("demo org: listen: %w", err)
	}
	srv := &http.Server{Handler: sim, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			_ = ln.Close()
		}
	}()
	return Demo{
		LoginURL:     "http://" + ln.Addr().String(),
		ClientID:     DemoClientID,
		CallbackPort: callbackPort,
		Stop:         func() { _ = srv.Close() },
	}, nil
}

// freeLoopbackPort asks the OS for a port that is free on 127.0.0.1.
func freeLoopbackPort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("find a free callback port: %w", err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// DemoEndedDetail is the Data Sources detail after a restart when the
// source was the Demo org.
const DemoEndedDetail = "The Demo org lives only while sfsync runs: connect to it again. " +
	"The records it synced stay browsable in Records."

// EndStaleDemo signs out of the Demo org of an earlier run, if that is the
// stored source: the Demo org ran inside that sfsync process, which is gone
// (this process holds the data directory), so its sign-in can never work
// again. The records stay; the source shows Not connected with
// DemoEndedDetail. Call it before the engine's scheduler starts, so no sync
// tries the dead address. It reports whether it signed out.
func EndStaleDemo(ctx context.Context, eng Engine, st *store.Store) (bool, error) {
	if eng.State().Status == engine.StatusNotConnected {
		return false, nil
	}
	set, found, err := st.Settings()
	if err != nil || !found {
		return false, err
	}
	if set.LoginHost != store.LoginDemo || set.ClientID != DemoClientID {
		return false, nil
	}
	if err := eng.Forget(ctx, DemoEndedDetail); err != nil {
		return false, fmt.Errorf("sign out of the ended Demo org: %w", err)
	}
	return true, nil
}
