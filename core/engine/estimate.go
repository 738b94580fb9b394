package engine

import "github.com/sfsync/sfsync/core/store"

// RereadCalls estimates the API calls of reading n stored records of one
// object again, as a run does after fields were added to its selection,
// counted as EstimateFirstSync counts a first sync: up to bulkThreshold
// rows (0: DefaultBulkThreshold) in REST query pages of 2,000 (the first
// rides in the run's composite call, counted here all the same), more with
// a Bulk job (create, about three status polls, one call per results page
// of store.DefaultMaxRecords, delete).
func RereadCalls(n int64, bulkThreshold int) int64 {
	if bulkThreshold <= 0 {
		bulkThreshold = DefaultBulkThreshold
	}
	if n <= int64(bulkThreshold) {
		return max(ceilDiv(n, 2000), 1)
	}
	return 1 + 3 + max(ceilDiv(n, store.DefaultMaxRecords), 1) + 1
}
