package slacktest

import (
	"encoding/json"
	"unicode/utf8"
)

// Slack's documented limits, enforced so tests catch messages real Slack
// would reject.
const (
	maxMessageBlocks = 50
	maxViewBlocks    = 100
	maxTextLen       = 40000
	maxSectionText   = 3000
	maxSectionFields = 10
	maxFieldText     = 2000
	maxButtonText    = 75
	maxActionID      = 255
	maxButtonValue   = 2000
)

// validateMessage checks a chat.* or response_url message: text or blocks
// present, text not too long, blocks within Block Kit limits. It returns the
// Slack error or "".
func validateMessage(p map[string]string) string {
	blocks, present, errText := parseBlocks(p["blocks"])
	if errText != "" {
		return errText
	}
	if p["text"] == "" && !present && p["attachments"] == "" {
		return "no_text"
	}
	if utf8.RuneCountInString(p["text"]) > maxTextLen {
		return "msg_too_long"
	}
	if len(blocks) > maxMessageBlocks {
		return "invalid_blocks"
	}
	return validateBlocks(blocks)
}

// validateView checks a views.publish view.
func validateView(raw string) string {
	var v struct {
		Type   string          `json:"type"`
		Blocks json.RawMessage `json:"blocks"`
	}
	if raw == "" || json.Unmarshal([]byte(raw), &v) != nil || v.Type != "home" {
		return "invalid_arguments"
	}
	blocks, _, errText := parseBlocks(string(v.Blocks))
	if errText != "" {
		return errText
	}
	if len(blocks) > maxViewBlocks {
		return "invalid_blocks"
	}
	return validateBlocks(blocks)
}

// block is the part of a Block Kit block the limits concern.
type block struct {
	Type     string    `json:"type"`
	Text     *textObj  `json:"text"`
	Fields   []textObj `json:"fields"`
	Elements []element `json:"elements"`
}

type textObj struct {
	Text string `json:"text"`
}

// UnmarshalJSON accepts a text object or, as in a context block's mrkdwn
// element, a plain string.
func (t *textObj) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		return json.Unmarshal(b, &t.Text)
	}
	var o struct {
		Text string `json:"text"`
	}
	if err := json.Unmarshal(b, &o); err != nil {
		return err
	}
	t.Text = o.Text
	return nil
}

type element struct {
	Type     string   `json:"type"`
	Text     *textObj `json:"text"`
	ActionID string   `json:"action_id"`
	Value    string   `json:"value"`
}

// parseBlocks decodes a blocks JSON array; present is false for "", "null"
// and "[]".
func parseBlocks(raw string) (blocks []block, present bool, errText string) {
	if raw == "" || raw == "null" {
		return nil, false, ""
	}
	if err := json.Unmarshal([]byte(raw), &blocks); err != nil {
		return nil, false, "invalid_blocks_format"
	}
	return blocks, len(blocks) > 0, ""
}

func validateBlocks(blocks []block) string {
	for _, b := range blocks {
		if b.Type == "" {
			return "invalid_blocks"
		}
		if b.Type == "section" {
			if b.Text != nil && utf8.RuneCountInString(b.Text.Text) > maxSectionText {
				return "invalid_blocks"
			}
			if len(b.Fields) > maxSectionFields {
				return "invalid_blocks"
			}
			for _, f := range b.Fields {
				if utf8.RuneCountInString(f.Text) > maxFieldText {
					return "invalid_blocks"
				}
			}
		}
		ids := map[string]bool{}
		for _, e := range b.Elements {
			if e.ActionID != "" {
				if ids[e.ActionID] {
					return "invalid_blocks" // action_id must be unique within a block
				}
				ids[e.ActionID] = true
			}
			if e.Type != "button" {
				continue
			}
			if e.Text == nil || utf8.RuneCountInString(e.Text.Text) > maxButtonText ||
				len(e.ActionID) > maxActionID || utf8.RuneCountInString(e.Value) > maxButtonValue {
				return "invalid_blocks"
			}
		}
	}
	return ""
}
