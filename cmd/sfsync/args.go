package main

import "strings"

// takeDemoFlag removes the app's own --demo flag from the global flags
// (before any subcommand) and reports whether it was there; the rest goes
// to cli.Main. --data-dir's value is skipped, not mistaken for a command.
func takeDemoFlag(args []string) (rest []string, demo bool) {
	rest = make([]string, 0, len(args))
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--demo" || a == "-demo":
			demo = true
			continue
		case a == "--":
			return append(rest, args[i:]...), demo
		case !strings.HasPrefix(a, "-"):
			return append(rest, args[i:]...), demo
		case (a == "--data-dir" || a == "-data-dir") && i+1 < len(args):
			rest = append(rest, a, args[i+1])
			i++
			continue
		}
		rest = append(rest, a)
	}
	return rest, demo
}

// isDesktop reports whether args (after takeDemoFlag) open the desktop app:
// only global flags, no subcommand.
func isDesktop(args []string) bool {
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--data-dir" || a == "-data-dir":
			i++
		case a == "-h" || a == "--help" || a == "-help":
			return false
		case !strings.HasPrefix(a, "-") || a == "--":
			return false
		}
	}
	return true
}
