package ui

import (
	"strings"

	"fyne.io/fyne/v2/lang"
)

// Locale is how the Records view writes dates and numbers for the person:
// Go time layouts and the decimal and grouping marks of their locale. Go's
// standard library has no CLDR data, so the common locales are listed
// here; any other gets ISO dates and plain decimal points.
type Locale struct {
	Tag            string
	Date, DateTime string // time layouts
	Decimal, Group string
}

// locales by language, then by language-REGION where the region differs.
var locales = map[string]Locale{
	"en":    {Date: "Jan 2, 2006", DateTime: "Jan 2, 2006, 3:04 PM", Decimal: ".", Group: ","},
	"en-GB": {Date: "2 Jan 2006", DateTime: "2 Jan 2006, 15:04", Decimal: ".", Group: ","},
	"en-AU": {Date: "2 Jan 2006", DateTime: "2 Jan 2006, 15:04", Decimal: ".", Group: ","},
	"en-IE": {Date: "2 Jan 2006", DateTime: "2 Jan 2006, 15:04", Decimal: ".", Group: ","},
	"en-NZ": {Date: "2 Jan 2006", DateTime: "2 Jan 2006, 15:04", Decimal: ".", Group: ","},
	"de":    {Date: "02.01.2006", DateTime: "02.01.2006, 15:04", Decimal: ",", Group: "."},
	"fr":    {Date: "02/01/2006", DateTime: "02/01/2006 15:04", Decimal: ",", Group: "\u00a0"},
	"es":    {Date: "02/01/2006", DateTime: "02/01/2006, 15:04", Decimal: ",", Group: "."},
	"it":    {Date: "02/01/2006", DateTime: "02/01/2006, 15:04", Decimal: ",", Group: "."},
	"pt":    {Date: "02/01/2006", DateTime: "02/01/2006, 15:04", Decimal: ",", Group: "."},
	"nl":    {Date: "02-01-2006", DateTime: "02-01-2006 15:04", Decimal: ",", Group: "."},
	"ja":    {Date: "2006/01/02", DateTime: "2006/01/02 15:04", Decimal: ".", Group: ","},
	"zh":    {Date: "2006/01/02", DateTime: "2006/01/02 15:04", Decimal: ".", Group: ","},
	"ko":    {Date: "2006. 01. 02.", DateTime: "2006. 01. 02. 15:04", Decimal: ".", Group: ","},
}

// isoLocale is the fallback: ISO 8601 dates, decimal point.
var isoLocale = Locale{Date: "2006-01-02", DateTime: "2006-01-02 15:04", Decimal: ".", Group: ","}

// LocaleFor is the Locale of a BCP 47 tag ("en-US", "de_DE", "fr").
func LocaleFor(tag string) Locale {
	tag = strings.ReplaceAll(tag, "_", "-")
	lang, region, _ := strings.Cut(tag, "-")
	l, ok := locales[strings.ToLower(lang)+"-"+strings.ToUpper(region)]
	if !ok {
		l, ok = locales[strings.ToLower(lang)]
	}
	if !ok {
		l = isoLocale
	}
	l.Tag = tag
	return l
}

// systemLocale is the person's Locale as Fyne read it from the desktop.
func systemLocale() Locale { return LocaleFor(string(lang.SystemLocale())) }
