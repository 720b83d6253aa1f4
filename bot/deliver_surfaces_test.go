package bot

import (
	"context"
	"strings"
	"testing"

	"github.com/slack-go/slack"
)

// sendLog records what Deliver did, one line per call.
type sendLog struct {
	calls      []string
	ephemeralE error // what PostEphemeral answers
}

func (s *sendLog) Post(_ context.Context, m Message) (string, error) {
	s.calls = append(s.calls, "post "+m.Channel+" "+m.ThreadTS)
	return "1.1", nil
}
func (s *sendLog) PostEphemeral(_ context.Context, m Message) error {
	s.calls = append(s.calls, "ephemeral "+m.Channel+" "+m.ThreadTS+" "+m.User)
	return s.ephemeralE
}
func (s *sendLog) Respond(_ context.Context, url string, _ Reply, inChannel bool) error {
	s.calls = append(s.calls, "respond "+url+map[bool]string{true: " in_channel", false: ""}[inChannel])
	return nil
}
func (s *sendLog) DeleteOriginal(context.Context, string) error { return nil }
func (s *sendLog) OpenDM(_ context.Context, user string) (string, error) {
	return "D" + user, nil
}

func TestDeliverSurfaces(t *testing.T) {
	notIn := slack.SlackErrorResponse{Err: "not_in_channel"}
	tests := []struct {
		name  string
		req   Request
		reply Reply
		err   error
		want  string
	}{
		{"assistant message answered in its thread", Request{Kind: KindAssistantMessage, ChannelID: "D1", ThreadTS: "7.0"}, Reply{Text: "a"}, nil, "post D1 7.0"},
		{"assistant greeting in the new thread", Request{Kind: KindAssistantStarted, ChannelID: "D1", ThreadTS: "7.0"}, Reply{Text: "hi"}, nil, "post D1 7.0"},
		{"message shortcut at top level: the response_url", Request{Kind: KindMessageShortcut, UserID: "U1", ChannelID: "C1", ResponseURL: "url"}, Reply{Text: "a"}, nil, "respond url"},
		{"message shortcut in a thread: ephemeral in the thread", Request{Kind: KindMessageShortcut, UserID: "U1", ChannelID: "C1", ThreadTS: "5.0", ResponseURL: "url"}, Reply{Text: "a"}, nil, "ephemeral C1 5.0 U1"},
		{"message shortcut in a thread the bot is not in", Request{Kind: KindMessageShortcut, UserID: "U1", ChannelID: "C1", ThreadTS: "5.0", ResponseURL: "url"}, Reply{Text: "a"}, notIn, "ephemeral C1 5.0 U1; respond url"},
		{"message shortcut answer shared", Request{Kind: KindMessageShortcut, UserID: "U1", ChannelID: "C1", ThreadTS: "5.0"}, Reply{Text: "a", Visibility: VisibilityInChannel}, nil, "post C1 5.0"},
		{"view submission to a channel", Request{Kind: KindViewSubmission, UserID: "U1"}, Reply{Text: "a", Channel: "C9"}, nil, "post C9 "},
		{"view submission privately in a channel", Request{Kind: KindViewSubmission, UserID: "U1"}, Reply{Text: "a", Channel: "C9", Visibility: VisibilityEphemeral}, nil, "ephemeral C9  U1"},
		{"global shortcut to the DM", Request{Kind: KindShortcut, UserID: "U1"}, Reply{Text: "a"}, nil, "post DU1 "},
		{"a click in the pane's thread is answered there", Request{Kind: KindAction, UserID: "U1", ChannelID: "D1", ThreadTS: "7.0", ResponseURL: "url"}, Reply{Text: "a"}, nil, "post D1 7.0"},
		{"a click at the top of a DM uses the response_url", Request{Kind: KindAction, UserID: "U1", ChannelID: "D1", ResponseURL: "url"}, Reply{Text: "a"}, nil, "respond url"},
		{"view answer alone posts nothing", Request{Kind: KindViewSubmission, UserID: "U1"}, Reply{View: slack.NewClearViewSubmissionResponse()}, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &sendLog{ephemeralE: tt.err}
			if err := Deliver(context.Background(), s, &tt.req, tt.reply); err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(s.calls, "; "); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
