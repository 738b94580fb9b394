package simtest

import (
	"os"
	"path/filepath"
)

// SalesforceCLIEnv is the environment to run the real Salesforce CLI (npm
// @salesforce/cli, installed by `make sf`; launcher in binDir) against the
// simulator: a home of its own under dir, the access token in
// SF_ACCESS_TOKEN, and everything that would reach beyond loopback
// (telemetry, update checks, release notes) turned off. Both autoupdate
// variables: with only SF_AUTOUPDATE_DISABLE set, an npm-installed CLI
// leaves SF_DISABLE_AUTOUPDATE unset and oclif's update hook spawns a
// background `sf update --autoupdate`. (Checked with strace: every connect
// of login, display, list and export goes to 127.0.0.1.)
func SalesforceCLIEnv(binDir, dir, token string) []string {
	return []string{
		"HOME=" + dir, "XDG_CONFIG_HOME=" + filepath.Join(dir, "config"), "XDG_DATA_HOME=" + filepath.Join(dir, "data"),
		"XDG_CACHE_HOME=" + filepath.Join(dir, "cache"), "TMPDIR=" + dir,
		"PATH=" + binDir + string(os.PathListSeparator) + os.Getenv("PATH"), "LANG=en_US.UTF-8",
		"SF_ACCESS_TOKEN=" + token,
		"SF_DISABLE_TELEMETRY=true", "SFDX_DISABLE_TELEMETRY=true", "SF_AUTOUPDATE_DISABLE=true", "SF_DISABLE_AUTOUPDATE=true",
		"SF_SKIP_NEW_VERSION_CHECK=true", "SF_HIDE_RELEASE_NOTES=true", "SF_HIDE_RELEASE_NOTES_FOOTER=true",
		"SF_USE_GENERIC_UNIX_KEYCHAIN=true", "NO_COLOR=1",
	}
}
