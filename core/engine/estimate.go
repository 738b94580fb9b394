package engine

import "github.com/sfsync/sfsync/core/store"

// restPageRows is how many rows one REST query page holds (Salesforce's
// default batch size for query and queryMore: 2,000).
const restPageRows = 2000

// RereadCalls estimates the API calls of reading n stored records of one
// object again, as a run does after fields were added to its selection:
// up to bulkThreshold rows (0: the default 10,000) in REST query pages of
// 2,000, more with a Bulk job (create, about three status polls, one call
// per results page of store.DefaultMaxRecords, delete), as
// EstimateFirstSync counts a first sync.
func RereadCalls(n int64, bulkThreshold int) int64 {
	if bulkThreshold <= 0 {
		bulkThreshold = 10_000
	}
	if n <= int64(bulkThreshold) {
		return max(ceilDiv(n, restPageRows), 1)
	}
	return 1 + 3 + ceilDiv(n, store.DefaultMaxRecords) + 1
}

func ceilDiv(a, b int64) int64 { return (a + b - 1) / b }
