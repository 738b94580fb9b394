// Package ui holds sfsync's Fyne screens. Each screen is one small struct that
// owns its widgets, renders state it is given and forwards the person's
// intents; no screen does network or disk work itself. Sentences the command
// line says too come from core/wording, field rules from core/fields, the
// Demo org from core/demo; ui never imports the simulator.
package ui
