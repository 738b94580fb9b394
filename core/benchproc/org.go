package benchproc

import (
	"fmt"
	"os"
	"strconv"
)

// AccountFields are the 22 Account fields the benchmarks sync; with Id,
// IsDeleted and SystemModstamp a row has 25.
var AccountFields = []string{"AccountNumber", "AnnualRevenue", "BillingCity", "BillingCountry",
	"BillingPostalCode", "BillingState", "BillingStreet", "Fax", "Industry", "Name", "NumberOfEmployees",
	"OwnerId", "Ownership", "ParentId", "Phone", "Rating", "ShippingCity", "ShippingStreet", "Sic",
	"TickerSymbol", "Type", "Website"}

// Selection is a field selection of AccountFields for Account and, for the
// other objects, only the fields the engine always syncs (nil).
func Selection(objects []string) map[string][]string {
	sel := map[string][]string{"Account": AccountFields}
	for _, obj := range objects {
		if obj != "Account" {
			sel[obj] = nil
		}
	}
	return sel
}

// RowsEnv sizes the large benchmarks (Accounts in the org).
const RowsEnv = "SFSYNC_BENCH_ROWS"

// Rows is RowsEnv, or def when it is unset.
func Rows(def int) (int, error) {
	s := os.Getenv(RowsEnv)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("%s=%q: not a positive number", RowsEnv, s)
	}
	return n, nil
}
