package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"sync"

	"github.com/sfsync/sfsync/core/engine"
	"github.com/sfsync/sfsync/core/secrets"
	"github.com/sfsync/sfsync/core/store"
)

// Env is what both the CLI and the desktop app need, opened from the
// global flags: the data directory, its store (held exclusively), the
// keyring scoped to that directory, and the engine.
type Env struct {
	DataDir string
	Store   *store.Store
	Secrets secrets.Store
	Engine  *engine.Engine
	Logger  *slog.Logger

	notifier *switchNotifier
	logFile  *os.File
}

// LogFileName is the engine's log inside the data directory. It never holds
// tokens: the engine and client keep them out of errors and logs.
const LogFileName = "sfsync.log"

// maxLogSize: a larger log is started afresh when an Env opens.
const maxLogSize = 5 << 20

// envOptions tune OpenEnv; the zero value is what the app and CLI use.
type envOptions struct {
	httpClient *http.Client
	openURL    func(string) error
}

// testEnvOptions lets in-process tests speed up the client (poll and
// retry delays); nil in the program.
var testEnvOptions func(*engine.Config)

// OpenEnv opens the data directory (dataDir "" = $SFSYNC_DATA_DIR or the OS
// default) for the desktop app. A directory held by another sfsync gives an
// error matching store.ErrAlreadyRunning.
func OpenEnv(dataDir string) (*Env, error) { return openEnv(dataDir, envOptions{}) }

func openEnv(dataDir string, opts envOptions) (*Env, error) {
	if dataDir == "" {
		d, err := store.DefaultDir()
		if err != nil {
			return nil, err
		}
		dataDir = d
	}
	abs, err := filepath.Abs(dataDir)
	if err != nil {
		return nil, fmt.Errorf("data directory %s: %w", dataDir, err)
	}
	st, err := store.Open(abs, store.Options{})
	if err != nil {
		return nil, err
	}
	env := &Env{DataDir: abs, Store: st, notifier: &switchNotifier{}}
	env.Logger, env.logFile = openLog(abs)
	env.Secrets = newScopedSecrets(secrets.NewKeyring("", 0), abs)
	cfg := engine.Config{
		Store: st, Secrets: env.Secrets, Notifier: env.notifier, Logger: env.Logger,
		HTTPClient: opts.httpClient, OpenURL: opts.openURL,
	}
	if testEnvOptions != nil {
		testEnvOptions(&cfg)
	}
	env.Engine, err = engine.New(cfg)
	if err != nil {
		env.closeFiles()
		return nil, fmt.Errorf("start the sync engine: %w", err)
	}
	return env, nil
}

// Close stops the engine (a running sync resumes from its last committed
// page next time) and releases the store.
func (e *Env) Close() error {
	e.Engine.Close()
	return e.closeFiles()
}

func (e *Env) closeFiles() error {
	err := e.Store.Close()
	if e.logFile != nil {
		e.logFile.Close()
	}
	return err
}

// SetNotifier routes the engine's desktop notifications (quota pause,
// reauthorization needed) to n; the desktop app sets its own.
func (e *Env) SetNotifier(n engine.Notifier) { e.notifier.set(n) }

// switchNotifier forwards to a notifier set after the engine was made.
type switchNotifier struct {
	mu sync.Mutex
	n  engine.Notifier
}

func (s *switchNotifier) set(n engine.Notifier) {
	s.mu.Lock()
	s.n = n
	s.mu.Unlock()
}

func (s *switchNotifier) Notify(title, body string) {
	s.mu.Lock()
	n := s.n
	s.mu.Unlock()
	if n != nil {
		n.Notify(title, body)
	}
}

// openLog opens the log file (0600) in the data directory; on failure the
// engine logs nowhere rather than not starting.
func openLog(dir string) (*slog.Logger, *os.File) {
	path := filepath.Join(dir, LogFileName)
	flags := os.O_CREATE | os.O_WRONLY | os.O_APPEND
	if info, err := os.Stat(path); err == nil && info.Size() > maxLogSize {
		flags |= os.O_TRUNC
	}
	f, err := os.OpenFile(path, flags, 0o600)
	if err != nil {
		return slog.New(slog.DiscardHandler), nil
	}
	return slog.New(slog.NewTextHandler(f, &slog.HandlerOptions{Level: slog.LevelInfo})), f
}

// scopedSecrets names every keyring entry after the data directory it
// belongs to: "<key>@<first 16 hex digits of SHA-256(absolute dir)>". The
// engine uses fixed keys; without the scope two data directories (or two
// parallel tests) would share one sign-in.
type scopedSecrets struct {
	inner  secrets.Store
	suffix string
}

func newScopedSecrets(inner secrets.Store, absDir string) scopedSecrets {
	sum := sha256.Sum256([]byte(absDir))
	return scopedSecrets{inner: inner, suffix: "@" + hex.EncodeToString(sum[:8])}
}

func (s scopedSecrets) Get(key string) (string, error) { return s.inner.Get(key + s.suffix) }
func (s scopedSecrets) Set(key, v string) error        { return s.inner.Set(key+s.suffix, v) }
func (s scopedSecrets) Delete(key string) error        { return s.inner.Delete(key + s.suffix) }

// openEnv opens the Env for a command, printing why it could not.
func (c *cmdContext) openEnv(opts envOptions) (*Env, int) {
	env, err := openEnv(c.dataDir, opts)
	var running *store.AlreadyRunningError
	switch {
	case errors.As(err, &running):
		return nil, c.fail(ExitRunning, "%v: close the other sfsync (app or command) or use another --data-dir.", err)
	case err != nil:
		return nil, c.fail(ExitFailed, "%v.", err)
	}
	return env, ExitOK
}
