//go:build !unix

package sfcli

import "os/exec"

// ownGroup: elsewhere the default (kill sf itself) applies.
func ownGroup(*exec.Cmd) {}
