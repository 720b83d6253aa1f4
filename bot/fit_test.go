package bot

import (
	"testing"

	"github.com/slack-go/slack"
)

func TestFitBlocks(t *testing.T) {
	many := make([]slack.Block, 60)
	for i := range many {
		many[i] = slack.NewDividerBlock()
	}
	tests := []struct {
		name string
		in   []slack.Block
		want int
		cut  bool
	}{
		{"none", nil, 0, false},
		{"fifty stay", many[:50], 50, false},
		{"sixty are cut, saying so", many, 50, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := fitBlocks(tt.in)
			if len(got) != tt.want {
				t.Fatalf("got %d blocks, want %d", len(got), tt.want)
			}
			if len(got) == 0 {
				return
			}
			if _, isNote := got[len(got)-1].(*slack.ContextBlock); isNote != tt.cut {
				t.Errorf("last block a note: %v, want %v", isNote, tt.cut)
			}
		})
	}
	if len(many) != 60 {
		t.Error("fitBlocks changed its input")
	}
}
