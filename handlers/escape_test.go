package handlers

import (
	"context"
	"strings"
	"testing"

	"github.com/advisor-bot/advisor/bot"
)

// recorder is a fake feature that remembers the arguments it was given.
type recorder struct{ got []string }

func (f *recorder) Handle(_ context.Context, _ *bot.Request, args []string) (bot.Reply, error) {
	f.got = append([]string(nil), args...)
	return bot.Reply{Text: "handled " + strings.Join(args, " ")}, nil
}

func (f *recorder) HandleAction(context.Context, *bot.Request) (bot.Reply, error) {
	return bot.Reply{Text: "clicked"}, nil
}

type recordingAssess struct {
	fakeAssess
	id string
}

func (f *recordingAssess) Start(_ context.Context, _ *bot.Request, id string) (bot.Reply, error) {
	f.id = id
	return bot.Reply{Text: "started " + id}, nil
}

// TestEscapedCommandsParseAsTyped: with should_escape on, Slack sends the
// slash command's text with mentions, channels and links as markup
// (<@U2|bob>, <#C9|general>, <https://x|x>) and &, <, > as entities. Every
// subcommand must still do what the same words typed plainly do.
func TestEscapedCommandsParseAsTyped(t *testing.T) {
	tests := []struct {
		name, plain, escaped string
		feature              string // what the feature must have received, "" to compare the replies
	}{
		{"help", "help", "help", ""},
		{"nothing", "", "", ""},
		{"compare a row", "compare background", "compare background", ""},
		{"ask with an ampersand", "ask who sells & who builds?", "ask who sells &amp; who builds?", ""},
		// A mention is markup the reading drops, where a plain @bob is an
		// unknown word: the answers may differ, but both must be answers.
		{"ask naming someone", "ask should @bob be our CTO or CEO?", "ask should <@U2|bob> be our CTO or CEO?", "an answer"},
		{"ask with a link", "ask what does a cto do? see example.com", "ask what does a cto do? see <http://example.com|example.com>", ""},
		{"ask with a channel", "ask when should we split the roles #founders", "ask when should we split the roles <#C9|founders>", ""},
		{"assess", "assess first-seat", "assess first-seat", "first-seat"},
		{"tips", "tips subscribe weekly mon 09:00 Europe/Berlin", "tips subscribe weekly mon 09:00 Europe/Berlin", "subscribe weekly mon 09:00 Europe/Berlin"},
		{"ask naming a channel and @here", "ask should @here in #founders pick the CEO?", "ask should <!here> in <#C9|founders> pick the CEO?", "an answer"},
		{"ask with an email", "ask what does a cto do? mail a@b.co", "ask what does a cto do? mail <mailto:a@b.co|a@b.co>", ""},
		{"ask with a greater-than", "ask is the CEO > the CTO?", "ask is the CEO &gt; the CTO?", ""},
		{"compare naming a channel", "compare #general", "compare <#C9|general>", ""},
		{"compare a row with an ampersand", "compare who they face & own", "compare who they face &amp; own", ""},
		{"help naming someone", "help @bob", "help <@U2|bob>", ""},
		{"a near miss", "hepl", "hepl", ""},
		{"assess naming a channel", "assess #general", "assess <#C9|general>", "<#c9|general>"},
		{"assessment list", "assess", "assess", ""},
		{"tips naming a channel", "tips subscribe #general", "tips subscribe <#C9|general>", "subscribe <#C9|general>"},
		{"tips status", "tips status", "tips status", "status"},
		{"pair gets the mention as a user id", "pair @bob", "pair <@U2|bob>", "<@U2|bob>"},
		{"pair: a name with a space", "pair @bob smith", "pair <@U2|bob smith>", "<@U2|bob smith>"},
		{"pair: an alias", "co-founder @bob", "co-founder <@U2|bob>", "<@U2|bob>"},
		{"pair: the assessment too", "pair @bob who-owns-what", "pair <@U2|bob> who-owns-what", "<@U2|bob> who-owns-what"},
		{"pair: two people", "pair @bob @carol", "pair <@U2|bob> <@U3|carol>", "<@U2|bob> <@U3|carol>"},
		{"admin", "unanswered", "unanswered", ""},
		{"stats", "stats", "stats", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			as, tips, pairs := &recordingAssess{}, &recorder{}, &recorder{}
			r, _ := testRouter(t, WithAssessments(as), WithTips(tips), WithPairs(pairs))
			ctx := context.Background()
			plain, err := r.Handle(ctx, cmd(tt.plain))
			if err != nil {
				t.Fatal(err)
			}
			as.id, tips.got, pairs.got = "", nil, nil
			escaped, err := r.Handle(ctx, cmd(tt.escaped))
			if err != nil {
				t.Fatal(err)
			}
			if tt.feature == "an answer" {
				for _, r := range []bot.Reply{plain, escaped} {
					got := flat(t, r)
					if !strings.Contains(got, "Share in channel") {
						t.Errorf("got %s, want an answer", got)
					}
					for _, raw := range []string{"<@U2", "<!here", "<#C9", "<mailto"} {
						if strings.Contains(got, raw) {
							t.Errorf("got %s, want no %s echoed as markup", got, raw)
						}
					}
				}
				return
			}
			if tt.feature != "" {
				got := as.id + strings.Join(tips.got, " ") + strings.Join(pairs.got, " ")
				if got != tt.feature {
					t.Errorf("the feature got %q, want %q", got, tt.feature)
				}
				return
			}
			if p, e := flat(t, plain), flat(t, escaped); p != e {
				t.Errorf("escaped %q answered\n%s\nwant as %q:\n%s", tt.escaped, e, tt.plain, p)
			}
		})
	}
}
