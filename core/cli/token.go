package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// errLiteralToken refuses an access token on the command line: every user
// of the machine can read a process's arguments (ps, /proc/PID/cmdline),
// CWE-214. The message never repeats the value.
var errLiteralToken = fmt.Errorf("an access token on the command line is visible to every user of this computer "+
	"(in `ps`): pass --access-token - and the token on stdin, or set $%s", AccessTokenEnv)

// readAccessToken resolves connect's token: flag "-" reads one line from
// stdin; no flag reads $SFSYNC_ACCESS_TOKEN; any other value is refused
// (errLiteralToken).
func readAccessToken(flagValue string, flagSet bool, stdin io.Reader) (string, error) {
	switch {
	case flagSet && flagValue != "-":
		return "", errLiteralToken
	case flagSet:
		line, err := bufio.NewReader(stdin).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return "", fmt.Errorf("read the access token from stdin: %w", err)
		}
		if tok := strings.TrimSpace(line); tok != "" {
			return tok, nil
		}
		return "", errors.New("no access token on stdin: pipe it in, e.g. `sf org display --json | jq -r .result.accessToken | sfsync connect --instance-url URL --access-token -`")
	}
	if tok := strings.TrimSpace(os.Getenv(AccessTokenEnv)); tok != "" {
		return tok, nil
	}
	return "", fmt.Errorf("no access token: pass --access-token - and the token on stdin, or set $%s", AccessTokenEnv)
}
