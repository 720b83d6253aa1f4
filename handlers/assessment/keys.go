package assessment

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// A session lives where its conversation happens, so its id is derived from
// the place: the channel and the thread ("" for a DM, where the assessment
// runs at the top level). That lets a typed reply find its session and move
// it forward in a single script call, without a lookup first.
//
// Keys, all under the configured prefix:
//
//	P as:{SID}          hash: the session record (TTL refreshed on each step)
//	P as:{SID}:m        string: assessment id while unfinished; outlives the
//	                    session so an expired one can be told apart from none
//	P as:{SID}:told:U   string: U, not the owner, was told once that the
//	                    session is not theirs
//	P as:shared:{U}:ID  string: the delivery that shared U's outcome ID
//	P as:user:{U}       string: the user's latest session id
//	P as:hist:{U}       list: the user's outcomes, newest first (JSON)
//	P as:due            sorted set: session ids by next reminder/expiry check
//
// The two session keys share the hash tag {SID}, so the scripts that touch
// both work on Redis Cluster.
var sidPattern = regexp.MustCompile(`^[A-Z0-9]{1,24}:[0-9.]{0,24}$`)

// sessionID names the session run in channel (and thread, "" in a DM).
func sessionID(channel, thread string) string { return channel + ":" + thread }

func splitSessionID(sid string) (channel, thread string) {
	channel, thread, _ = strings.Cut(sid, ":")
	return channel, thread
}

type keys struct{ prefix string }

func (k keys) session(sid string) string { return k.prefix + "as:{" + sid + "}" }
func (k keys) marker(sid string) string  { return k.prefix + "as:{" + sid + "}:m" }
func (k keys) told(sid, uid string) string {
	return k.prefix + "as:{" + sid + "}:told:" + uid
}
func (k keys) shared(uid, id string) string { return k.prefix + "as:shared:{" + uid + "}:" + id }
func (k keys) user(uid string) string       { return k.prefix + "as:user:{" + uid + "}" }
func (k keys) history(uid string) string    { return k.prefix + "as:hist:{" + uid + "}" }
func (k keys) due() string                  { return k.prefix + "as:due" }

// newRun returns a random nonce naming one run of a session: restarting
// changes it, so clicks on an earlier run's buttons are recognised as stale.
func newRun() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// ref is what a button value carries: which session, which run, which
// question, and for answers which option.
type ref struct {
	SID      string
	Run      string
	Question int
	Option   int
}

func (r ref) value() string {
	return fmt.Sprintf("%s|%s|%d|%d", r.SID, r.Run, r.Question, r.Option)
}

// parseRef decodes a button value made by ref.value.
func parseRef(v string) (ref, error) {
	parts := strings.Split(v, "|")
	if len(parts) != 4 {
		return ref{}, fmt.Errorf("parse button value %q: want 4 fields", v)
	}
	r := ref{SID: parts[0], Run: parts[1]}
	if !sidPattern.MatchString(r.SID) || len(r.Run) > 32 {
		return ref{}, fmt.Errorf("parse button value %q: bad session", v)
	}
	var err error
	if r.Question, err = strconv.Atoi(parts[2]); err != nil || r.Question < -1 || r.Question > 100 {
		return ref{}, fmt.Errorf("parse button value %q: bad question", v)
	}
	if r.Option, err = strconv.Atoi(parts[3]); err != nil || r.Option < -1 || r.Option > 100 {
		return ref{}, fmt.Errorf("parse button value %q: bad option", v)
	}
	return r, nil
}
