package ui

import (
	"context"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/sfsync/sfsync/core/demo"
	"github.com/sfsync/sfsync/core/engine"
	"github.com/sfsync/sfsync/core/salesforce"
	"github.com/sfsync/sfsync/core/sfcli"
	"github.com/sfsync/sfsync/core/wording"
)

// The ways to connect the Connect screen offers (EnvCLI only where the
// Salesforce CLI is logged in to an org).
const (
	EnvProduction = "Production"
	EnvSandbox    = "Sandbox"
	EnvMyDomain   = "My Domain URL"
	EnvCLI        = "Salesforce CLI"
	EnvDemo       = "Demo org"
)

// estimateTimeout bounds the first-sync estimate (one composite call).
const estimateTimeout = 30 * time.Second

// connectConfig is what the Connect screen needs from the window.
type connectConfig struct {
	eng       Engine
	clientID  string // proposed consumer key
	builtIn   bool   // clientID is built into this sfsync
	startDemo func() (*demo.Org, error)
	onDemo    func(*demo.Org) // keeps the Demo org running
	cliOrgs   func(context.Context) ([]sfcli.Org, error)
	openURL   func(string) error
	replacing string // the warning when another org is connected ("": none)
	parent    fyne.Window
	log       *slog.Logger
}

// ConnectDialog is the Connect screen: where to sign in (with what each
// way means), the consumer key and callback port with the guide to get a
// key (collapsed under Advanced when one is built in), the orgs of the
// Salesforce CLI, then Configuring…, Success or each error next to its
// field, and the first sync's estimated cost and duration.
type ConnectDialog struct {
	Env           *widget.RadioGroup
	About         *widget.Label // what the chosen way is
	MyDomain      *widget.Entry
	MyDomainError *widget.Label
	CLIOrg        *widget.Select
	CLIError      *widget.Label
	Guide         *ConnectGuide
	ClientID      *widget.Entry
	KeyError      *widget.Label
	Port          *widget.Entry
	PortError     *widget.Label
	Advanced      *widget.Accordion // the key form when a key is built in
	Warning       *widget.Label     // another org's records would be replaced
	Connect       *widget.Button
	Cancel        *widget.Button
	Status        *widget.Label // Configuring… / Success
	Error         *widget.Label // what went wrong, when no field is to blame
	Estimate      *widget.Label
	StartSync     *widget.Button
	Scroll        *container.Scroll // the choices, their fields and the guide

	cfg       connectConfig
	orgs      []sfcli.Org
	browser   *fyne.Container   // the key form and guide, or Advanced
	guide     fyne.CanvasObject // the guide to get a key
	domainRow *widget.Form      // My Domain and its error
	cliRow    *widget.Form      // the Salesforce CLI's orgs and their error
	ctx       context.Context
	stop      context.CancelFunc // cancels a sign-in in progress
	busy      bool
	connected bool
	dialog    *dialog.CustomDialog
	log       *slog.Logger
}

