package blockkit

import (
	"strings"

	"github.com/slack-go/slack/slackutilsx"
)

// unescaper undoes the escaping Slack applies to message text (only &, <
// and >, as the mrkdwn rules say).
var unescaper = strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">")

// Echo makes text a user typed safe to repeat in mrkdwn: clipped to n
// runes (n <= 0: not clipped) and escaped so that it can make no mention,
// link or @channel. Slack sends message text already escaped (R&amp;D), so
// Echo undoes that first: escaping twice would show "&amp;". It is the
// same for text that was never escaped (the console), and Echo(Echo(s))
// is Echo(s).
func Echo(text string, n int) string {
	s := unescaper.Replace(text)
	if n > 0 {
		s = Clip(s, n)
	}
	return slackutilsx.EscapeMessage(s)
}
