package main

import (
	"testing"
)

func TestParseMix(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    Mix
		wantErr bool
	}{
		{name: "default", in: defaultMix, want: Mix{KindSlash: 40, KindFAQ: 30, KindDM: 10, KindButton: 10, KindHome: 10}},
		{name: "spaces and repeats add up", in: " slash = 1, slash=2 ,home=1", want: Mix{KindSlash: 3, KindHome: 1}},
		{name: "unknown kind", in: "slash=1,tips=2", wantErr: true},
		{name: "no weight", in: "slash", wantErr: true},
		{name: "negative", in: "slash=-1,home=2", wantErr: true},
		{name: "all zero", in: "slash=0", wantErr: true},
		{name: "empty", in: "", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseMix(tt.in)
			if (err != nil) != tt.wantErr {
				t.Fatalf("got error %v, want error %v", err, tt.wantErr)
			}
			if tt.wantErr {
				return
			}
			if got.String() != tt.want.String() {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestSequenceFollowsWeightsAndSeed(t *testing.T) {
	m := Mix{KindSlash: 3, KindHome: 1}
	seq := m.Sequence(4000, 1)
	counts := map[Kind]int{}
	for _, k := range seq {
		counts[k]++
	}
	if counts[KindSlash] < 2800 || counts[KindSlash] > 3200 || counts[KindSlash]+counts[KindHome] != 4000 {
		t.Errorf("got %v, want about 3000 slash and 1000 home", counts)
	}
	again := m.Sequence(4000, 1)
	for i := range seq {
		if seq[i] != again[i] {
			t.Fatalf("same seed, different kind at %d: got %s, want %s", i, again[i], seq[i])
		}
	}
}

func TestLoadQuestions(t *testing.T) {
	root, err := moduleRoot(".")
	if err != nil {
		t.Fatal(err)
	}
	qs, err := loadQuestions(root)
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) < 20 {
		t.Errorf("got %d questions, want the evaluation set's (20 or more)", len(qs))
	}
	if _, err := loadQuestions(t.TempDir()); err == nil {
		t.Error("got no error for a folder without eval.yaml")
	}
}
