package engine

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/sfsync/sfsync/core/fields"
	"github.com/sfsync/sfsync/core/format"
	"github.com/sfsync/sfsync/core/salesforce"
	"github.com/sfsync/sfsync/core/store"
	"github.com/sfsync/sfsync/core/wording"
)

// ErrNotAnID is returned by Explain for text that is not a record Id.
var ErrNotAnID = errors.New("not a Salesforce record Id")

// Explain finds out why a record is or is not in the local store ("why is
// this record missing?"). An 18-character Id whose case was folded (by a
// spreadsheet) is read with the case its suffix gives (salesforce.CaseSafeID). The store answers for a stored record, at no
// cost; otherwise ONE call asks the org (queryAll by Id, which also shows
// the Recycle Bin), or, for an Id of an object sfsync does not sync, the
// org's describeGlobal names its object. wording.Explain says the result.
func (e *Engine) Explain(ctx context.Context, id string) (wording.Finding, error) {
	if !store.ValidID(id) {
		return wording.Finding{}, fmt.Errorf("%s: %w (15 or 18 letters and digits)", format.Quote(id), ErrNotAnID)
	}
	long, ok := salesforce.CaseSafeID(id)
	if !ok {
		return wording.Finding{}, fmt.Errorf("%s: %w: its last three characters cannot belong to the 15 before them (a typo?)", format.Quote(id), ErrNotAnID)
	}
	f := wording.Finding{ID: long}
	obj, err := e.objectOfID(f.ID)
	if err != nil {
		return f, err
	}
	f.Object = obj
	e.mu.Lock()
	sess := e.sess
	e.mu.Unlock()
	f.Connected = sess != nil
	if obj != "" {
		return f, e.explainSynced(ctx, sess, &f)
	}
	if sess != nil {
		f.OtherObject = otherObject(ctx, sess, f.ID)
		f.Calls = 1
	}
	return f, nil
}

// explainSynced fills f for an Id of a synced object.
func (e *Engine) explainSynced(ctx context.Context, sess *session, f *wording.Finding) error {
	rec, err := e.st.Get(f.Object, f.ID)
	if err != nil {
		return err
	}
	if rec != nil {
		f.InStore = true
		f.Stamp = stampOf(rec.Field(fields.FieldSystemModstamp))
		return nil
	}
	if sess == nil {
		return nil
	}
	if bm, ok, err := e.st.Bookmark(f.Object); err != nil {
		return err
	} else if ok {
		f.Bookmark = bm
	}
	q := "SELECT Id, SystemModstamp FROM " + f.Object + " WHERE Id = '" + f.ID + "'"
	if f.Object != fields.UserObject { // a real User has no IsDeleted
		q = "SELECT Id, IsDeleted, SystemModstamp FROM " + f.Object + " WHERE Id = '" + f.ID + "'"
	}
	res, err := sess.client.QueryAll(ctx, q)
	f.Asked, f.Calls = true, 1
	if err != nil {
		return fmt.Errorf("ask Salesforce about %s: %w", f.ID, err)
	}
	if len(res.Records) == 0 {
		return nil
	}
	f.InOrg = true
	r := res.Records[0]
	if v, ok := r.Get(fields.FieldIsDeleted); ok {
		f.Deleted = v.Text == "true"
	}
	v, _ := r.Get(fields.FieldSystemModstamp)
	f.Stamp = stampOf(normalize(formDateTime, v.Text), !v.Null)
	return nil
}

// objectOfID is the synced object whose key prefix starts id ("" when
// none), from the describes cached in the store.
func (e *Engine) objectOfID(id string) (string, error) {
	for _, obj := range Objects {
		var d salesforce.SObjectDescribe
		ok, err := e.st.Schema(obj, &d)
		if err != nil {
			return "", err
		}
		if ok && d.KeyPrefix != "" && strings.HasPrefix(id, d.KeyPrefix) {
			return obj, nil
		}
	}
	return "", nil
}

// otherObject names the object id's key prefix belongs to, from the org's
// describeGlobal (one call); "" when unknown.
func otherObject(ctx context.Context, sess *session, id string) string {
	objs, err := sess.client.DescribeGlobal(ctx)
	if err != nil {
		return ""
	}
	for _, o := range objs {
		if o.KeyPrefix != "" && strings.HasPrefix(id, o.KeyPrefix) {
			return o.Label
		}
	}
	return ""
}

func stampOf(v string, ok bool) time.Time {
	if !ok {
		return time.Time{}
	}
	t, _ := time.Parse(canonicalDateTime, v)
	return t
}