// NewConnectDialog builds the screen; cfg.onDemo receives a started Demo
// org (the window stops it when it closes).
func newConnectDialog(ctx context.Context, cfg connectConfig) *ConnectDialog {
	c := &ConnectDialog{cfg: cfg, log: cfg.log, About: wrapped(""), MyDomain: widget.NewEntry(), MyDomainError: errorLabel(),
		CLIOrg: widget.NewSelect(nil, nil), CLIError: errorLabel(), ClientID: widget.NewEntry(), KeyError: errorLabel(),
		Port: widget.NewEntry(), PortError: errorLabel(), Warning: wrapped(cfg.replacing), Status: wrapped(""),
		Error: errorLabel(), Estimate: wrapped("")}
	if c.log == nil {
		c.log = slog.New(slog.DiscardHandler)
	}
	c.Status.Hide()
	c.Estimate.Hide()
	c.ctx, c.stop = context.WithCancel(ctx)
	c.MyDomain.SetPlaceHolder("yourcompany, or https://yourcompany.my.salesforce.com")
	c.ClientID.SetText(cfg.clientID)
	c.ClientID.SetPlaceHolder("Consumer key of your External Client App")
	c.Port.SetText(strconv.Itoa(salesforce.DefaultRedirectPort))
	c.Warning.Importance = widget.WarningImportance
	showIf(c.Warning, cfg.replacing != "")
	c.Guide = newConnectGuide(salesforce.DefaultRedirectPort, c.setupURL, cfg.openURL)
	c.Port.OnChanged = c.portChanged
	c.MyDomain.OnChanged = func(string) { showText(c.MyDomainError, "") }
	c.ClientID.OnChanged = func(string) { showText(c.KeyError, "") }
	c.CLIOrg.OnChanged = func(string) { showText(c.CLIError, "") }
	// Enter in a field is Connect, as in any sign-in form.
	for _, e := range []*widget.Entry{c.MyDomain, c.ClientID, c.Port} {
		e.OnSubmitted = func(string) { c.submit() }
	}
	c.Env = widget.NewRadioGroup([]string{EnvProduction, EnvSandbox, EnvMyDomain, EnvDemo}, nil)
	c.Env.Required = true
	c.Env.SetSelected(EnvProduction)
	c.Env.OnChanged = func(string) { c.clearErrors(); c.refresh() }
	c.Connect = widget.NewButton("Connect", c.start)
	c.Connect.Importance = widget.HighImportance
	c.StartSync = widget.NewButton("Start first sync", c.startFirstSync)
	c.StartSync.Importance = widget.HighImportance
	c.StartSync.Hide()
	c.browser = c.keyForm()
	c.domainRow = widget.NewForm(widget.NewFormItem("My Domain", container.NewVBox(c.MyDomain, c.MyDomainError)))
	c.cliRow = widget.NewForm(widget.NewFormItem("Org", container.NewVBox(c.CLIOrg, c.CLIError)))
	body := container.NewVBox(c.Warning, c.Env, c.About, c.domainRow, c.cliRow, c.browser)
	// The outcome follows the choices, and stays in view under the scroll
	// however long the guide.
	pad := theme.Padding()
	outcome := container.New(layout.NewCustomPaddedLayout(0, 0, pad, pad), container.NewVBox(c.Status, c.Error, c.Estimate))
	// Padded: the scroll bar must not cover the fields' right edge.
	var content *fyne.Container
	content, c.Scroll = newFollow(container.NewPadded(body), outcome)
	c.dialog = dialog.NewCustomWithoutButtons("Connect Salesforce", content, cfg.parent)
	c.Cancel = widget.NewButton("Cancel", c.dialog.Hide)
	c.dialog.SetButtons([]fyne.CanvasObject{c.Cancel, c.Connect, c.StartSync})
	c.dialog.SetOnClosed(c.stop)
	c.refresh()
	c.findCLIOrgs()
	return c
}

// keyForm is the consumer key and the callback port (with the callback URL
// to register and Copy), then the guide to get a key: right there when no
// key is built in, else collapsed under Advanced.
func (c *ConnectDialog) keyForm() *fyne.Container {
	port := border(nil, nil, container.New(layout.NewGridWrapLayout(fyne.NewSize(90, c.Port.MinSize().Height)), c.Port),
		nil, c.Guide.CallbackRow())
	form := widget.NewForm(
		widget.NewFormItem("Consumer key", container.NewVBox(c.ClientID, c.KeyError)),
		widget.NewFormItem("Callback port", container.NewVBox(port, c.PortError)),
	)
	c.guide = c.Guide.Content(false)
	keys := container.NewVBox(form, widget.NewSeparator(), c.guide)
	if c.cfg.builtIn {
		c.Advanced = widget.NewAccordion(widget.NewAccordionItem("Advanced: another External Client App", keys))
		return container.NewVBox(c.Advanced)
	}
	return keys
}

// Show opens the screen.
func (c *ConnectDialog) Show(size fyne.Size) {
	c.dialog.Resize(size)
	c.dialog.Show()
}

// SetOnClosed runs f when the screen closes (after the sign-in is cancelled).
func (c *ConnectDialog) SetOnClosed(f func()) {
	c.dialog.SetOnClosed(func() { c.stop(); f() })
}

