package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// AccessTokenEnv is where `connect --instance-url` reads the access token
// when --access-token is not given (keeps it out of the process list).
const AccessTokenEnv = "SFSYNC_ACCESS_TOKEN"

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
