// Package chart draws the advisor's small PNG charts with gonum/plot: two
// co-founders' answers side by side per topic (SideBySide), and an
// assessment's result per dimension (Bars). The features upload the bytes
// beside a text version that says the same, so nothing depends on seeing
// the image.
//
// It owns no state, no Redis keys and no action ids, and knows no Slack:
// it must not import slack-go, bot or handlers.
package chart

import (
	"bytes"
	"errors"
	"fmt"
	"image/color"
	"unicode/utf8"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Limits that keep a chart readable and its rendering cheap.
const (
	MaxRows  = 12 // topics or dimensions in one chart
	maxLabel = 40 // runes of a label; longer ones are clipped
	width    = 7 * vg.Inch
	rowH     = 0.55 * vg.Inch
	chromeH  = 1.4 * vg.Inch // title, legend and axis
)

// ErrEmpty is returned for a chart with nothing to draw.
var ErrEmpty = errors.New("chart: nothing to draw")

// Colours of the two founders, told apart by shape too.
var (
	colourA   = color.RGBA{R: 0x1d, G: 0x35, B: 0x57, A: 0xff} // the manifest's navy
	colourB   = color.RGBA{R: 0xe6, G: 0x39, B: 0x46, A: 0xff}
	grey      = color.Gray{Y: 0xb0}
	gapColour = color.RGBA{R: 0xf4, G: 0xa2, B: 0x61, A: 0xff}
)

// clip shortens a label to maxLabel runes.
func clip(s string) string {
	if utf8.RuneCountInString(s) <= maxLabel {
		return s
	}
	return string([]rune(s)[:maxLabel-1]) + "…"
}

// newPlot is a plot with the house title and fonts.
func newPlot(title string) *plot.Plot {
	p := plot.New()
	p.Title.Text = clip(title)
	for _, st := range []*text.Style{&p.Title.TextStyle, &p.Y.Tick.Label, &p.X.Tick.Label, &p.X.Label.TextStyle, &p.Legend.TextStyle} {
		st.Font.Variant = "Sans"
	}
	p.Title.TextStyle.Font.Size = vg.Points(13)
	p.Title.Padding = vg.Points(8)
	p.Y.Tick.Label.Font.Size = vg.Points(10)
	p.X.Tick.Label.Font.Size = vg.Points(9)
	p.Legend.TextStyle.Font.Size = vg.Points(10)
	return p
}

// render renders p at the chart width and the height its rows need.
func render(p *plot.Plot, rows int) ([]byte, error) {
	w, err := p.WriterTo(width, chromeH+rowH*vg.Length(rows), "png")
	if err != nil {
		return nil, fmt.Errorf("render chart: %w", err)
	}
	var buf bytes.Buffer
	if _, err := w.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("encode chart: %w", err)
	}
	return buf.Bytes(), nil
}

// endLabels writes, beside each row, what its two ends mean.
func endLabels(p *plot.Plot, xys plotter.XYs, labels []string, align text.XAlignment) error {
	l, err := plotter.NewLabels(plotter.XYLabels{XYs: xys, Labels: labels})
	if err != nil {
		return fmt.Errorf("chart labels: %w", err)
	}
	for i := range l.TextStyle {
		l.TextStyle[i].XAlign = align
		l.TextStyle[i].YAlign = draw.YCenter
		l.TextStyle[i].Font.Size = vg.Points(8)
		l.TextStyle[i].Font.Variant = "Sans"
		l.TextStyle[i].Color = color.Gray{Y: 0x60}
	}
	p.Add(l)
	return nil
}
