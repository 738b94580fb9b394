package ui

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/sfsync/sfsync/core/demo"
	"github.com/sfsync/sfsync/core/engine"
	"github.com/sfsync/sfsync/core/salesforce"
	"github.com/sfsync/sfsync/core/wording"
)

// The environment choices of the Connect screen.
const (
	EnvProduction = "Production"
	EnvSandbox    = "Sandbox"
	EnvMyDomain   = "My Domain URL"
	EnvDemo       = "Demo org"
)

// estimateTimeout bounds the first-sync estimate (one composite call).
const estimateTimeout = 30 * time.Second

// ConnectDialog is the Connect screen: where to sign in, the advanced
// consumer key and callback port, then Configuring…, Success or the error
// in plain words, and the first sync's estimated cost.
type ConnectDialog struct {
	Env       *widget.RadioGroup
	MyDomain  *widget.Entry
	ClientID  *widget.Entry
	Port      *widget.Entry
	Advanced  *widget.Accordion
	Connect   *widget.Button
	Cancel    *widget.Button
	Status    *widget.Label // Configuring… / Success / what went wrong
	Estimate  *widget.Label
	StartSync *widget.Button

	eng       Engine
	startDemo func() (*demo.Org, error)
	ctx       context.Context
	stop      context.CancelFunc // cancels a sign-in in progress
	onDemo    func(*demo.Org)    // keeps the Demo org running
	busy      bool
	connected bool
	dialog    *dialog.CustomDialog
	parent    fyne.Window
	log       *slog.Logger
}

