package salesforce

// SObjectDescribe is the part of GET /sobjects/{X}/describe the app uses.
type SObjectDescribe struct {
	Name        string  `json:"name"`
	Label       string  `json:"label"`
	LabelPlural string  `json:"labelPlural"`
	KeyPrefix   string  `json:"keyPrefix"`
	Custom      bool    `json:"custom"`
	Queryable   bool    `json:"queryable"`
	Fields      []Field `json:"fields"`
}

// Field is one field of a describe result.
type Field struct {
	Name              string   `json:"name"`
	Label             string   `json:"label"`
	Type              string   `json:"type"` // id, string, reference, address, base64, datetime, ...
	SoapType          string   `json:"soapType"`
	Length            int      `json:"length"`
	Custom            bool     `json:"custom"`
	Nillable          bool     `json:"nillable"`
	Calculated        bool     `json:"calculated"` // formula field
	CalculatedFormula string   `json:"calculatedFormula,omitempty"`
	CompoundFieldName string   `json:"compoundFieldName,omitempty"`
	ReferenceTo       []string `json:"referenceTo"`
	RelationshipName  string   `json:"relationshipName,omitempty"`
	Filterable        bool     `json:"filterable"`
	Sortable          bool     `json:"sortable"`
	Updateable        bool     `json:"updateable"`
	Createable        bool     `json:"createable"`
}

// SObjectSummary is one entry of describeGlobal's "sobjects" list.
type SObjectSummary struct {
	Name          string `json:"name"`
	Label         string `json:"label"`
	LabelPlural   string `json:"labelPlural"`
	KeyPrefix     string `json:"keyPrefix"`
	Custom        bool   `json:"custom"`
	Queryable     bool   `json:"queryable"`
	Replicateable bool   `json:"replicateable"`
}
