package store

// RunResult is how a run in the history ended. The engine sets it; the CLI
// and the window read it (a Run with another value was written by a newer
// sfsync and reads as failed).
type RunResult string

// The run results.
const (
	RunRunning RunResult = "running" // saved when the run starts; replaced when it ends
	RunOK      RunResult = "ok"
	RunError   RunResult = "error"   // Run.Error says why
	RunStopped RunResult = "stopped" // cancelled (quit, disconnect); the next run resumes
	// RunPaused: the quota guard (threshold, per-run cap) or Salesforce's
	// daily limit stopped the run; the next run resumes where it stopped.
	RunPaused RunResult = "paused"
	// RunInterrupted: the process ended (killed, power cut) while the run
	// was RunRunning; set when a later process finds it so.
	RunInterrupted RunResult = "interrupted"
)
