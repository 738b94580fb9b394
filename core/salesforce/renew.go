package salesforce

// DropAccessToken forgets the access token: the next counted call first
// asks OAuth for a current one (Refresh, or OAuth.Renew). A session whose
// token another program keeps calls it before each run, so a token that
// program has since replaced is never tried.
func (c *Client) DropAccessToken() {
	c.mu.Lock()
	c.access = ""
	c.mu.Unlock()
}
