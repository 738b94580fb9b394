package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"

	"github.com/sfsync/sfsync/core/salesforce"
	"github.com/sfsync/sfsync/core/secrets"
	"github.com/sfsync/sfsync/core/store"
)

// AccessTokenEnv is where `connect --instance-url` reads the access token
// when --access-token is not given (keeps it out of the process list).
const AccessTokenEnv = "SFSYNC_ACCESS_TOKEN"

// accessTokenKey is the keyring entry (scoped like the engine's) of the
// access token of a session made with `connect --access-token`. The engine
// keeps such a session only in memory; the CLI keeps its token here so later
// commands can reconnect.
const accessTokenKey = "salesforce-access-token"

// readAccessToken resolves --access-token: "-" reads one line from stdin,
// "" reads $SFSYNC_ACCESS_TOKEN, anything else is the token itself.
func readAccessToken(flagValue string, stdin io.Reader) (string, error) {
	switch flagValue {
	case "-":
		line, err := bufio.NewReader(stdin).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return "", fmt.Errorf("read the access token from stdin: %w", err)
		}
		if tok := strings.TrimSpace(line); tok != "" {
			return tok, nil
		}
		return "", errors.New("no access token on stdin: pipe it in, e.g. `sf org display --json | jq -r .result.accessToken | sfsync connect --instance-url URL --access-token -`")
	case "":
		if tok := strings.TrimSpace(os.Getenv(AccessTokenEnv)); tok != "" {
			return tok, nil
		}
		return "", fmt.Errorf("no access token: pass --access-token - and the token on stdin, or set $%s", AccessTokenEnv)
	}
	return strings.TrimSpace(flagValue), nil
}

// tokenSession reports whether the stored source was connected with an
// access token (no client id, so no refresh token) and returns that token
// from the keyring if the CLI kept it.
func (e *Env) tokenSession() (set store.SourceSettings, token string, ok bool, err error) {
	set, found, err := e.Store.Settings()
	if err != nil || !found || set.InstanceURL == "" || set.ClientID != "" {
		return set, "", false, err
	}
	tok, err := e.Secrets.Get(accessTokenKey)
	if errors.Is(err, secrets.ErrNotFound) {
		return set, "", true, nil
	}
	if err != nil {
		return set, "", true, fmt.Errorf("read the access token from the system keyring: %w", err)
	}
	return set, tok, true, nil
}

// resume makes the engine's session live again when it was made from an
// access token kept in the keyring (ConnectWithToken: identity and
// permission checks, six API calls).
func (e *Env) resume(ctx context.Context) error {
	st := e.Engine.State()
	if !st.NeedsReauth {
		return nil
	}
	set, tok, isToken, err := e.tokenSession()
	if err != nil || !isToken {
		return err
	}
	if tok == "" {
		return errors.New("this data directory was connected with an access token that is no longer in the system keyring: run `sfsync connect --instance-url URL --access-token -` again (a demo org exists only while `sfsync connect --demo` runs)")
	}
	if err := e.Engine.ConnectWithToken(ctx, set.InstanceURL, tok); err != nil {
		return fmt.Errorf("reconnect with the stored access token (it may have expired: run `sfsync connect --instance-url URL --access-token -` with a fresh one): %w", err)
	}
	return nil
}

// revokeAccessToken revokes the stored access token at the instance (best
// effort) and removes it from the keyring.
func (e *Env) revokeAccessToken(ctx context.Context, hc *http.Client) error {
	set, tok, isToken, err := e.tokenSession()
	if err != nil || !isToken || tok == "" {
		return err
	}
	var revokeErr error
	if set.InstanceURL != "" {
		// Salesforce revokes access tokens at the same endpoint as
		// refresh tokens, on the instance (My Domain) as on login hosts.
		o := &salesforce.OAuth{LoginURL: strings.TrimRight(set.InstanceURL, "/"), HTTPClient: hc}
		revokeErr = o.Revoke(ctx, tok)
	}
	if err := e.Secrets.Delete(accessTokenKey); err != nil && !errors.Is(err, secrets.ErrNotFound) {
		return errors.Join(revokeErr, fmt.Errorf("remove the access token from the system keyring: %w", err))
	}
	return revokeErr
}
