package chart

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Row is one topic of a side-by-side chart: where each founder's answer
// lies on its scale, from 0 (Low) to 1 (High).
type Row struct {
	Label     string // the topic, e.g. "Product vision"
	Low, High string // what the two ends mean, e.g. "CEO" and "CTO"
	A, B      float64
}

// SideBySide draws each topic as a line from Low to High with the two
// founders' answers on it (a circle for nameA, a triangle for nameB) and
// the gap between them drawn thick: where they agree the marks meet.
// Rows run top to bottom in order.
func SideBySide(title, nameA, nameB string, rows []Row) ([]byte, error) {
	if len(rows) == 0 {
		return nil, ErrEmpty
	}
	if len(rows) > MaxRows {
		rows = rows[:MaxRows]
	}
	p := newPlot(title)
	n := len(rows)
	names := make([]string, n)
	var a, b plotter.XYs
	var lows, highs plotter.XYs
	var lowText, highText []string
	for i, r := range rows {
		y := float64(n - 1 - i)
		names[n-1-i] = clip(r.Label)
		if err := track(p, y, pos(r.A), pos(r.B)); err != nil {
			return nil, err
		}
		a = append(a, plotter.XY{X: pos(r.A), Y: y + 0.12})
		b = append(b, plotter.XY{X: pos(r.B), Y: y - 0.12})
		lows = append(lows, plotter.XY{X: -0.04, Y: y})
		highs = append(highs, plotter.XY{X: 1.04, Y: y})
		lowText, highText = append(lowText, clip(r.Low)), append(highText, clip(r.High))
	}
	if err := marks(p, a, clip(nameA), draw.CircleGlyph{}, colourA); err != nil {
		return nil, err
	}
	if err := marks(p, b, clip(nameB), draw.PyramidGlyph{}, colourB); err != nil {
		return nil, err
	}
	if err := endLabels(p, lows, lowText, text.XRight); err != nil {
		return nil, err
	}
	if err := endLabels(p, highs, highText, text.XLeft); err != nil {
		return nil, err
	}
	p.NominalY(names...)
	p.HideX()
	p.X.Min, p.X.Max = -0.3, 1.3
	p.Y.Min, p.Y.Max = -0.6, float64(n)+0.2 // room at the top for the legend
	p.Legend.Top = true
	return render(p, n)
}

// pos keeps a position on the scale.
func pos(v float64) float64 {
	if math.IsNaN(v) {
		return 0
	}
	return math.Max(0, math.Min(1, v))
}

// track draws a topic's scale thin and the gap between the answers thick.
func track(p *plot.Plot, y, a, b float64) error {
	scale, err := plotter.NewLine(plotter.XYs{{X: 0, Y: y}, {X: 1, Y: y}})
	if err != nil {
		return fmt.Errorf("chart scale: %w", err)
	}
	scale.Color, scale.Width = grey, vg.Points(1)
	gap, err := plotter.NewLine(plotter.XYs{{X: math.Min(a, b), Y: y}, {X: math.Max(a, b), Y: y}})
	if err != nil {
		return fmt.Errorf("chart gap: %w", err)
	}
	gap.Color, gap.Width = gapColour, vg.Points(5)
	p.Add(scale, gap)
	return nil
}

// marks draws one founder's answers and names them in the legend.
func marks(p *plot.Plot, xys plotter.XYs, name string, shape draw.GlyphDrawer, c color.Color) error {
	s, err := plotter.NewScatter(xys)
	if err != nil {
		return fmt.Errorf("chart marks: %w", err)
	}
	s.GlyphStyle = draw.GlyphStyle{Color: c, Radius: vg.Points(6), Shape: shape}
	p.Add(s)
	p.Legend.Add(name, s)
	return nil
}