// refresh shows what the chosen way needs and enables what may be pressed.
func (c *ConnectDialog) refresh() {
	env := c.Env.Selected
	c.About.SetText(c.aboutText(env))
	showIf(c.domainRow, env == EnvMyDomain)
	showIf(c.cliRow, env == EnvCLI)
	showIf(c.browser, env != EnvDemo && env != EnvCLI)
	// Fyne's scroll keeps an offset past shorter content unless refreshed.
	c.Scroll.Refresh()
	if c.busy || c.connected {
		c.Connect.Disable()
		c.Env.Disable()
	} else {
		c.Connect.Enable()
		c.Env.Enable()
	}
}

// aboutText says what a way to connect means for the person.
func (c *ConnectDialog) aboutText(env string) string {
	switch env {
	case EnvDemo:
		return wording.DemoOrg(demo.Records(demo.Seed()))
	case EnvCLI:
		return "sfsync uses the session of an org the Salesforce CLI (sf) is logged in to: no browser sign-in here. " +
			"It stores no token of its own for it and asks the CLI for a session before each sync."
	}
	if c.cfg.builtIn {
		return "Your browser opens Salesforce's sign-in page; sign in and click Allow. " +
			"sfsync then checks your permissions and shows what the first sync costs."
	}
	others := "or try the Demo org"
	if len(c.orgs) > 0 {
		others = "or use the Salesforce CLI's session"
	}
	return "Your browser opens Salesforce's sign-in page with the consumer key of your org's External Client App. " +
		"No key is built into this sfsync: enter yours, ask your Salesforce admin for one (below), " + others + "."
}

// portChanged follows the callback port in the guide's callback URL.
func (c *ConnectDialog) portChanged(s string) {
	showText(c.PortError, "")
	if p, err := strconv.Atoi(strings.TrimSpace(s)); err == nil && p > 0 && p <= 65535 {
		c.Guide.SetPort(p)
	}
}

// setupURL is the External Client App Manager of the chosen org.
func (c *ConnectDialog) setupURL() string {
	switch c.Env.Selected {
	case EnvSandbox:
		return setupURLFor(salesforce.SandboxLoginURL)
	case EnvMyDomain:
		if u, err := salesforce.MyDomainURL(c.MyDomain.Text); err == nil {
			return setupURLFor(u)
		}
		showText(c.MyDomainError, myDomainHint(c.MyDomain.Text))
		return ""
	}
	return setupURLFor(salesforce.ProductionLoginURL)
}

// myDomainHint says what the My Domain field wants, given what it has.
func myDomainHint(typed string) string {
	const form = "like yourcompany or https://yourcompany.my.salesforce.com"
	typed = strings.TrimSpace(typed)
	if typed == "" {
		return "Enter your org's My Domain, " + form + "."
	}
	if len(typed) > 60 {
		typed = typed[:60] + "…"
	}
	return typed + " is not a Salesforce My Domain: enter yours, " + form + "."
}

// options turns the choices into ConnectOptions (Demo is resolved later),
// or shows what is missing next to its field and returns false.
func (c *ConnectDialog) options() (engine.ConnectOptions, bool) {
	// The first sync waits until the person saw its estimate (StartSync).
	opts := engine.ConnectOptions{HoldFirstSync: true}
	switch c.Env.Selected {
	case EnvDemo:
		opts.Env = engine.EnvCustom
		return opts, true
	case EnvCLI:
		i := c.CLIOrg.SelectedIndex()
		if i < 0 || i >= len(c.orgs) {
			showText(c.CLIError, "Choose one of the orgs the Salesforce CLI is logged in to.")
			return opts, false
		}
		opts.Env, opts.TargetOrg = engine.EnvSFCLI, c.orgs[i].Target()
		return opts, true
	case EnvSandbox:
		opts.Env = engine.EnvSandbox
	case EnvMyDomain:
		u, err := salesforce.MyDomainURL(c.MyDomain.Text)
		if err != nil {
			showText(c.MyDomainError, myDomainHint(c.MyDomain.Text))
			return opts, false
		}
		opts.Env, opts.LoginURL = engine.EnvMyDomain, u
	default:
		opts.Env = engine.EnvProduction
	}
	return c.keyOptions(opts)
}

