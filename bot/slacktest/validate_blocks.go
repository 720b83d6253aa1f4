package slacktest

import "fmt"

// blocksProblem checks blocks against Block Kit's limits for surf and
// returns what is wrong ("" if nothing), with a JSON pointer.
func blocksProblem(blocks []map[string]any, surf surface) string {
	ids := map[string]bool{}
	for i, b := range blocks {
		at := fmt.Sprintf("/blocks/%d", i)
		if id := str(b, "block_id"); id != "" {
			if runes(id) > maxBlockID {
				return "block_id must be at most 255 characters [json-pointer:" + at + "/block_id]"
			}
			if ids[id] {
				return "block_id " + id + " is not unique [json-pointer:" + at + "/block_id]"
			}
			ids[id] = true
		}
		if d := blockProblem(b, surf, at); d != "" {
			return d
		}
	}
	return ""
}

// blockProblem checks one block.
func blockProblem(b map[string]any, surf surface, at string) string {
	switch typ := str(b, "type"); typ {
	case "section":
		return sectionProblem(b, surf, at)
	case "header":
		return textProblem(obj(b, "text"), maxHeaderText, true, true, at+"/text")
	case "context":
		els := objs(b, "elements")
		if len(els) == 0 || len(els) > 10 {
			return "context needs 1 to 10 elements [json-pointer:" + at + "/elements]"
		}
		for j, e := range els {
			if str(e, "type") == "image" {
				continue
			}
			if d := textProblem(e, maxFieldText, false, true, fmt.Sprintf("%s/elements/%d", at, j)); d != "" {
				return d
			}
		}
		return ""
	case "actions":
		return elementsProblem(objs(b, "elements"), 25, surf, at, false)
	case "context_actions":
		if surf != surfaceMessage {
			return "context_actions is only allowed in messages [json-pointer:" + at + "]"
		}
		return elementsProblem(objs(b, "elements"), 5, surf, at, true)
	case "input":
		return inputProblem(b, surf, at)
	case "image":
		if str(b, "alt_text") == "" || runes(str(b, "alt_text")) > 2000 || (str(b, "image_url") == "" && obj(b, "slack_file") == nil) {
			return "image needs alt_text (at most 2000 characters) and image_url or slack_file [json-pointer:" + at + "]"
		}
		return ""
	case "divider", "rich_text", "markdown", "video", "file", "table":
		return ""
	case "":
		return "missing required field: type [json-pointer:" + at + "]"
	default:
		return "unknown block type " + typ + " [json-pointer:" + at + "/type]"
	}
}

func sectionProblem(b map[string]any, surf surface, at string) string {
	text, fields := obj(b, "text"), objs(b, "fields")
	if text == nil && len(fields) == 0 {
		return "section needs text or fields [json-pointer:" + at + "]"
	}
	if text != nil {
		if d := textProblem(text, maxSectionText, false, true, at+"/text"); d != "" {
			return d
		}
	}
	if len(fields) > maxSectionFields {
		return "no more than 10 items allowed [json-pointer:" + at + "/fields]"
	}
	for j, f := range fields {
		if d := textProblem(f, maxFieldText, false, true, fmt.Sprintf("%s/fields/%d", at, j)); d != "" {
			return d
		}
	}
	if acc := obj(b, "accessory"); acc != nil {
		return elementProblem(acc, surf, at+"/accessory", false)
	}
	return ""
}

// inputProblem checks an input block: a plain-text label, an element that
// takes input, an optional hint.
func inputProblem(b map[string]any, surf surface, at string) string {
	if d := textProblem(obj(b, "label"), maxInputLabel, true, true, at+"/label"); d != "" {
		return d
	}
	if h := obj(b, "hint"); h != nil {
		if d := textProblem(h, maxInputLabel, true, true, at+"/hint"); d != "" {
			return d
		}
	}
	e := obj(b, "element")
	if e == nil {
		return "input needs an element [json-pointer:" + at + "/element]"
	}
	if !inputElements[str(e, "type")] {
		return "element type " + str(e, "type") + " cannot be used in an input block [json-pointer:" + at + "/element/type]"
	}
	return elementProblem(e, surf, at+"/element", false)
}

// inputElements are the element types an input block takes.
var inputElements = map[string]bool{
	"plain_text_input": true, "email_text_input": true, "url_text_input": true, "number_input": true, "rich_text_input": true,
	"checkboxes": true, "radio_buttons": true, "datepicker": true, "timepicker": true, "datetimepicker": true,
	"static_select": true, "multi_static_select": true, "external_select": true, "multi_external_select": true,
	"users_select": true, "multi_users_select": true, "conversations_select": true, "multi_conversations_select": true,
	"channels_select": true, "multi_channels_select": true, "file_input": true,
}

// elementsProblem checks an actions or context_actions block's elements:
// at most max, unique action ids, each element valid where it is.
func elementsProblem(els []map[string]any, max int, surf surface, at string, contextActions bool) string {
	if len(els) == 0 || len(els) > max {
		return fmt.Sprintf("needs 1 to %d elements [json-pointer:%s/elements]", max, at)
	}
	ids := map[string]bool{}
	for j, e := range els {
		eat := fmt.Sprintf("%s/elements/%d", at, j)
		if id := str(e, "action_id"); id != "" {
			if ids[id] {
				return "action_id " + id + " is not unique in the block [json-pointer:" + eat + "/action_id]"
			}
			ids[id] = true
		}
		if d := elementProblem(e, surf, eat, contextActions); d != "" {
			return d
		}
	}
	return ""
}

// textProblem checks a text object: present, plain_text where required,
// not empty, at most max characters.
func textProblem(t map[string]any, max int, plainOnly, required bool, at string) string {
	if t == nil {
		if required {
			return "missing required field: text [json-pointer:" + at + "]"
		}
		return ""
	}
	typ := str(t, "type")
	if typ != "plain_text" && (plainOnly || typ != "mrkdwn") {
		return "text type must be plain_text" + map[bool]string{false: " or mrkdwn"}[plainOnly] + " [json-pointer:" + at + "/type]"
	}
	n := runes(str(t, "text"))
	if n == 0 {
		return "text must not be empty [json-pointer:" + at + "/text]"
	}
	if n > max {
		return fmt.Sprintf("must be at most %d characters [json-pointer:%s/text]", max, at)
	}
	return ""
}
