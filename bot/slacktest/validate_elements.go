package slacktest

import (
	"fmt"
	"regexp"
	"slices"
	"time"
)

var (
	timeRE = regexp.MustCompile(`^([01]\d|2[0-3]):[0-5]\d$`)
	dateRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
)

// elementProblem checks one block element where it sits: feedback and
// icon buttons only in context_actions, options within their limits, the
// initial values among the options and well formed.
func elementProblem(e map[string]any, surf surface, at string, contextActions bool) string {
	typ := str(e, "type")
	if runes(str(e, "action_id")) > maxActionID {
		return "action_id must be at most 255 characters [json-pointer:" + at + "/action_id]"
	}
	if (typ == "feedback_buttons" || typ == "icon_button") != contextActions {
		return "element type " + typ + " is not allowed here [json-pointer:" + at + "/type]"
	}
	if p := obj(e, "placeholder"); p != nil {
		if d := textProblem(p, maxPlaceholder, true, true, at+"/placeholder"); d != "" {
			return d
		}
	}
	switch typ {
	case "button":
		if d := textProblem(obj(e, "text"), maxButtonText, true, true, at+"/text"); d != "" {
			return d
		}
		if runes(str(e, "value")) > maxButtonValue || runes(str(e, "url")) > 3000 {
			return "button value must be at most 2000 characters and url 3000 [json-pointer:" + at + "]"
		}
	case "feedback_buttons":
		for _, side := range []string{"positive_button", "negative_button"} {
			b := obj(e, side)
			if b == nil {
				return "missing required field: " + side + " [json-pointer:" + at + "]"
			}
			if d := textProblem(obj(b, "text"), maxButtonText, true, true, at+"/"+side+"/text"); d != "" {
				return d
			}
			if v := runes(str(b, "value")); v == 0 || v > maxButtonValue {
				return "feedback button value must be 1 to 2000 characters [json-pointer:" + at + "/" + side + "/value]"
			}
		}
	case "static_select", "multi_static_select":
		return optionsProblem(e, 100, true, at)
	case "checkboxes", "radio_buttons":
		return optionsProblem(e, 10, false, at)
	case "overflow":
		return optionsProblem(e, 5, true, at)
	case "plain_text_input":
		limit := maxTextInput
		if n, ok := e["max_length"].(float64); ok {
			if n < 1 || n > maxTextInput {
				return "max_length must be 1 to 3000 [json-pointer:" + at + "/max_length]"
			}
			limit = int(n)
		}
		if runes(str(e, "initial_value")) > limit {
			return "initial_value is longer than max_length [json-pointer:" + at + "/initial_value]"
		}
	case "timepicker":
		if t := str(e, "initial_time"); t != "" && !timeRE.MatchString(t) {
			return "initial_time must be HH:mm [json-pointer:" + at + "/initial_time]"
		}
		if tz := str(e, "timezone"); tz != "" {
			if _, err := time.LoadLocation(tz); err != nil {
				return "timezone must be an IANA name [json-pointer:" + at + "/timezone]"
			}
		}
	case "datepicker":
		if d := str(e, "initial_date"); d != "" {
			if _, err := time.Parse(time.DateOnly, d); err != nil || !dateRE.MatchString(d) {
				return "initial_date must be YYYY-MM-DD [json-pointer:" + at + "/initial_date]"
			}
		}
	case "image":
		if str(e, "alt_text") == "" {
			return "image needs alt_text [json-pointer:" + at + "]"
		}
	case "":
		return "missing required field: type [json-pointer:" + at + "]"
	default:
		if !inputElements[typ] && typ != "icon_button" && typ != "workflow_button" {
			return "unknown element type " + typ + " [json-pointer:" + at + "/type]"
		}
	}
	return ""
}

// optionsProblem checks an element's options: 1 to max of them, texts and
// values within limits, plain text only where plainOnly, initial options
// among them.
func optionsProblem(e map[string]any, max int, plainOnly bool, at string) string {
	opts := objs(e, "options")
	if groups := objs(e, "option_groups"); len(opts) == 0 && len(groups) > 0 {
		for _, g := range groups {
			opts = append(opts, objs(g, "options")...)
		}
	}
	if len(opts) == 0 || len(opts) > max {
		return fmt.Sprintf("needs 1 to %d options [json-pointer:%s/options]", max, at)
	}
	var values []string
	for j, o := range opts {
		oat := fmt.Sprintf("%s/options/%d", at, j)
		if d := textProblem(obj(o, "text"), maxOptionText, plainOnly, true, oat+"/text"); d != "" {
			return d
		}
		v := str(o, "value")
		if runes(v) == 0 || runes(v) > maxOptionValue {
			return "option value must be 1 to 150 characters [json-pointer:" + oat + "/value]"
		}
		if d := obj(o, "description"); d != nil {
			if p := textProblem(d, maxOptionText, plainOnly, true, oat+"/description"); p != "" {
				return p
			}
		}
		values = append(values, v)
	}
	initial := objs(e, "initial_options")
	if io := obj(e, "initial_option"); io != nil {
		initial = append(initial, io)
	}
	for _, o := range initial {
		if !slices.Contains(values, str(o, "value")) {
			return "initial option " + str(o, "value") + " is not one of the options [json-pointer:" + at + "]"
		}
	}
	return ""
}
