package main

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// systemBrowser stands in for the desktop's browser launcher: an xdg-open
// script first in the app's PATH (pkg/browser runs `xdg-open URL` on Linux)
// writes each URL to a file the test reads, and the test opens it in
// headless Chromium.
type systemBrowser struct {
	binDir, urls string
}

func newSystemBrowser(t *testing.T) *systemBrowser {
	t.Helper()
	dir := t.TempDir()
	b := &systemBrowser{binDir: filepath.Join(dir, "bin"), urls: filepath.Join(dir, "opened-urls")}
	if err := os.Mkdir(b.binDir, 0o755); err != nil {
		t.Fatal(err)
	}
	script := "#!/bin/sh\nprintf '%s\\n' \"$1\" >> '" + b.urls + "'\n"
	if err := os.WriteFile(filepath.Join(b.binDir, "xdg-open"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return b
}

// nextURL waits for the n-th URL (1-based) the app opened.
func (b *systemBrowser) nextURL(t *testing.T, n int, within time.Duration) string {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		data, _ := os.ReadFile(b.urls)
		if lines := strings.Split(strings.TrimSpace(string(data)), "\n"); len(data) > 0 && len(lines) >= n {
			return lines[n-1]
		}
		if time.Now().After(deadline) {
			t.Fatalf("the app opened no browser URL within %s", within)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// chromium starts headless Debian Chromium with a fresh profile; the
// returned context drives it, and t.Cleanup ends it.
func chromium(t *testing.T) context.Context {
	t.Helper()
	if _, err := os.Stat("/usr/bin/chromium"); err != nil {
		t.Fatalf("no /usr/bin/chromium (run `make test`, which installs it): %v", err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath("/usr/bin/chromium"),
		chromedp.NoSandbox,
		chromedp.Headless,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil { // starts the browser
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// allow is the person at Salesforce's page: open the authorize URL, click
// Allow, and let the browser follow the redirect to the app's loopback
// listener. It returns the page the app's listener answered with.
func allow(t *testing.T, ctx context.Context, authorizeURL string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 90*time.Second)
	defer cancel()
	err := chromedp.Do(ctx,
		chromedp.Navigate(authorizeURL),
		chromedp.WaitVisible(chromedp.ID("allow")),
		chromedp.Click(chromedp.ID("allow")),
	)
	if err != nil {
		t.Fatalf("browser at %s: %v", authorizeURL, err)
	}
	// The click posts the form; Salesforce redirects to the app's listener.
	for at := ""; ; time.Sleep(100 * time.Millisecond) {
		if loc, err := chromedp.Run(ctx, chromedp.Location()); err == nil {
			u, _ := url.Parse(loc)
			if u != nil && u.Path == "/OauthRedirect" {
				if done, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.readyState === "complete"`)); err == nil && done {
					break
				}
			}
			if u != nil {
				at = u.Scheme + "://" + u.Host + u.Path // never the query: it carries the code
			}
		}
		if ctx.Err() != nil {
			t.Fatalf("the browser never reached the app's callback page (last at %s)", at)
		}
	}
	title, err := chromedp.Run(ctx, chromedp.Title())
	if err != nil {
		t.Fatal(err)
	}
	text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("body")))
	if err != nil {
		t.Fatal(err)
	}
	return title + "\n" + text
}
