package sfsim

import (
	"net/http"
	"sort"
)

// GET /limits as real orgs print it (REST dome-limits: every limit a
// {"Max","Remaining"} object; real orgs nest per-app sub-limits inside
// DailyApiRequests, DailyBulkApiBatches and the streaming limits, one
// {"Max":0,"Remaining":0} per connected app, e.g. "Ant Migration Tool",
// "Salesforce CLI", as in a public v49.0 /limits dump of a Developer org).

// limitsApps are the connected apps real orgs list under the per-app limits.
var limitsApps = []string{"Ant Migration Tool", "Dataloader Bulk", "Dataloader Partner", "Force.com IDE",
	"Salesforce CLI", "Salesforce Mobile Dashboards", "Salesforce Touch", "Salesforce for Outlook", "Workbench"}

// limitOf is one limit; apps adds the per-app sub-limits.
func limitOf(max, remaining int, apps []string) map[string]any {
	l := map[string]any{"Max": max, "Remaining": remaining}
	for _, app := range apps {
		l[app] = map[string]int{"Max": 0, "Remaining": 0}
	}
	return l
}

// serveLimits answers GET /limits consistently with the usage counter (the
// limits call itself included, as in its own Sforce-Limit-Info header).
func (s *Server) serveLimits(w http.ResponseWriter) {
	s.quota.mu.Lock()
	used, apiMax, jobs, jobsMax := s.quota.used, s.quota.max, s.quota.bulkJobs, s.quota.bulkJobsMax
	s.quota.mu.Unlock()
	apps := append(append([]string(nil), limitsApps...), s.opts.AppName)
	sort.Strings(apps)
	plain := func(n int) map[string]any { return limitOf(n, n, nil) }
	writeJSON(w, http.StatusOK, map[string]any{
		"ConcurrentAsyncGetReportInstances": plain(200),
		"ConcurrentSyncReportRuns":          plain(20),
		"DailyApiRequests":                  limitOf(apiMax, apiMax-used, apps),
		"DailyAsyncApexExecutions":          plain(250000),
		"DailyBulkApiBatches":               limitOf(dailyBulkAPIBatchesMax, dailyBulkAPIBatchesMax, apps),
		"DailyBulkV2QueryFileStorageMB":     plain(dailyBulkV2StorageMBMax),
		"DailyBulkV2QueryJobs":              limitOf(jobsMax, max(jobsMax-jobs, 0), nil),
		"DailyDurableStreamingApiEvents":    plain(10000),
		"DailyGenericStreamingApiEvents":    limitOf(10000, 10000, apps),
		"DailyStreamingApiEvents":           limitOf(10000, 10000, apps),
		"DailyWorkflowEmails":               plain(390),
		"DataStorageMB":                     plain(1024),
		"FileStorageMB":                     plain(1024),
		"HourlyAsyncReportRuns":             plain(1200),
		"HourlySyncReportRuns":              plain(500),
		"MassEmail":                         plain(10),
		"PermissionSets":                    map[string]any{"Max": 1500, "Remaining": 1497, "CreateCustom": map[string]int{"Max": 1000, "Remaining": 997}},
		"SingleEmail":                       plain(15),
		"StreamingApiConcurrentClients":     plain(20),
	})
}
