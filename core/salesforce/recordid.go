package salesforce

// LongID returns the 18-character form of a 15-character record Id (the API
// returns 18-character Ids; people copy 15-character ones from page URLs).
// The three suffix characters encode, five letters at a time, which of the
// 15 characters are upper case: bit i set when character i is 'A'..'Z', each
// 5-bit group indexing "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345" (Salesforce's
// CASESAFEID algorithm). Any other length is returned as is.
func LongID(id string) string {
	if len(id) != 15 {
		return id
	}
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"
	suffix := make([]byte, 3)
	for chunk := range 3 {
		n := 0
		for i := range 5 {
			if c := id[chunk*5+i]; c >= 'A' && c <= 'Z' {
				n |= 1 << i
			}
		}
		suffix[chunk] = alphabet[n]
	}
	return id + string(suffix)
}
