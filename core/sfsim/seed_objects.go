package sfsim

import "strconv"

// Per-object seeding. Values are realistic enough for a demo and varied
// enough for tests: empty lookups, soft-deleted rows, awkward names.

func (s *seeder) users(n int) {
	w := s.rows("User", 5, n)
	for i := 0; i < n; i++ {
		id := w.begin()
		first, last := w.pick(firstNames), w.pick(lastNames)
		if i == 0 {
			first, last = "Integration", "User"
		}
		num := strconv.Itoa(i + 1)
		mail := w.concat(slug(first), ".", slug(last), num, "@example.com")
		w.str("FirstName", first)
		w.str("LastName", last)
		w.str("Username", mail+".sim")
		w.str("Email", mail)
		alias := slug(first)[:1] + slug(last)
		alias = alias[:min(len(alias), 8-len(num))] + num
		w.str("Alias", alias[:min(len(alias), 8)])
		w.str("CompanyName", "Simulated Org")
		w.str("Department", w.pick(departments))
		w.str("Title", w.pick(titles))
		w.str("Phone", w.maybe(80, w.phone()))
		w.str("MobilePhone", w.maybe(40, w.phone()))
		w.set("IsActive", boolCell(i == 0 || w.r.IntN(10) != 0))
		w.str("TimeZoneSidKey", w.pick(w.obj.fieldExact("TimeZoneSidKey").Picklist))
		w.str("LocaleSidKey", w.pick(w.obj.fieldExact("LocaleSidKey").Picklist))
		w.str("LanguageLocaleKey", w.pick(w.obj.fieldExact("LanguageLocaleKey").Picklist))
		w.str("EmailEncodingKey", "UTF-8")
		w.str("UserType", "Standard")
		if i > 0 {
			w.str("ManagerId", w.maybe(60, s.o.users[w.r.IntN(len(s.o.users))]))
			w.set("LastLoginDate", timeCell(kindDateTime, seedAnchor-w.r.Int64N(90*dayMillis)))
		}
		w.commit()
		s.o.users = append(s.o.users, id)
		if i == 0 { // the integration user created itself
			w.t.cols[w.col("CreatedById")].set(0, stringCell(id))
			w.t.cols[w.col("LastModifiedById")].set(0, stringCell(id))
		}
	}
}

// organization seeds the org's own record: its Id is the org Id.
func (s *seeder) organization() {
	w := s.rows("Organization", 6, 1)
	w.begin()
	w.str("Name", s.cfg.orgName())
	w.str("Phone", w.phone())
	w.str("OrganizationType", "Enterprise Edition")
	w.str("InstanceName", "SIM"+s.o.pod[:1])
	w.set("IsSandbox", boolCell(false))
	w.str("DefaultLocaleSidKey", "en_US")
	w.str("LanguageLocaleKey", "en_US")
	w.str("TimeZoneSidKey", "America/Los_Angeles")
	w.commit()
}

