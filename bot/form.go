package bot

import (
	"slices"
	"strconv"

	"github.com/slack-go/slack"
)

// Form is the state of a modal's inputs, as a view_submission (or a click
// inside the modal) carries it: each input's Field by its block_id. A
// block holding several elements (an actions block in a modal) has each
// under "block_id/action_id" instead. Handlers read it without slack-go's
// view types.
type Form map[string]Field

// Field is one input's value. Which of Value and Values is set depends on
// the element.
type Field struct {
	Type     string   `json:"type"` // the element type: plain_text_input, static_select, radio_buttons, checkboxes, timepicker, datepicker, conversations_select, …
	ActionID string   `json:"action_id,omitempty"`
	Value    string   `json:"value,omitempty"`    // the text typed, the selected option's value, a date (2006-01-02), a time (15:04), a conversation, channel or user id, a date-time (Unix seconds)
	Values   []string `json:"values,omitempty"`   // checkboxes and multi-selects: the selected values, in Slack's order
	Timezone string   `json:"timezone,omitempty"` // timepicker: the timezone it was shown in, if it set one
}

// Value is the value of the input in block blockID ("" if none was given).
func (f Form) Value(blockID string) string { return f[blockID].Value }

// Values is what the checkboxes or multi-select in block blockID had
// selected.
func (f Form) Values(blockID string) []string { return f[blockID].Values }

// Has reports whether the input in block blockID has anything in it.
func (f Form) Has(blockID string) bool {
	v := f[blockID]
	return v.Value != "" || len(v.Values) > 0
}

// formOf flattens slack-go's view state (block_id → action_id → value).
func formOf(values map[string]map[string]slack.BlockAction) Form {
	if len(values) == 0 {
		return nil
	}
	f := make(Form, len(values))
	for blockID, actions := range values {
		ids := make([]string, 0, len(actions))
		for id := range actions {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		for _, id := range ids {
			key := blockID
			if len(actions) > 1 {
				key = blockID + "/" + id
			}
			f[key] = fieldOf(id, actions[id])
		}
	}
	return f
}

// fieldOf reads one element's state, whatever its type.
func fieldOf(actionID string, a slack.BlockAction) Field {
	fd := Field{Type: string(a.Type), ActionID: actionID, Timezone: a.Timezone}
	for _, v := range []string{a.Value, a.SelectedOption.Value, a.SelectedConversation, a.SelectedChannel,
		a.SelectedUser, a.SelectedDate, a.SelectedTime} {
		if v != "" {
			fd.Value = v
			break
		}
	}
	if fd.Value == "" && a.SelectedDateTime != 0 {
		fd.Value = strconv.FormatInt(a.SelectedDateTime, 10)
	}
	for _, o := range a.SelectedOptions {
		fd.Values = append(fd.Values, o.Value)
	}
	for _, list := range [][]string{a.SelectedConversations, a.SelectedChannels, a.SelectedUsers} {
		fd.Values = append(fd.Values, list...)
	}
	return fd
}
