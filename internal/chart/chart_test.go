package chart

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/png"
	"math"
	"strings"
	"testing"
)

// decode checks b is a PNG and returns it.
func decode(t *testing.T, b []byte) image.Image {
	t.Helper()
	img, format, err := image.Decode(bytes.NewReader(b))
	if err != nil || format != "png" {
		t.Fatalf("decode: format %q, %v", format, err)
	}
	return img
}

// has reports whether img has a pixel of colour c.
func has(img image.Image, c color.Color) bool {
	r0, g0, b0, _ := c.RGBA()
	bd := img.Bounds()
	for y := bd.Min.Y; y < bd.Max.Y; y++ {
		for x := bd.Min.X; x < bd.Max.X; x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			if r == r0 && g == g0 && b == b0 {
				return true
			}
		}
	}
	return false
}

func TestSideBySide(t *testing.T) {
	long := strings.Repeat("Ünïcödé 名前 ", 10)
	tests := []struct {
		name       string
		rows       []Row
		wantHeight int // px at 96 dpi
	}{
		{"two rows", []Row{{"Vision", "CEO", "CTO", 0, 1}, {"Selling", "CEO", "CTO", 0.5, 0.5}}, 240},
		{"odd labels and positions", []Row{{long, long, "", math.NaN(), 7}, {"", "", "", -3, math.Inf(1)}}, 240},
		{"clipped to MaxRows", make([]Row, 20), int((1.4 + 0.55*MaxRows) * 96)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := SideBySide("Who owns what?", "Ana", long, tt.rows)
			if err != nil {
				t.Fatalf("SideBySide: %v", err)
			}
			img := decode(t, b)
			if got := img.Bounds().Dy(); got != tt.wantHeight || img.Bounds().Dx() != 672 {
				t.Errorf("got %v, want 672 x %d", img.Bounds(), tt.wantHeight)
			}
			if !has(img, colourA) || !has(img, colourB) {
				t.Error("the chart lacks one founder's marks")
			}
		})
	}
}

func TestBars(t *testing.T) {
	b, err := Bars("Your result", []Bar{{"Selling", 40}, {"Vision", 150}, {"Gap", -5}})
	if err != nil {
		t.Fatalf("Bars: %v", err)
	}
	img := decode(t, b)
	if !has(img, colourA) {
		t.Error("no bars drawn")
	}
	if _, err := png.Decode(bytes.NewReader(b)); err != nil {
		t.Errorf("png.Decode: %v", err)
	}
}

func TestEmptyCharts(t *testing.T) {
	if _, err := SideBySide("x", "a", "b", nil); !errors.Is(err, ErrEmpty) {
		t.Errorf("SideBySide(nil): got %v, want ErrEmpty", err)
	}
	if _, err := Bars("x", nil); !errors.Is(err, ErrEmpty) {
		t.Errorf("Bars(nil): got %v, want ErrEmpty", err)
	}
}

func BenchmarkSideBySide(b *testing.B) {
	rows := make([]Row, 8)
	for i := range rows {
		rows[i] = Row{Label: "Topic", Low: "CEO", High: "CTO", A: float64(i%5) / 4, B: float64((i+2)%5) / 4}
	}
	for b.Loop() {
		if _, err := SideBySide("Who owns what?", "Ana", "Ben", rows); err != nil {
			b.Fatal(err)
		}
	}
}