// keyOptions adds the consumer key and callback port.
func (c *ConnectDialog) keyOptions(opts engine.ConnectOptions) (engine.ConnectOptions, bool) {
	ok := true
	port, err := strconv.Atoi(strings.TrimSpace(c.Port.Text))
	if err != nil || port < 1 || port > 65535 {
		c.fieldError(c.PortError, "The callback port is a number from 1 to 65535 (1717 unless your External Client App lists another).")
		ok = false
	}
	opts.ClientID, opts.CallbackPort = strings.TrimSpace(c.ClientID.Text), port
	if opts.ClientID == "" {
		c.fieldError(c.KeyError, "Enter the consumer key of your External Client App: ask your Salesforce admin for one (see below).")
		ok = false
	}
	return opts, ok
}

// submit is Connect from the keyboard: only when Connect may be pressed.
func (c *ConnectDialog) submit() {
	if !c.Connect.Disabled() && c.Connect.Visible() {
		c.start()
	}
}

// start signs in off the UI goroutine and reports through fyne.Do.
func (c *ConnectDialog) start() {
	c.clearErrors()
	opts, ok := c.options()
	if !ok {
		return
	}
	c.busy = true
	showText(c.Status, c.waitingText(opts))
	showText(c.Estimate, "")
	c.refresh()
	isDemo := c.Env.Selected == EnvDemo
	go func() {
		if isDemo {
			d, err := c.cfg.startDemo()
			if err != nil {
				fyne.Do(func() { c.finish(err, 0) })
				return
			}
			fyne.Do(func() { c.cfg.onDemo(d) })
			opts = demoOptions(d, opts.HoldFirstSync)
		}
		err := c.cfg.eng.Connect(c.ctx, opts)
		fyne.Do(func() { c.finish(err, opts.CallbackPort) })
		if err == nil {
			c.estimate()
		}
	}()
}

// demoOptions signs in to the Demo org d.
func demoOptions(d *demo.Org, hold bool) engine.ConnectOptions {
	opts := d.ConnectOptions()
	opts.HoldFirstSync = hold
	return opts
}

// waitingText says what the sign-in waits for.
func (c *ConnectDialog) waitingText(opts engine.ConnectOptions) string {
	if opts.Env == engine.EnvSFCLI {
		return "Configuring… Asking the Salesforce CLI for its session of " + opts.TargetOrg + "."
	}
	return "Configuring… Sign in to Salesforce in your browser and click Allow."
}

func (c *ConnectDialog) finish(err error, port int) {
	c.busy = false
	if err != nil {
		showText(c.Status, "")
		c.showError(err, port)
		c.refresh()
		return
	}
	c.connected = true
	st := c.cfg.eng.State()
	text := "Success: connected to " + st.OrgName + " as " + st.UserName + "."
	if st.CLIOrg != "" {
		text += " " + wording.CLISession(st.CLIOrg)
	}
	showText(c.Status, text)
	showText(c.Estimate, "Estimating the first sync…")
	c.refresh()
}

// estimate asks for the first sync's cost (one API call) and shows it.
func (c *ConnectDialog) estimate() {
	ctx, cancel := context.WithTimeout(c.ctx, estimateTimeout)
	defer cancel()
	est, err := c.cfg.eng.EstimateFirstSync(ctx)
	fyne.Do(func() {
		if err != nil {
			showText(c.Estimate, wording.EstimateFailed(err))
		} else {
			showText(c.Estimate, wording.FirstSyncEstimate(est.TotalRecords, est.APICalls, est.Quota))
		}
		c.StartSync.Show()
		c.Connect.Hide()
		// The default action: Space (or a click) starts the sync.
		c.cfg.parent.Canvas().Focus(c.StartSync)
		c.log.Info("connect: waiting for Start first sync", "records", est.TotalRecords, "api_calls", est.APICalls, "estimate_err", err)
	})
}

// startFirstSync starts the held first sync and closes the screen.
func (c *ConnectDialog) startFirstSync() {
	c.cfg.eng.SyncNow()
	c.dialog.Hide()
}

// Update follows the engine while the screen is open. A first sync started
// elsewhere (Sync now in a menu) closes the screen: its question is answered.
func (c *ConnectDialog) Update(st engine.State) {
	if c.busy && st.Status == engine.StatusConfiguring && st.Detail != "" {
		showText(c.Status, "Configuring… "+st.Detail)
	}
	if c.connected && st.Running && !st.FirstSyncHeld {
		c.dialog.Hide()
	}
}
