package bot

import "github.com/slack-go/slack"

// decodeInteraction decodes an interactive envelope: a click, a modal's
// submission or close, a shortcut.
func decodeInteraction(envID string, cb slack.InteractionCallback) (*Request, string) {
	req := &Request{TeamID: teamOf(cb), UserID: cb.User.ID, TriggerID: cb.TriggerID}
	switch cb.Type {
	case slack.InteractionTypeBlockActions:
		if len(cb.ActionCallback.BlockActions) == 0 {
			return nil, "block_actions without an action"
		}
		req.Kind, req.ID = KindAction, onceKey("act:", cb.TriggerID, envID)
		decodeClick(req, cb)
	case slack.InteractionTypeViewSubmission, slack.InteractionTypeViewClosed:
		req.Kind, req.ID = KindViewSubmission, onceKey("view:", cb.TriggerID, envID)
		if cb.Type == slack.InteractionTypeViewClosed {
			req.Kind, req.ID = KindViewClosed, envID
		}
		withView(req, cb.View)
		req.CallbackID = cb.View.CallbackID
	case slack.InteractionTypeShortcut:
		req.Kind, req.ID, req.CallbackID = KindShortcut, onceKey("sc:", cb.TriggerID, envID), cb.CallbackID
	case slack.InteractionTypeMessageAction:
		req.Kind, req.ID, req.CallbackID = KindMessageShortcut, onceKey("msc:", cb.TriggerID, envID), cb.CallbackID
		req.ChannelID, req.ResponseURL = cb.Channel.ID, cb.ResponseURL
		req.ChannelType = clickChannelType(cb.Channel.ID, cb.Channel.Name)
		req.Text = clip(cb.Message.Text)
		req.MessageTS, req.ThreadTS = cb.Message.Timestamp, cb.Message.ThreadTimestamp
		if req.MessageTS == "" {
			req.MessageTS = cb.MessageTs
		}
		req.MessageUserID = cb.Message.User
		if req.MessageUserID == "" {
			req.MessageUserID = cb.Message.BotID // a bot's post
		}
	default:
		return nil, "unhandled interaction " + string(cb.Type)
	}
	return req, ""
}

// decodeClick fills in a block_actions click: where the button was, and
// for a click inside a modal the modal's id, metadata and inputs.
func decodeClick(req *Request, cb slack.InteractionCallback) {
	a := cb.ActionCallback.BlockActions[0]
	req.ChannelID = cb.Channel.ID
	if req.ChannelID == "" {
		req.ChannelID = cb.Container.ChannelID
	}
	req.ChannelType = clickChannelType(req.ChannelID, cb.Channel.Name)
	req.MessageTS = cb.Container.MessageTs
	if req.MessageTS == "" {
		req.MessageTS = cb.Message.Timestamp
	}
	req.ThreadTS = cb.Container.ThreadTs
	if req.ThreadTS == "" {
		req.ThreadTS = cb.Message.ThreadTimestamp
	}
	req.ResponseURL, req.Ephemeral = cb.ResponseURL, cb.Container.IsEphemeral
	req.ActionID, req.ActionValue = a.ActionID, a.Value
	if req.ActionValue == "" && a.SelectedOption.Value != "" {
		req.ActionValue = a.SelectedOption.Value
	}
	switch cb.View.Type {
	case slack.VTModal:
		withView(req, cb.View)
		req.CallbackID = cb.View.CallbackID
	case slack.VTHomeTab:
		req.OnHome = true
	}
}

// withView copies what handlers need of a modal.
func withView(req *Request, v slack.View) {
	req.ViewID, req.ViewHash, req.PrivateMetadata = v.ID, v.Hash, v.PrivateMetadata
	if v.State != nil {
		req.Values = formOf(v.State.Values)
	}
}

func teamOf(cb slack.InteractionCallback) string {
	for _, id := range []string{cb.Team.ID, cb.User.TeamID, cb.View.TeamID} {
		if id != "" {
			return id
		}
	}
	return ""
}
