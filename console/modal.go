package console

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/bot"
)

// A modal in the console: the Screen prints it, then asks for its inputs
// one line each; when the last is answered the session submits it, and
// the handler's answer (field errors, the next view, or closing) is shown
// the same way. "-" keeps an input's current value, "cancel" closes the
// modal.

// modal is the modal on screen and the answers typed so far.
type modal struct {
	id     string
	view   slack.ModalViewRequest
	inputs []input
	next   int // the input asked now
}

// input is one input block of a modal.
type input struct {
	blockID, actionID, typ, label string
	optional                      bool
	options                       []*slack.OptionBlockObject
	value                         []string // current value: the initial one until typed over
}

// OpenView shows a modal and starts asking for its inputs.
func (s *Screen) OpenView(_ context.Context, _ string, view slack.ModalViewRequest) (string, error) {
	s.mu.Lock()
	s.views++
	id := "VCONSOLE" + strconv.Itoa(s.views)
	s.mu.Unlock()
	s.showModal(id, view)
	return id, nil
}

// PushView shows a modal over the current one (the console keeps one).
func (s *Screen) PushView(ctx context.Context, trigger string, view slack.ModalViewRequest) (string, error) {
	return s.OpenView(ctx, trigger, view)
}

// UpdateView replaces the modal on screen.
func (s *Screen) UpdateView(_ context.Context, viewID, _ string, view slack.ModalViewRequest) error {
	s.showModal(viewID, view)
	return nil
}

// showModal prints view and makes it the modal being filled in; a modal
// without inputs is only printed.
func (s *Screen) showModal(id string, view slack.ModalViewRequest) {
	m := &modal{id: id, view: view, inputs: inputsOf(view)}
	var b strings.Builder
	title := ""
	if view.Title != nil {
		title = view.Title.Text
	}
	s.mu.Lock()
	b.WriteString("\nmodal: " + title + "\n")
	for _, blk := range view.Blocks.BlockSet {
		if _, isInput := blk.(*slack.InputBlock); !isInput {
			s.renderBlock(&b, blk, "", "", true)
		}
	}
	if len(m.inputs) == 0 {
		s.modal = nil
		b.WriteString("  (modal closed)\n")
	} else {
		s.modal = m
		b.WriteString("  (answer each field on its own line; \"-\" keeps the value shown, \"cancel\" closes the modal)\n")
		b.WriteString(m.prompt())
	}
	fmt.Fprint(s.w, b.String())
	s.mu.Unlock()
}

func inputsOf(view slack.ModalViewRequest) []input {
	var out []input
	for _, blk := range view.Blocks.BlockSet {
		in, ok := blk.(*slack.InputBlock)
		if !ok {
			continue
		}
		f := input{blockID: in.BlockID, optional: in.Optional}
		if in.Label != nil {
			f.label = in.Label.Text
		}
		f.typ, f.actionID, f.options, f.value = describeElement(in.Element)
		out = append(out, f)
	}
	return out
}

// describeElement reads what the console needs of an input element.
func describeElement(e slack.BlockElement) (typ, actionID string, opts []*slack.OptionBlockObject, initial []string) {
	switch v := e.(type) {
	case *slack.PlainTextInputBlockElement:
		return string(v.Type), v.ActionID, nil, nonEmpty(v.InitialValue)
	case *slack.SelectBlockElement:
		init := nonEmpty(v.InitialConversation, v.InitialChannel, v.InitialUser)
		if v.InitialOption != nil {
			init = []string{v.InitialOption.Value}
		}
		return v.Type, v.ActionID, v.Options, init
	case *slack.RadioButtonsBlockElement:
		var init []string
		if v.InitialOption != nil {
			init = []string{v.InitialOption.Value}
		}
		return string(v.Type), v.ActionID, v.Options, init
	case *slack.CheckboxGroupsBlockElement:
		var init []string
		for _, o := range v.InitialOptions {
			init = append(init, o.Value)
		}
		return string(v.Type), v.ActionID, v.Options, init
	case *slack.TimePickerBlockElement:
		return string(v.Type), v.ActionID, nil, nonEmpty(v.InitialTime)
	case *slack.DatePickerBlockElement:
		return string(v.Type), v.ActionID, nil, nonEmpty(v.InitialDate)
	}
	return string(e.ElementType()), "", nil, nil
}

func nonEmpty(vals ...string) []string {
	return slices.DeleteFunc(vals, func(v string) bool { return v == "" })
}

// prompt asks for the current input.
func (m *modal) prompt() string {
	f := m.inputs[m.next]
	var b strings.Builder
	b.WriteString("  " + f.label)
	if f.optional {
		b.WriteString(" (optional)")
	}
	switch {
	case len(f.options) > 0:
		for i, o := range f.options {
			fmt.Fprintf(&b, "\n    %d) %s", i+1, o.Text.Text)
		}
		if f.typ == "checkboxes" || strings.HasPrefix(f.typ, "multi_") {
			b.WriteString("\n    (numbers separated by commas)")
		}
	case f.typ == "timepicker":
		b.WriteString(" (HH:MM)")
	case f.typ == "datepicker":
		b.WriteString(" (YYYY-MM-DD)")
	case strings.HasSuffix(f.typ, "_select"):
		b.WriteString(" (a channel id, e.g. C0123)")
	}
	if len(f.value) > 0 {
		b.WriteString("\n    now: " + strings.Join(f.value, ", "))
	}
	return b.String() + "\n  > "
}

// answer takes a typed line for the current input; done reports that the
// modal is complete and should be submitted.
func (m *modal) answer(line string) (done bool, problem string) {
	f := &m.inputs[m.next]
	if line != "-" {
		vals, err := f.parse(line)
		if err != "" {
			return false, err
		}
		f.value = vals
	}
	m.next++
	return m.next == len(m.inputs), ""
}

// parse reads a typed answer: option numbers (or values), or the text.
func (f *input) parse(line string) ([]string, string) {
	if len(f.options) == 0 {
		return []string{line}, ""
	}
	var out []string
	for _, part := range strings.Split(line, ",") {
		part = strings.TrimSpace(part)
		i := slices.IndexFunc(f.options, func(o *slack.OptionBlockObject) bool { return o.Value == part })
		if n, err := strconv.Atoi(part); err == nil && n >= 1 && n <= len(f.options) {
			i = n - 1
		}
		if i < 0 {
			return nil, fmt.Sprintf("%q is not one of the choices: type its number", part)
		}
		out = append(out, f.options[i].Value)
	}
	return out, ""
}

// form is the modal's inputs as a submission carries them.
func (m *modal) form() bot.Form {
	f := bot.Form{}
	for _, in := range m.inputs {
		fd := bot.Field{Type: in.typ, ActionID: in.actionID}
		if in.typ == "checkboxes" || strings.HasPrefix(in.typ, "multi_") {
			fd.Values = in.value
		} else if len(in.value) > 0 {
			fd.Value = in.value[0]
		}
		f[in.blockID] = fd
	}
	return f
}
