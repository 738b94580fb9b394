package sfsim

// Value pools for seeding. They deliberately include what breaks careless
// CSV and JSON handling: commas, double quotes, newlines and non-ASCII letters.

var firstNames = []string{"James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth",
	"William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen", "Zoë", "José",
	"Björn", "Søren", "Ana María", "François", "Łukasz", "Chloé", "Jürgen", "Nuñez", "Aoife", "Siobhán", "Ngozi", "Wei", "Yuki", "Priya"}

var lastNames = []string{"Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
	"Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Müller",
	"O'Brien", "Ødegaard", "Ångström", "Dvořák", "Núñez", "Schröder", "D'Angelo", "Nguyễn", "Kowalczyk", "Van der Berg",
	"Müller, \"Jr.\"", "Smith-Jones", "Çelik", "Żółć"}

var companyWords = []string{"Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Wonka", "Tyrell", "Cyberdyne", "Soylent",
	"Hooli", "Vandelay", "Pied Piper", "Massive Dynamic", "Aperture", "Oscorp", "Gringotts", "Nakatomi", "Blue Sun", "Monarch",
	"Northwind", "Contoso", "Fabrikam", "Tailspin", "Litware", "Adventure Works", "Proseware", "Lucerne", "Wingtip", "Alpine"}

var companySuffixes = []string{"Inc.", "LLC", "Ltd.", "GmbH", "S.A.", "Corp.", "Group", "Holdings", "Partners", "AG", "Systems", "Labs"}

// specialCompanies appear every few dozen accounts; each is a CSV trap.
var specialCompanies = []string{
	"Müller, \"Jr.\" & Söhne GmbH",
	"Ørsted\nHoldings",
	"Société Générale, S.A.",
	"\"Quoted\" Industries",
	"Smith, Jones, and Partners",
	"東京精密株式会社",
	"Zürich Versicherungs-Gesellschaft",
	"Tab\tSeparated Ventures",
	"Trailing Space Co ",
	"Ünïcödé \"Ltd\", Inc.",
}

type location struct{ city, state, postal, country string }

var locations = []location{
	{"San Francisco", "CA", "94105", "United States"}, {"New York", "NY", "10001", "United States"},
	{"Austin", "TX", "73301", "United States"}, {"Chicago", "IL", "60601", "United States"},
	{"Seattle", "WA", "98101", "United States"}, {"Boston", "MA", "02108", "United States"},
	{"London", "", "EC1A 1BB", "United Kingdom"}, {"München", "Bayern", "80331", "Germany"},
	{"Paris", "Île-de-France", "75001", "France"}, {"København", "", "1050", "Denmark"},
	{"Toronto", "ON", "M5H 2N2", "Canada"}, {"São Paulo", "SP", "01000-000", "Brazil"},
	{"Tokyo", "", "100-0001", "Japan"}, {"Sydney", "NSW", "2000", "Australia"},
	{"Zürich", "ZH", "8001", "Switzerland"}, {"Kraków", "", "30-001", "Poland"},
}

var streetNames = []string{"Main St", "Market St", "Oak Ave", "Pine Rd", "Maple Dr", "Cedar Ln", "Elm St", "Broadway",
	"Hauptstraße", "Rue de Rivoli", "King St W", "Avenida Paulista"}

var titles = []string{"CEO", "CFO", "CTO", "VP Sales", "VP Marketing", "Director of Operations, Western Region",
	"Account Manager", "Sales Engineer", "Customer Success Manager", "Sales Development Rep", "Buyer", "Procurement Lead",
	"Head of IT", "Office Manager", "Software Engineer"}

var departments = []string{"Sales", "Marketing", "Engineering", "Finance", "Operations", "IT", "Customer Success", "Procurement"}

var descriptions = []string{
	"Key account; renewal due Q3.",
	"Met at Dreamforce, interested in \"premium\" tier",
	"Multi-line note:\nline two\nline three",
	"Prefers email, not phone, for follow-ups",
	"Référence client prioritaire",
}

var sicCodes = []string{"7372", "6021", "2834", "4813", "1521", "8742", "3674", "4911"}

var products = []string{"Platform License", "Professional Services", "Support Renewal", "Expansion", "Pilot", "Enterprise Upgrade"}

// stageProbability maps Opportunity stages to their default probability.
var stageProbability = map[string]float64{"Prospecting": 10, "Qualification": 10, "Needs Analysis": 20, "Value Proposition": 50,
	"Id. Decision Makers": 60, "Perception Analysis": 70, "Proposal/Price Quote": 75, "Negotiation/Review": 90,
	"Closed Won": 100, "Closed Lost": 0}

// logoBase64 is a 1x1 PNG, the content of the few seeded Logo__c values.
const logoBase64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
