package slacktest

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"time"
)

// inputOf is an input block of a modal, with its element.
type inputOf struct {
	blockID  string
	optional bool
	element  map[string]any
}

func inputsOf(raw json.RawMessage) []inputOf {
	var v map[string]any
	_ = json.Unmarshal(raw, &v)
	var out []inputOf
	for _, b := range objs(v, "blocks") {
		if str(b, "type") == "input" {
			opt, _ := b["optional"].(bool)
			out = append(out, inputOf{blockID: str(b, "block_id"), optional: opt, element: obj(b, "element")})
		}
	}
	return out
}

func inputBlockIDs(raw json.RawMessage) []string {
	var ids []string
	for _, in := range inputsOf(raw) {
		ids = append(ids, in.blockID)
	}
	return ids
}

// Initial returns the initial value(s) of the input in block blockID: what
// the user sees filled in when the modal opens.
func (v View) Initial(blockID string) []string {
	for _, in := range inputsOf(v.Raw) {
		if in.blockID == blockID {
			return initialOf(in.element)
		}
	}
	return nil
}

func initialOf(e map[string]any) []string {
	for _, k := range []string{"initial_value", "initial_time", "initial_date", "initial_conversation", "initial_channel", "initial_user"} {
		if v := str(e, k); v != "" {
			return []string{v}
		}
	}
	if n, ok := e["initial_date_time"].(float64); ok {
		return []string{strconv.FormatInt(int64(n), 10)}
	}
	var out []string
	if o := obj(e, "initial_option"); o != nil {
		out = append(out, str(o, "value"))
	}
	for _, o := range objs(e, "initial_options") {
		out = append(out, str(o, "value"))
	}
	for _, k := range []string{"initial_conversations", "initial_channels", "initial_users"} {
		list, _ := e[k].([]any)
		for _, x := range list {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
	}
	return out
}

// stateOf builds view.state.values for a submission: every input block's
// element with the given values, or its initial ones.
func stateOf(raw json.RawMessage, given map[string][]string) (map[string]any, error) {
	values := map[string]any{}
	inputs := inputsOf(raw)
	for id := range given {
		if !slices.ContainsFunc(inputs, func(in inputOf) bool { return in.blockID == id }) {
			return nil, fmt.Errorf("no input block %q in the modal", id)
		}
	}
	for _, in := range inputs {
		if in.blockID == "" {
			return nil, fmt.Errorf("an input block without block_id: give every input one, Slack's generated ids change")
		}
		vals, set := given[in.blockID]
		if !set {
			vals = initialOf(in.element)
		}
		vals = slices.DeleteFunc(slices.Clone(vals), func(v string) bool { return v == "" })
		if len(vals) == 0 && !in.optional {
			return nil, fmt.Errorf("required input %q left empty: Slack would not submit", in.blockID)
		}
		state, err := elementState(in.element, vals)
		if err != nil {
			return nil, fmt.Errorf("input %q: %w", in.blockID, err)
		}
		values[in.blockID] = map[string]any{str(in.element, "action_id"): state}
	}
	return values, nil
}

// elementState is one element's entry in view.state.values, shaped as
// Slack sends it for the element's type.
func elementState(e map[string]any, vals []string) (map[string]any, error) {
	typ := str(e, "type")
	st := map[string]any{"type": typ}
	first := ""
	if len(vals) > 0 {
		first = vals[0]
	}
	multi := len(vals) > 1
	switch typ {
	case "plain_text_input", "email_text_input", "url_text_input", "number_input":
		st["value"] = nilIfEmpty(first)
	case "static_select", "radio_buttons", "external_select":
		opt, err := optionsNamed(e, vals, false)
		if err != nil {
			return nil, err
		}
		st["selected_option"] = nil
		if len(opt) == 1 {
			st["selected_option"] = opt[0]
		}
	case "checkboxes", "multi_static_select", "multi_external_select":
		opts, err := optionsNamed(e, vals, true)
		if err != nil {
			return nil, err
		}
		st["selected_options"] = opts
		multi = false
	case "timepicker":
		if first != "" && !timeRE.MatchString(first) {
			return nil, fmt.Errorf("%q is not a time (HH:mm)", first)
		}
		st["selected_time"] = nilIfEmpty(first)
		if tz := str(e, "timezone"); tz != "" {
			st["timezone"] = tz
		}
	case "datepicker":
		if _, err := time.Parse(time.DateOnly, first); first != "" && err != nil {
			return nil, fmt.Errorf("%q is not a date (YYYY-MM-DD)", first)
		}
		st["selected_date"] = nilIfEmpty(first)
	case "conversations_select", "channels_select", "users_select":
		st["selected_"+typ[:len(typ)-len("s_select")]] = nilIfEmpty(first)
	case "multi_conversations_select", "multi_channels_select", "multi_users_select":
		st["selected_"+typ[len("multi_"):len(typ)-len("_select")]] = append([]string{}, vals...)
		multi = false
	default:
		return nil, fmt.Errorf("the fake cannot fill a %s", typ)
	}
	if multi {
		return nil, fmt.Errorf("a %s takes one value, got %d", typ, len(vals))
	}
	return st, nil
}

// optionsNamed returns the element's options with the given values, in
// the element's order; a value it does not offer is an error.
func optionsNamed(e map[string]any, vals []string, many bool) ([]map[string]any, error) {
	opts := objs(e, "options")
	for _, g := range objs(e, "option_groups") {
		opts = append(opts, objs(g, "options")...)
	}
	var out []map[string]any
	for _, v := range vals {
		if !slices.ContainsFunc(opts, func(o map[string]any) bool { return str(o, "value") == v }) {
			return nil, fmt.Errorf("option %q is not offered", v)
		}
	}
	for _, o := range opts {
		if slices.Contains(vals, str(o, "value")) {
			out = append(out, o)
		}
	}
	if !many && len(out) > 1 {
		return nil, fmt.Errorf("one option only, got %d", len(out))
	}
	if out == nil {
		out = []map[string]any{}
	}
	return out, nil
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}
