package main

import (
	"testing"
	"time"
)

func TestSummarize(t *testing.T) {
	tests := []struct {
		name          string
		in            []time.Duration
		p50, p99, max float64
	}{
		{name: "empty"},
		{name: "one", in: []time.Duration{3 * time.Millisecond}, p50: 3, p99: 3, max: 3},
		{name: "unsorted", in: []time.Duration{4 * time.Millisecond, time.Millisecond, 2 * time.Millisecond, 3 * time.Millisecond},
			p50: 2, p99: 4, max: 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := summarize(tt.in)
			if got.P50 != tt.p50 || got.P99 != tt.p99 || got.Max != tt.max || got.N != len(tt.in) {
				t.Errorf("got %+v, want p50 %v p99 %v max %v n %d", got, tt.p50, tt.p99, tt.max, len(tt.in))
			}
		})
	}
}

func TestSummarizeP99OfHundred(t *testing.T) {
	var ds []time.Duration
	for i := 100; i >= 1; i-- {
		ds = append(ds, time.Duration(i)*time.Millisecond)
	}
	if got := summarize(ds); got.P99 != 99 || got.P50 != 50 {
		t.Errorf("got p50 %v p99 %v, want 50 and 99", got.P50, got.P99)
	}
}

func TestMedian(t *testing.T) {
	tests := []struct {
		name string
		in   []float64
		want float64
	}{
		{name: "empty", want: 0},
		{name: "odd", in: []float64{5, 1, 3}, want: 3},
		{name: "even", in: []float64{4, 1, 3, 2}, want: 2.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := median(tt.in); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}
