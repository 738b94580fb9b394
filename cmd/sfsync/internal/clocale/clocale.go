// Package clocale keeps Fyne from logging "Fyne error: Error parsing user
// locale C" at start-up in a C locale with a charset (LANG=C.UTF-8, the
// default of many containers and servers). Fyne's lang package reads the
// locale in its package init, before main runs, and its locale reader
// (jeandeaual/go-locale) turns "C.UTF-8" into the tag "C", which
// golang.org/x/text cannot parse; plain C and POSIX it skips. So the log
// line would precede every command, even `sfsync runs`, which uses no Fyne.
//
// This package's init hides such a value behind LC_ALL=C while the other
// packages initialise, and Restore puts the environment back first thing in
// main, so the commands, the browser and the child processes see the
// person's locale. It must import nothing but syscall: the Go spec
// initialises packages in import-path order among those whose imports are
// done ("Package initialization", since Go 1.21), so a package that needs
// only syscall initialises before os, and so before Fyne, which needs os.
// Fyne is never told a different language: "C" alone makes it fall back to
// English, as the unparseable tag did.
package clocale

import "syscall"

// lcAll is LC_ALL as it was before init changed it.
var lcAll struct {
	value   string
	set     bool
	changed bool
}

func init() { hide() }

// hide sets LC_ALL=C when the locale is C or POSIX with a charset and
// LANGUAGE is empty, remembering LC_ALL for Restore.
func hide() {
	if !isCWithCharset(effective()) {
		return
	}
	if v, ok := syscall.Getenv("LANGUAGE"); ok && v != "" {
		return // go-locale reads LANGUAGE for C.UTF-8 and finds a real tag
	}
	lcAll.value, lcAll.set = syscall.Getenv("LC_ALL")
	lcAll.changed = syscall.Setenv("LC_ALL", "C") == nil
}

// effective is the locale go-locale reads: the first set of LC_ALL,
// LC_MESSAGES and LANG.
func effective() string {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v, ok := syscall.Getenv(k); ok && v != "" {
			return v
		}
	}
	return ""
}

// isCWithCharset reports a C or POSIX locale with a charset or modifier
// ("C.UTF-8", "C.utf8", "POSIX@euro"): plain "C" and "POSIX" need no help.
func isCWithCharset(loc string) bool {
	for _, base := range []string{"C", "POSIX"} {
		if len(loc) > len(base) && loc[:len(base)] == base && (loc[len(base)] == '.' || loc[len(base)] == '@') {
			return true
		}
	}
	return false
}

// Restore puts LC_ALL back as it was before this package's init; call it
// first in main. It reports whether init had changed it.
func Restore() bool {
	if !lcAll.changed {
		return false
	}
	lcAll.changed = false
	if lcAll.set {
		_ = syscall.Setenv("LC_ALL", lcAll.value)
	} else {
		_ = syscall.Unsetenv("LC_ALL")
	}
	return true
}
