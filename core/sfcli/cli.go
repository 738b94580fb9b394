package sfcli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// PathEnv names the sf executable to use instead of the one on PATH.
const PathEnv = "SFSYNC_SF"

// DefaultTimeout bounds one sf command. sf is a Node program: a cold start
// loading its plugins takes seconds, and `org display` may refresh the
// org's token over the network first.
const DefaultTimeout = 90 * time.Second

// ErrNotInstalled means there is no sf executable on PATH (or at $SFSYNC_SF).
var ErrNotInstalled = errors.New("the Salesforce CLI (sf) is not installed")

// ErrSignedOut matches an Error that says the CLI has no working session
// for the org (never logged in, logged out, or its refresh token expired
// or was revoked): `sf org login web` fixes it.
var ErrSignedOut = errors.New("the Salesforce CLI has no working session for the org")

// maxMessage bounds the part of sf's message an Error quotes.
const maxMessage = 500

// CLI runs one sf executable.
type CLI struct {
	Path    string        // the sf executable
	Timeout time.Duration // per command (0: DefaultTimeout)
	// Env is added to sfsync's environment for every command (tests point
	// sf's home elsewhere).
	Env []string
}

// Find locates sf: $SFSYNC_SF, else "sf" on PATH. It returns an error
// matching ErrNotInstalled when there is none.
func Find() (*CLI, error) {
	if p := strings.TrimSpace(os.Getenv(PathEnv)); p != "" {
		if _, err := os.Stat(p); err != nil {
			return nil, fmt.Errorf("$%s=%s: %w", PathEnv, p, ErrNotInstalled)
		}
		return &CLI{Path: p}, nil
	}
	p, err := exec.LookPath("sf")
	if err != nil {
		return nil, ErrNotInstalled
	}
	return &CLI{Path: p}, nil
}

// Error is a failed sf command: its JSON error's name and message (bounded),
// or why there was no answer.
type Error struct {
	Command string // e.g. "sf org display"
	Name    string // sf's error name, e.g. "NamedOrgNotFoundError"
	Message string
	signed  bool // the CLI has no working session for the org
}

func (e *Error) Error() string {
	s := e.Command + ": " + e.Message
	if e.Name != "" {
		s += " (" + e.Name + ")"
	}
	return s
}

// Is lets errors.Is(err, ErrSignedOut) match.
func (e *Error) Is(target error) bool { return target == ErrSignedOut && e.signed }

// signedOutHints are the words of sf's errors when it has no working
// session for the org: an unknown alias or username, no stored auth, an
// expired or revoked refresh token.
var signedOutHints = []string{"NamedOrgNotFound", "NoAuthInfoFound", "No authorization information found",
	"expired access/refresh token", "invalid_grant", "RefreshTokenAuthError", "Unable to refresh session", "INVALID_SESSION_ID"}

func signedOut(texts ...string) bool {
	for _, t := range texts {
		for _, h := range signedOutHints {
			if strings.Contains(strings.ToLower(t), strings.ToLower(h)) {
				return true
			}
		}
	}
	return false
}

// reply is sf's --json envelope: status 0 with a result, or an error.
type reply struct {
	Status  int             `json:"status"`
	Result  json.RawMessage `json:"result"`
	Name    string          `json:"name"`
	Message string          `json:"message"`
}

// run runs `sf ARGS --json` and returns its result. Output is never quoted
// in errors: it can hold a token.
func (c *CLI) run(ctx context.Context, args ...string) (json.RawMessage, error) {
	name := "sf " + strings.Join(args[:min(2, len(args))], " ")
	timeout := c.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, c.Path, append(args, "--json")...)
	// sf's directory first on PATH: an npm install keeps the Node it needs
	// beside it (its launcher runs `env node`).
	path := "PATH=" + filepath.Dir(c.Path) + string(os.PathListSeparator) + os.Getenv("PATH")
	cmd.Env = append(append(append(os.Environ(), quietEnv...), path), c.Env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.WaitDelay = 5 * time.Second
	ownGroup(cmd)
	runErr := cmd.Run()
	if ctx.Err() != nil {
		return nil, &Error{Command: name, Message: fmt.Sprintf("no answer within %s (%v)", timeout, context.Cause(ctx))}
	}
	var r reply
	if json.Unmarshal(stdout.Bytes(), &r) != nil && json.Unmarshal(stderr.Bytes(), &r) != nil {
		msg := "printed no JSON answer"
		if runErr != nil {
			msg = "failed without a JSON answer (" + runErr.Error() + ")"
		}
		return nil, &Error{Command: name, Message: msg}
	}
	if r.Status != 0 || runErr != nil {
		m := bound(r.Message)
		if m == "" {
			m = "failed"
		}
		return nil, &Error{Command: name, Name: r.Name, Message: m, signed: signedOut(r.Name, r.Message)}
	}
	return r.Result, nil
}

// quietEnv keeps sf from updating itself, checking for new versions,
// showing release notes or sending telemetry while sfsync asks it
// something. Both autoupdate variables: with SF_AUTOUPDATE_DISABLE alone an
// npm-installed CLI still spawns `sf update --autoupdate` (see
// core/sfsim/simtest.SalesforceCLIEnv).
var quietEnv = []string{"SF_AUTOUPDATE_DISABLE=true", "SF_DISABLE_AUTOUPDATE=true", "SF_SKIP_NEW_VERSION_CHECK=true",
	"SF_DISABLE_TELEMETRY=true", "SFDX_DISABLE_TELEMETRY=true", "SF_HIDE_RELEASE_NOTES=true",
	"SF_HIDE_RELEASE_NOTES_FOOTER=true", "SF_USE_PROGRESS_BAR=false", "NO_COLOR=1"}

func bound(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > maxMessage {
		s = s[:maxMessage] + "…"
	}
	return s
}
