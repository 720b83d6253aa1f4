package experts

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"strings"
	"unicode"
)

// Keys, all under the configured prefix and one hash tag, {ex}, so the
// scripts that open, join and close a request (which touch the request,
// its askers and the open-question index together) work on Redis Cluster.
// The whole feature is one slot: requests are made by people, a few a day.
//
//	S ex:{ex}:channel     the experts channel `experts here` set, or "off"
//	S ex:{ex}:q:<qid>     an offer (JSON): the question and where it was asked (the Ask a person button's value)
//	H ex:{ex}:r:<rid>     a request: question, status (open, answered, expired), the experts' post, the answer
//	L ex:{ex}:r:<rid>:a   the request's askers (JSON origins), the first one first
//	S ex:{ex}:open:<key>  the open request for a question key (normalised text or an entry)
//	S ex:{ex}:st:<key>    the latest request for a question key, for the admins' unanswered list
//	Z ex:{ex}:due         requests by their next reminder or expiry check (its TTL refreshed on each open)
//
// Every key but the channel has a TTL: a request lives until its expiry and
// a grace after it.
//
//	S ex:{ex}:votes:<rid> who rated an expert's answer (👍/👎 once each)
type keys struct{ prefix string }

func (k keys) base() string              { return k.prefix + "ex:{ex}:" }
func (k keys) channel() string           { return k.base() + "channel" }
func (k keys) offer(qid string) string   { return k.base() + "q:" + qid }
func (k keys) request(rid string) string { return k.base() + "r:" + rid }
func (k keys) askers(rid string) string  { return k.base() + "r:" + rid + ":a" }
func (k keys) open(key string) string    { return k.base() + "open:" + key }
func (k keys) latest(key string) string  { return k.base() + "st:" + key }
func (k keys) due() string               { return k.base() + "due" }
func (k keys) votes(rid string) string   { return k.base() + "votes:" + rid }

// newID names an offer or a request: 16 hex digits, what button values carry.
func newID() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// questionKey is what makes two asks the same question: the entry a 👎 was
// about (everyone unhappy with one answer asks the same thing), else the
// question's normalised text. Two different questions that merely land on
// the same gap topic stay apart: one's answer would not answer the other.
func questionKey(question, entryID string) string {
	if entryID != "" {
		return "e:" + entryID
	}
	return "t:" + textDigest(question)
}

// textDigest names a question's normalised text in a key.
func textDigest(question string) string {
	h := sha256.Sum256([]byte(normalise(question)))
	return hex.EncodeToString(h[:10])
}

// clipQuestion trims a question to what is kept and shown.
func clipQuestion(s string) string {
	r := []rune(strings.TrimSpace(s))
	return string(r[:min(len(r), maxQuestion)])
}

var (
	idPattern      = regexp.MustCompile(`^[0-9a-f]{16}$`)
	userPattern    = regexp.MustCompile(`^[UW][A-Z0-9]{1,20}$`)
	channelPattern = regexp.MustCompile(`^[CGD][A-Z0-9]{1,20}$`)
)

// normalise is a question's text as two askers of the same question would
// both have typed it: lower case, letters and digits only, single spaces,
// Slack's escaping and markup undone.
func normalise(q string) string {
	q = strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">").Replace(strings.ToLower(q))
	var b strings.Builder
	space := false
	for _, r := range q {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteRune(r)
			space = false
			continue
		}
		space = true
	}
	return b.String()
}

func validID(id string) bool   { return idPattern.MatchString(id) }
func userOK(id string) bool    { return userPattern.MatchString(id) }
func channelOK(id string) bool { return channelPattern.MatchString(id) }
