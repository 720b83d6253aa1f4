package pairs

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// A take is one run of a paired assessment by two people. It lives under
// the couple (the two user ids, sorted, and the pair's id), so one Redis
// key holds everything about it and each step is one script on one key;
// a re-take by the same couple replaces it, its result kept in the
// couple's history beside it.
//
// Keys, all under the configured prefix:
//
//	P pr:{CID}     hash: the current take (TTL refreshed on each step)
//	P pr:{CID}:h   list: the couple's revealed takes, newest first (JSON;
//	               TTL the history's, refreshed on each reveal)
//	P pr:user:{U}  set: the couples a user belongs to, for App Home (TTL the
//	               history's, refreshed on each invitation)
//	P pr:due       sorted set: couples by their next reminder or expiry check
//	               (TTL a take's, refreshed on each add)
//
// Every key expires: TestEveryKeyHasATTL checks it.
// The two couple keys share the hash tag {CID}, so the scripts that touch
// both work on Redis Cluster.
var (
	userPattern = regexp.MustCompile(`^[UW][A-Z0-9]{1,20}$`)
	cidPattern  = regexp.MustCompile(`^[UW][A-Z0-9]{1,20}:[UW][A-Z0-9]{1,20}:[a-z0-9][a-z0-9-]{0,59}$`)
)

// coupleID names the couple of users u and v taking pairID: the same
// whoever invites whom.
func coupleID(u, v, pairID string) string {
	ids := []string{u, v}
	slices.Sort(ids)
	return ids[0] + ":" + ids[1] + ":" + pairID
}

// pairOf is the pair assessment a couple id names.
func pairOf(cid string) string { return cid[strings.LastIndexByte(cid, ':')+1:] }

type keys struct{ prefix string }

func (k keys) take(cid string) string    { return k.prefix + "pr:{" + cid + "}" }
func (k keys) history(cid string) string { return k.prefix + "pr:{" + cid + "}:h" }
func (k keys) user(uid string) string    { return k.prefix + "pr:user:{" + uid + "}" }
func (k keys) due() string               { return k.prefix + "pr:due" }

// newRun returns a random nonce naming a take or one seat's run through
// the questions: clicks on an earlier one's buttons are stale.
func newRun() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// ref is what a button value carries: which couple, which take, which
// seat run, which question and option.
type ref struct {
	CID      string
	Run      string
	SeatRun  string
	Question int
	Option   int
}

func (r ref) value() string {
	return fmt.Sprintf("%s|%s|%s|%d|%d", r.CID, r.Run, r.SeatRun, r.Question, r.Option)
}

// parseRef decodes a button value made by ref.value.
func parseRef(v string) (ref, error) {
	parts := strings.Split(v, "|")
	if len(parts) != 5 {
		return ref{}, fmt.Errorf("parse pair button %q: want 5 fields", v)
	}
	r := ref{CID: parts[0], Run: parts[1], SeatRun: parts[2]}
	if !cidPattern.MatchString(r.CID) || len(r.Run) > 32 || len(r.SeatRun) > 32 {
		return ref{}, fmt.Errorf("parse pair button %q: bad take", v)
	}
	var err error
	if r.Question, err = strconv.Atoi(parts[3]); err != nil || r.Question < -1 || r.Question > 100 {
		return ref{}, fmt.Errorf("parse pair button %q: bad question", v)
	}
	if r.Option, err = strconv.Atoi(parts[4]); err != nil || r.Option < -1 || r.Option > 100 {
		return ref{}, fmt.Errorf("parse pair button %q: bad option", v)
	}
	return r, nil
}
