package chart

import (
	"fmt"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
)

// Bar is one dimension of a result, as a share from 0 to 100.
type Bar struct {
	Label   string
	Percent float64
}

// Bars draws one horizontal bar per dimension on a 0–100 % axis, top to
// bottom in order.
func Bars(title string, bars []Bar) ([]byte, error) {
	if len(bars) == 0 {
		return nil, ErrEmpty
	}
	if len(bars) > MaxRows {
		bars = bars[:MaxRows]
	}
	n := len(bars)
	vals := make(plotter.Values, n)
	names := make([]string, n)
	for i, b := range bars {
		vals[n-1-i] = max(0, min(100, b.Percent))
		names[n-1-i] = clip(b.Label)
	}
	chart, err := plotter.NewBarChart(vals, rowH*0.6)
	if err != nil {
		return nil, fmt.Errorf("chart bars: %w", err)
	}
	chart.Horizontal = true
	chart.Color = colourA
	chart.LineStyle.Width = 0
	p := newPlot(title)
	p.Add(plotter.NewGrid(), chart)
	p.NominalY(names...)
	p.X.Min, p.X.Max = 0, 100
	p.X.Label.Text = "%"
	p.X.Tick.Marker = plot.ConstantTicks(percentTicks())
	p.Y.Min, p.Y.Max = -0.6, float64(n)-0.4
	return render(p, n)
}

func percentTicks() []plot.Tick {
	var t []plot.Tick
	for v := 0; v <= 100; v += 25 {
		t = append(t, plot.Tick{Value: float64(v), Label: fmt.Sprint(v)})
	}
	return t
}
