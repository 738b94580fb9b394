//go:build !(linux || freebsd || openbsd || netbsd)

package ui

// SystemTrayAvailable is true: macOS and Windows always have a menu bar
// extra or notification area for the tray icon.
func SystemTrayAvailable() bool { return true }