// accounts seeds n accounts and returns their Ids for the child objects.
func (s *seeder) accounts(n int) []string {
	w := s.rows("Account", 1, n)
	users := s.o.users
	ids := make([]string, 0, n)
	for i := 0; i < n; i++ {
		id := w.begin()
		var name string
		if i%37 == 7 {
			name = specialCompanies[(i/37)%len(specialCompanies)]
		} else {
			name = w.concat(w.pick(companyWords), " ", w.pick(companySuffixes))
		}
		w.str("Name", name)
		w.str("Type", w.maybe(85, w.pick(accountTypes)))
		if len(ids) > 0 && w.r.IntN(20) == 0 {
			w.str("ParentId", ids[w.r.IntN(len(ids))])
		}
		w.address("Billing")
		if w.r.IntN(2) == 0 {
			w.address("Shipping")
		}
		w.str("Phone", w.maybe(90, w.phone()))
		w.str("Fax", w.maybe(20, w.phone()))
		w.str("AccountNumber", w.maybe(60, w.concat("CD", strconv.Itoa(100000+i))))
		w.str("Website", w.maybe(80, w.concat("https://www.", slug(name), ".example.com")))
		w.str("Sic", w.maybe(40, w.pick(sicCodes)))
		w.str("Industry", w.maybe(85, w.pick(industries)))
		if w.r.IntN(10) < 7 {
			w.set("AnnualRevenue", numberCell(float64(w.r.IntN(5000))*100000))
			w.set("NumberOfEmployees", numberCell(float64(1+w.r.IntN(20000))))
		}
		w.str("Ownership", w.maybe(50, w.pick(w.obj.fieldExact("Ownership").Picklist)))
		w.str("TickerSymbol", w.maybe(5, w.concat(slug(name)[:min(4, len(slug(name)))])))
		w.str("Description", w.maybe(15, w.pick(descriptions)))
		w.str("Rating", w.maybe(60, w.pick(ratings)))
		w.str("Site", w.maybe(10, "Headquarters"))
		w.str("OwnerId", w.pick(users))
		if w.r.IntN(2) == 0 {
			w.set("LastActivityDate", w.date(seedAnchor-yearMillis, yearMillis))
		}
		w.str("AccountSource", w.maybe(70, w.pick(leadSources)))
		w.str("CSM__c", w.maybe(70, w.pick(users)))
		w.str("SDR__c", w.maybe(50, w.pick(users)))
		w.str("Sales_Engineer__c", w.maybe(40, w.pick(users)))
		if w.r.IntN(3) == 0 {
			w.set("Customer_Since__c", w.date(seedAnchor-5*yearMillis, 5*yearMillis))
		}
		w.str("Logo__c", w.maybe(2, logoBase64))
		w.commit()
		ids = append(ids, id)
	}
	return ids
}

func (s *seeder) person(w *rows) (first, last string) {
	first, last = w.pick(firstNames), w.pick(lastNames)
	if w.r.IntN(20) != 0 { // a few contacts have no first name
		w.str("FirstName", first)
	}
	w.str("LastName", last)
	w.str("Title", w.maybe(80, w.pick(titles)))
	w.str("Phone", w.maybe(80, w.phone()))
	w.str("Email", w.maybe(90, w.concat(slug(first), ".", slug(last), strconv.Itoa(w.r.IntN(1000)), "@example.org")))
	w.str("LeadSource", w.maybe(60, w.pick(leadSources)))
	w.str("OwnerId", w.pick(s.o.users))
	return first, last
}

func (s *seeder) contacts(accounts []string, per int) {
	w := s.rows("Contact", 3, len(accounts)*per)
	for _, acc := range accounts {
		for j := 0; j < per; j++ {
			w.begin()
			w.str("AccountId", acc)
			s.person(w)
			w.str("Salutation", w.maybe(50, w.pick(w.obj.fieldExact("Salutation").Picklist)))
			w.address("Mailing")
			w.str("MobilePhone", w.maybe(40, w.phone()))
			w.str("Department", w.maybe(60, w.pick(departments)))
			if w.r.IntN(3) == 0 {
				w.set("Birthdate", w.date(seedAnchor-60*yearMillis, 40*yearMillis))
			}
			w.str("Description", w.maybe(10, w.pick(descriptions)))
			w.set("HasOptedOutOfEmail", boolCell(w.r.IntN(10) == 0))
			w.commit()
		}
	}
}

