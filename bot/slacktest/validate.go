package slacktest

import (
	"encoding/json"
	"fmt"
	"unicode/utf8"
)

// Slack's documented limits, enforced so tests catch what real Slack
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
	maxBlockID       = 255
	maxButtonValue   = 2000
	maxHeaderText    = 150
	maxViewTitle     = 24
	maxMetadata      = 3000
	maxInputLabel    = 2000
	maxOptionText    = 75
	maxOptionValue   = 150
	maxPlaceholder   = 150
	maxTextInput     = 3000
)

// problem is why Slack refuses something: its error code, and a detail
// like the one Slack puts in response_metadata.messages.
type problem struct{ code, detail string }

func problemf(code, format string, args ...any) *problem {
	return &problem{code: code, detail: "[ERROR] " + fmt.Sprintf(format, args...)}
}

// surface is where blocks are shown: some blocks and elements belong to
// one surface only.
type surface int

const (
	surfaceMessage surface = iota
	surfaceModal
	surfaceHome
)

// validateMessage checks a chat.* or response_url message: text or blocks
// present, text not too long, blocks within Block Kit limits.
func validateMessage(p map[string]string) *problem {
	blocks, present, pr := parseBlocks(p["blocks"], "invalid_blocks")
	if pr != nil {
		return pr
	}
	if p["text"] == "" && !present && p["attachments"] == "" {
		return &problem{code: "no_text"}
	}
	if utf8.RuneCountInString(p["text"]) > maxTextLen {
		return &problem{code: "msg_too_long"}
	}
	if len(blocks) > maxMessageBlocks {
		return problemf("invalid_blocks", "no more than %d items allowed [json-pointer:/blocks]", maxMessageBlocks)
	}
	if d := blocksProblem(blocks, surfaceMessage); d != "" {
		return &problem{code: "invalid_blocks", detail: "[ERROR] " + d}
	}
	return nil
}

// validateHome checks a views.publish view.
func validateHome(raw string) *problem {
	var v map[string]any
	if raw == "" || json.Unmarshal([]byte(raw), &v) != nil || str(v, "type") != "home" {
		return problemf("invalid_arguments", "view must be a home view [json-pointer:/view/type]")
	}
	return viewBlocksProblem(v, surfaceHome)
}

// viewBlocksProblem checks the blocks and metadata of a view.
func viewBlocksProblem(v map[string]any, surf surface) *problem {
	if n := runes(str(v, "private_metadata")); n > maxMetadata {
		return problemf("invalid_arguments", "private_metadata must be at most %d characters [json-pointer:/view/private_metadata]", maxMetadata)
	}
	if runes(str(v, "callback_id")) > maxBlockID || runes(str(v, "external_id")) > maxBlockID {
		return problemf("invalid_arguments", "callback_id and external_id must be at most 255 characters [json-pointer:/view]")
	}
	blocks := objs(v, "blocks")
	if len(blocks) > maxViewBlocks {
		return problemf("invalid_arguments", "no more than %d items allowed [json-pointer:/view/blocks]", maxViewBlocks)
	}
	if d := blocksProblem(blocks, surf); d != "" {
		return &problem{code: "invalid_arguments", detail: "[ERROR] " + d}
	}
	return nil
}

// parseBlocks decodes a blocks JSON array; present is false for "", "null"
// and "[]".
func parseBlocks(raw, code string) (blocks []map[string]any, present bool, pr *problem) {
	if raw == "" || raw == "null" {
		return nil, false, nil
	}
	if err := json.Unmarshal([]byte(raw), &blocks); err != nil {
		return nil, false, &problem{code: code + "_format", detail: "[ERROR] blocks are not a JSON array of objects"}
	}
	return blocks, len(blocks) > 0, nil
}

// Small readers of decoded JSON.

func str(m map[string]any, k string) string {
	s, _ := m[k].(string)
	return s
}

func obj(m map[string]any, k string) map[string]any {
	o, _ := m[k].(map[string]any)
	return o
}

func objs(m map[string]any, k string) []map[string]any {
	list, _ := m[k].([]any)
	out := make([]map[string]any, 0, len(list))
	for _, x := range list {
		if o, ok := x.(map[string]any); ok {
			out = append(out, o)
		} else {
			out = append(out, map[string]any{}) // not an object: fails its type check
		}
	}
	return out
}

func runes(s string) int { return utf8.RuneCountInString(s) }
