package sfsim

import "strings"

// Group and the polymorphic Name relationship: queues own Leads.
//
// A queue is a Group record whose Type is Queue, Id prefix 00G (object
// reference: Group, QueueSobject — "A queue is a Group whose Type is
// Queue"). Group's fields follow the field reference for Group; it has no
// IsDeleted (groups are not soft-deleted). Description and
// QueueRoutingConfigId (Omni-Channel) are left out.

var groupTypes = []string{"Regular", "Role", "RoleAndSubordinates", "RoleAndSubordinatesInternal", "Manager",
	"ManagerAndSubordinatesInternal", "Organization", "Queue"}

func groupObject() *objectDef {
	f := fields(
		[]*fieldDef{idField()},
		[]*fieldDef{
			required(fld("Name", "Name", "string", 40)),
			fld("DeveloperName", "Developer Name", "string", 80),
			polymorphicLookup("RelatedId", "Related ID", "Related", "User", "UserRole"),
			required(picklist("Type", "Type", groupTypes...)),
			fld("Email", "Email", "email", 255),
			required(polymorphicLookup("OwnerId", "Owner ID", "Owner", "Organization", "User")),
			required(fld("DoesSendEmailToMembers", "Send Email to Members", "boolean", 0)),
			required(fld("DoesIncludeBosses", "Include Bosses", "boolean", 0)),
		},
		auditFields(),
	)
	return newObject("Group", "Group", "Groups", "00G", f)
}

// nameObject is Salesforce's Name object: the non-queryable shape a
// polymorphic relationship (Lead.Owner) is read through, with the fields
// the field reference lists for Name that a User or a queue can fill.
func nameObject() *objectDef {
	return newObject("Name", "Name", "Names", "", []*fieldDef{
		idField(),
		fld("Alias", "Alias", "string", 8),
		fld("Email", "Email", "email", 80),
		fld("FirstName", "First Name", "string", 40),
		fld("IsActive", "Active", "boolean", 0),
		fld("LastName", "Last Name", "string", 80),
		fld("Name", "Name", "string", 255),
		fld("Phone", "Phone", "phone", 40),
		fld("Title", "Title", "string", 80),
		picklist("Type", "Type", "User", "Queue"),
		fld("Username", "Username", "string", 80),
	})
}

// polymorphic reports whether a lookup references more than one object.
func (f *fieldDef) polymorphic() bool { return len(f.ReferenceTo) > 1 }

// resolve points a lookup at the objects it references: target is the
// object its relationship paths are resolved against (Name for a
// polymorphic lookup), targets the objects its Ids may belong to. Objects
// the simulator does not have (UserRole) are left out.
func (s *schema) resolve(f *fieldDef) {
	if f.Type != "reference" {
		return
	}
	for _, to := range f.ReferenceTo {
		if obj := s.object(to); obj != nil {
			f.targets = append(f.targets, obj)
		}
	}
	switch {
	case f.polymorphic():
		if s.name == nil {
			s.name = nameObject()
		}
		f.target = s.name
	case len(f.targets) == 1:
		f.target = f.targets[0]
	}
}

// targetFor is the referenced object an Id belongs to, by its key prefix.
func (f *fieldDef) targetFor(id string) *objectDef {
	for _, t := range f.targets {
		if len(id) >= 3 && id[:3] == t.KeyPrefix {
			return t
		}
	}
	return nil
}

// parentField reads field f of row j of a parent table p. For a polymorphic
// lookup f is a field of the Name object: a User answers with its field of
// that name and Type "User"; a queue answers Id, Name and Type (its Group
// Type, "Queue") and null for every User field such as Email
// (docs/salesforce-api.md §9).
func parentField(p *tableView, f *fieldDef, j int) cellValue {
	if p.obj.lookup(strings.ToLower(f.Name)) == f {
		return p.cell(f, j)
	}
	switch {
	case f.Name == "Type" && p.obj.Name == "User":
		return stringCell("User")
	case p.obj.Name == "Group" && f.Name != "Id" && f.Name != "Name" && f.Name != "Type":
		return nullCell(f.kind)
	}
	if pf := p.obj.lookup(strings.ToLower(f.Name)); pf != nil && !pf.gone() {
		return p.cell(pf, j)
	}
	return nullCell(f.kind)
}
