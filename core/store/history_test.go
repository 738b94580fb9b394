package store

import (
	"testing"
	"time"
)

func TestRunHistoryPrunedToMaxRuns(t *testing.T) {
	s := openTemp(t)
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	const total = MaxRuns + 12
	for i := 1; i <= total; i++ {
		r := Run{Start: start.Add(time.Duration(i) * time.Minute), Result: "ok", APICalls: i,
			Objects: map[string]Counts{"Account": {Added: i}}}
		if err := s.SaveRun(&r); err != nil {
			t.Fatal(err)
		}
		if r.Seq != uint64(i) {
			t.Fatalf("run %d got seq %d", i, r.Seq)
		}
	}
	runs, err := s.Runs(0)
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != MaxRuns {
		t.Fatalf("%d runs kept, want %d", len(runs), MaxRuns)
	}
	if runs[0].Seq != total || runs[0].APICalls != total || runs[0].Objects["Account"].Added != total {
		t.Errorf("newest run %+v", runs[0])
	}
	if oldest := runs[len(runs)-1]; oldest.Seq != total-MaxRuns+1 {
		t.Errorf("oldest kept seq %d, want %d", oldest.Seq, total-MaxRuns+1)
	}
	if few, _ := s.Runs(3); len(few) != 3 || few[2].Seq != total-2 {
		t.Errorf("Runs(3) = %+v", few)
	}
}

func TestSaveRunUpdatesInPlace(t *testing.T) {
	s := openTemp(t)
	r := Run{Start: time.Now(), Result: "running"}
	if err := s.SaveRun(&r); err != nil {
		t.Fatal(err)
	}
	r.Result, r.End, r.Error = "error", time.Now(), "REQUEST_LIMIT_EXCEEDED"
	if err := s.SaveRun(&r); err != nil {
		t.Fatal(err)
	}
	runs, err := s.Runs(0)
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 1 || runs[0].Result != "error" || runs[0].Error != "REQUEST_LIMIT_EXCEEDED" || runs[0].End.IsZero() {
		t.Errorf("runs %+v", runs)
	}
}
