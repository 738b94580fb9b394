//go:build unix

package sfcli

import (
	"os/exec"
	"syscall"
)

// ownGroup runs sf in its own process group and ends the whole group when
// the command is cancelled: sf is a Node program that may start others.
func ownGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
}