func (s *seeder) opportunities(accounts []string, per int) {
	w := s.rows("Opportunity", 6, len(accounts)*per)
	for _, acc := range accounts {
		for j := 0; j < per; j++ {
			w.begin()
			w.str("AccountId", acc)
			w.str("Name", w.concat(w.pick(companyWords), " - ", w.pick(products)))
			stage := w.pick(stages)
			w.str("StageName", stage)
			w.set("Probability", numberCell(stageProbability[stage]))
			if w.r.IntN(10) < 8 {
				w.set("Amount", numberCell(float64(1+w.r.IntN(2000))*500))
			}
			w.set("CloseDate", w.date(seedAnchor-yearMillis, 2*yearMillis))
			w.str("Type", w.maybe(70, w.pick(w.obj.fieldExact("Type").Picklist)))
			w.str("NextStep", w.maybe(30, "Send proposal, then follow up"))
			w.str("LeadSource", w.maybe(60, w.pick(leadSources)))
			closed := stage == "Closed Won" || stage == "Closed Lost"
			w.set("IsClosed", boolCell(closed))
			w.set("IsWon", boolCell(stage == "Closed Won"))
			category := "Pipeline"
			if closed {
				category = map[bool]string{true: "Closed", false: "Omitted"}[stage == "Closed Won"]
			}
			w.str("ForecastCategoryName", category)
			w.str("Description", w.maybe(10, w.pick(descriptions)))
			w.str("OwnerId", w.pick(s.o.users))
			w.commit()
		}
	}
}

func (s *seeder) leads(n int, accounts []string) {
	w := s.rows("Lead", 4, n)
	owners := s.rng(8) // its own stream: queue owners leave the other values as they were
	for i := 0; i < n; i++ {
		w.begin()
		s.person(w)
		if len(s.o.queues) > 0 && owners.IntN(100) < s.cfg.QueueLeadShare {
			w.str("OwnerId", s.o.queues[owners.IntN(len(s.o.queues))])
		}
		if i%41 == 3 {
			w.str("Company", specialCompanies[(i/41)%len(specialCompanies)])
		} else {
			w.str("Company", w.concat(w.pick(companyWords), " ", w.pick(companySuffixes)))
		}
		w.address("")
		w.str("Website", w.maybe(50, w.concat("https://", strconv.Itoa(i), ".example.net")))
		status := w.pick(leadStatuses)
		w.str("Status", status)
		w.str("Industry", w.maybe(60, w.pick(industries)))
		w.str("Rating", w.maybe(40, w.pick(ratings)))
		if status == "Closed - Converted" {
			w.set("IsConverted", boolCell(true))
			w.set("ConvertedDate", w.date(seedAnchor-yearMillis, yearMillis))
			if len(accounts) > 0 {
				w.str("ConvertedAccountId", accounts[w.r.IntN(len(accounts))])
			}
		}
		w.commit()
	}
}

// queueCount is how many queues cfg seeds.
func (cfg SeedConfig) queueCount() int {
	if cfg.QueueLeadShare > 0 {
		return max(cfg.Queues, 1)
	}
	return max(cfg.Queues, 0)
}

// queueNames name the seeded lead queues, then "Lead Queue N".
var queueNames = []string{"Inbound Leads", "EMEA Leads", "APAC Leads", "Partner Leads", "Enterprise Leads"}

// queues seeds n lead queues owned by the integration user.
func (s *seeder) queues(n int) {
	if n == 0 {
		return
	}
	w := s.rows("Group", 7, n)
	for i := 0; i < n; i++ {
		id := w.begin()
		name := "Lead Queue " + strconv.Itoa(i+1)
		if i < len(queueNames) {
			name = queueNames[i]
		}
		w.str("Name", name)
		w.str("DeveloperName", developerName(name))
		w.str("Type", "Queue")
		w.str("OwnerId", s.o.users[0])
		w.commit()
		s.o.queues = append(s.o.queues, id)
	}
}

// developerName derives an API name from a label: letters and digits, other
// runs of characters as one underscore ("Inbound Leads" -> "Inbound_Leads").
func developerName(label string) string {
	b := make([]byte, 0, len(label))
	for i := 0; i < len(label); i++ {
		c := label[i]
		alnum := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
		switch {
		case alnum:
			b = append(b, c)
		case len(b) > 0 && b[len(b)-1] != '_':
			b = append(b, '_')
		}
	}
	for len(b) > 0 && b[len(b)-1] == '_' {
		b = b[:len(b)-1]
	}
	if len(b) == 0 || b[0] >= '0' && b[0] <= '9' {
		b = append([]byte("Q_"), b...)
	}
	return string(b)
}
