package sfsim

import (
	"net/http"
	"net/url"
	"sort"
	"time"
)

// The sObject Get Deleted resource, GET sobjects/{X}/deleted/?start=…&end=…
// (REST resources-getdeleted, dome-get-deleted; SOAP getDeleted() rules):
// the Ids and deletion times of records deleted in [start, end] from the
// delete log — rows in the Recycle Bin (deleted at their SystemModstamp)
// and rows purged from it — only those the user can see. One API call.

// getDeletedWindow is how far back the delete log answers ("no more than 15
// days previous to the day the call is executed").
const getDeletedWindow = 15 * 24 * time.Hour

// getDeletedIDLimit is the most Ids one call returns; more answers
// EXCEEDED_ID_LIMIT ("a limit of 600,000 IDs"). A variable so a test can
// reach it without deleting 600,001 records.
var getDeletedIDLimit = 600000

type deletedRecord struct {
	ID          string `json:"id"`
	DeletedDate string `json:"deletedDate"`
}

type getDeletedResult struct {
	DeletedRecords        []deletedRecord `json:"deletedRecords"`
	EarliestDateAvailable string          `json:"earliestDateAvailable"`
	LatestDateCovered     string          `json:"latestDateCovered"`
}

// serveGetDeleted answers the Get Deleted resource. The dates bound the
// window as the SOAP rules say: start must precede end by more than a
// minute and lie within the last 15 days, else INVALID_REPLICATION_DATE.
// UNVERIFIED: the wording of the error messages and the code for missing
// parameters (MISSING_ARGUMENT); the codes and limits are documented.
func (o *Org) serveGetDeleted(w http.ResponseWriter, r *http.Request, name string) {
	obj := o.schema.readable(name)
	if obj == nil {
		o.notFoundObject(w)
		return
	}
	start, end, ok := replicationWindow(w, r.URL.Query())
	if !ok {
		return
	}
	now := time.UnixMilli(o.nowMillis()).UTC()
	earliest := now.Add(-getDeletedWindow).Truncate(time.Minute)
	if start.Before(earliest) {
		writeError(w, http.StatusBadRequest, "INVALID_REPLICATION_DATE",
			"startDate cannot be more than 15 days before the current date: the delete log starts at "+restTime(earliest))
		return
	}
	latest := end
	if now.Before(latest) {
		latest = now.Truncate(time.Minute)
	}
	recs := o.deletedBetween(obj, start.UnixMilli(), latest.UnixMilli())
	if len(recs) > getDeletedIDLimit {
		writeError(w, http.StatusBadRequest, "EXCEEDED_ID_LIMIT",
			"More than 600,000 Ids were deleted in this window: choose start and end dates closer together")
		return
	}
	writeJSON(w, http.StatusOK, getDeletedResult{DeletedRecords: recs,
		EarliestDateAvailable: restTime(earliest), LatestDateCovered: restTime(latest)})
}

// replicationWindow reads start and end, answering the error itself.
func replicationWindow(w http.ResponseWriter, q url.Values) (start, end time.Time, ok bool) {
	if q.Get("start") == "" || q.Get("end") == "" {
		writeError(w, http.StatusBadRequest, "MISSING_ARGUMENT", "start and end are required")
		return start, end, false
	}
	start, err1 := parseDateTimeLiteral(q.Get("start"))
	end, err2 := parseDateTimeLiteral(q.Get("end"))
	if err1 != nil || err2 != nil {
		writeError(w, http.StatusBadRequest, "INVALID_REPLICATION_DATE", "start and end must be dateTimes such as 2024-05-05T00:00:00+00:00")
		return start, end, false
	}
	if end.Sub(start) <= time.Minute {
		writeError(w, http.StatusBadRequest, "INVALID_REPLICATION_DATE", "startDate must chronologically precede endDate by more than one minute")
		return start, end, false
	}
	return start.UTC(), end.UTC(), true
}

// deletedBetween lists the visible delete-log entries of obj deleted in [from, to].
func (o *Org) deletedBetween(obj *objectDef, from, to int64) []deletedRecord {
	recs := []deletedRecord{}
	add := func(id string, at int64) {
		if at >= from && at <= to {
			recs = append(recs, deletedRecord{ID: id, DeletedDate: string(appendRESTDateTime(nil, at))})
		}
	}
	if f := obj.deletedField(); f != nil { // Users are never deleted: nothing to list
		v := o.view()
		t := v.tables[obj]
		del, stamps := t.cols[f.col].bools, t.cols[obj.fieldExact("SystemModstamp").col].times
		for i := 0; i < t.n; i++ {
			if del[i] && !t.hidden(i) {
				add(t.id(i), stamps[i])
			}
		}
	}
	o.mu.RLock()
	for _, p := range o.bin.purged[obj] {
		if !o.sharing.hiddenID(p.id) {
			add(p.id, p.deleted)
		}
	}
	o.mu.RUnlock()
	sort.Slice(recs, func(a, b int) bool {
		if recs[a].DeletedDate != recs[b].DeletedDate {
			return recs[a].DeletedDate < recs[b].DeletedDate
		}
		return recs[a].ID < recs[b].ID
	})
	return recs
}

// restTime renders t as REST JSON does: 2013-05-07T22:07:19.000+0000.
func restTime(t time.Time) string { return string(appendRESTDateTime(nil, t.UnixMilli())) }