// NewConnectDialog builds the screen. onDemo receives a started Demo org
// (the window stops it when it closes).
func NewConnectDialog(ctx context.Context, eng Engine, clientID string, startDemo func() (*demo.Org, error),
	onDemo func(*demo.Org), parent fyne.Window) *ConnectDialog {
	c := &ConnectDialog{eng: eng, startDemo: startDemo, onDemo: onDemo, parent: parent, log: slog.New(slog.DiscardHandler),
		MyDomain: widget.NewEntry(), ClientID: widget.NewEntry(), Port: widget.NewEntry(),
		Status: widget.NewLabel(""), Estimate: widget.NewLabel("")}
	c.ctx, c.stop = context.WithCancel(ctx)
	c.MyDomain.SetPlaceHolder("https://yourcompany.my.salesforce.com")
	c.ClientID.SetText(clientID)
	c.ClientID.SetPlaceHolder("Consumer key of your External Client App")
	c.Port.SetText(strconv.Itoa(salesforce.DefaultRedirectPort))
	c.Status.Wrapping = fyne.TextWrapWord
	c.Estimate.Wrapping = fyne.TextWrapWord
	c.Env = widget.NewRadioGroup([]string{EnvProduction, EnvSandbox, EnvMyDomain, EnvDemo}, nil)
	c.Env.Required = true
	c.Env.SetSelected(EnvProduction)
	c.Env.OnChanged = func(string) { c.refresh() }
	c.Advanced = widget.NewAccordion(widget.NewAccordionItem("Advanced", widget.NewForm(
		widget.NewFormItem("Consumer key", c.ClientID),
		widget.NewFormItem("Callback port", c.Port),
	)))
	c.Connect = widget.NewButton("Connect", c.start)
	c.Connect.Importance = widget.HighImportance
	c.StartSync = widget.NewButton("Start first sync", c.startFirstSync)
	c.StartSync.Importance = widget.HighImportance
	c.StartSync.Hide()
	help := widget.NewLabel("Your browser opens Salesforce's sign-in page. The user needs API Enabled, " +
		"View Setup and Configuration, View All Users and read access to Account, Contact, Lead, Opportunity and User.")
	help.Wrapping = fyne.TextWrapWord
	body := container.NewVBox(c.Env, c.MyDomain, c.Advanced, help, c.Status, c.Estimate)
	c.dialog = dialog.NewCustomWithoutButtons("Connect Salesforce", body, parent)
	c.Cancel = widget.NewButton("Cancel", c.dialog.Hide)
	c.dialog.SetButtons([]fyne.CanvasObject{c.Cancel, c.Connect, c.StartSync})
	c.dialog.SetOnClosed(c.stop)
	c.refresh()
	return c
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

func (c *ConnectDialog) refresh() {
	showIf(c.MyDomain, c.Env.Selected == EnvMyDomain)
	showIf(c.Advanced, c.Env.Selected != EnvDemo)
	if c.busy || c.connected {
		c.Connect.Disable()
		c.Env.Disable()
	} else {
		c.Connect.Enable()
		c.Env.Enable()
	}
}

// options turns the choices into ConnectOptions (Demo is resolved later).
func (c *ConnectDialog) options() (engine.ConnectOptions, error) {
	port, err := strconv.Atoi(strings.TrimSpace(c.Port.Text))
	if err != nil || port < 1 || port > 65535 {
		return engine.ConnectOptions{}, fmt.Errorf("the callback port must be a number from 1 to 65535")
	}
	// The first sync waits until the person saw its estimate (StartSync).
	opts := engine.ConnectOptions{ClientID: strings.TrimSpace(c.ClientID.Text), CallbackPort: port, HoldFirstSync: true}
	switch c.Env.Selected {
	case EnvSandbox:
		opts.Env = engine.EnvSandbox
	case EnvMyDomain:
		opts.Env, opts.LoginURL = engine.EnvMyDomain, strings.TrimSpace(c.MyDomain.Text)
		if _, err := salesforce.ValidateLoginURL(opts.LoginURL); err != nil {
			return opts, fmt.Errorf("enter your My Domain URL, like https://yourcompany.my.salesforce.com")
		}
	case EnvDemo:
		opts.Env = engine.EnvCustom
		return opts, nil
	default:
		opts.Env = engine.EnvProduction
	}
	if opts.ClientID == "" {
		return opts, fmt.Errorf("enter the consumer key of your External Client App under Advanced")
	}
	return opts, nil
}

// start signs in off the UI goroutine and reports through fyne.Do.
func (c *ConnectDialog) start() {
	opts, err := c.options()
	if err != nil {
		c.Status.SetText(err.Error())
		return
	}
	isDemo := c.Env.Selected == EnvDemo
	c.busy = true
	c.Status.SetText("Configuring… Sign in to Salesforce in your browser and click Allow.")
	c.Estimate.SetText("")
	c.refresh()
	go func() {
		if isDemo {
			d, err := c.startDemo()
			if err != nil {
				fyne.Do(func() { c.finish(err, 0) })
				return
			}
			fyne.Do(func() { c.onDemo(d) })
			hold := opts.HoldFirstSync
			opts = d.ConnectOptions()
			opts.HoldFirstSync = hold
		}
		err := c.eng.Connect(c.ctx, opts)
		fyne.Do(func() { c.finish(err, opts.CallbackPort) })
		if err == nil {
			c.estimate()
		}
	}()
}

func (c *ConnectDialog) finish(err error, port int) {
	c.busy = false
	if err != nil {
		c.Status.SetText(wording.ConnectError(err, port, wording.Window))
		c.refresh()
		return
	}
	c.connected = true
	st := c.eng.State()
	c.Status.SetText("Success: connected to " + st.OrgName + " as " + st.UserName + ".")
	c.Estimate.SetText("Estimating the first sync…")
	c.refresh()
}

// estimate asks for the first sync's cost (one API call) and shows it.
func (c *ConnectDialog) estimate() {
	ctx, cancel := context.WithTimeout(c.ctx, estimateTimeout)
	defer cancel()
	est, err := c.eng.EstimateFirstSync(ctx)
	fyne.Do(func() {
		if err != nil {
			c.Estimate.SetText(wording.EstimateFailed(err))
		} else {
			c.Estimate.SetText(wording.FirstSyncEstimate(est.TotalRecords, est.APICalls, est.Quota))
		}
		c.StartSync.Show()
		c.Connect.Hide()
		// The default action: Space (or a click) starts the sync.
		c.parent.Canvas().Focus(c.StartSync)
		c.log.Info("connect: waiting for Start first sync", "records", est.TotalRecords, "api_calls", est.APICalls, "estimate_err", err)
	})
}

// startFirstSync starts the held first sync and closes the screen.
func (c *ConnectDialog) startFirstSync() {
	c.eng.SyncNow()
	c.dialog.Hide()
}

// Update follows the engine while the screen is open. A first sync started
// elsewhere (Sync now in a menu) closes the screen: its question is answered.
func (c *ConnectDialog) Update(st engine.State) {
	if c.busy && st.Status == engine.StatusConfiguring && st.Detail != "" {
		c.Status.SetText("Configuring… " + st.Detail)
	}
	if c.connected && st.Running && !st.FirstSyncHeld {
		c.dialog.Hide()
	}
}
