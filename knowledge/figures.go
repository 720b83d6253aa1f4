package knowledge

import (
	"math"
	"regexp"
	"strconv"
	"strings"
)

// Figure kinds.
const (
	// FigureMultiplier scales the asker's amount by Low and High: a base
	// salary times the fully loaded overhead.
	FigureMultiplier = "multiplier"
	// FigureRange places the asker's amount in the range Low to High: an
	// offer against the usual pay for the seat.
	FigureRange = "range"
	// FigurePercent takes the share Low (0 to 1) of a quantity the asker
	// gives: 75% of their new code, 93% of 40 engineers.
	FigurePercent = "percent"
	// FigureRevenueMultiple prices the asker's yearly revenue at Low times:
	// a company sold at a known multiple of its ARR.
	FigureRevenueMultiple = "revenue-multiple"
)

// Figure is a number an entry can apply to the asker's own figures.
type Figure struct {
	Kind string  `yaml:"kind"` // FigureMultiplier, FigureRange or FigurePercent
	Low  float64 `yaml:"low"`
	High float64 `yaml:"high"` // FigurePercent: unused
	// What the range or the result is, for the sentence: "the usual US
	// range for a CTO's total pay", "fully loaded", "written by AI".
	Label string `yaml:"label"`
}

// Figures are the numbers a message gives.
type Figures struct {
	Amount float64 // one yearly money amount; 0 when there is none, or several
	Count  int     // how many people the amount is for ("5 engineers at $150k each"); 1 otherwise
	N      float64 // the largest plain quantity ("2,000 lines", "40 engineers"): the whole a share is of; 0 for none
	// Revenue is the asker's yearly revenue ("$7M ARR", "$50k MRR" × 12);
	// 0 when the message gives none.
	Revenue float64
	Base    bool // the message speaks of base pay or salary
	Total   bool // the message speaks of total pay or a package
}

// nextToRevenue reports whether the amount at text[lo:hi] is named as
// revenue: followed by ARR, MRR or revenue, or following "revenue is".
func nextToRevenue(text string, lo, hi int) bool {
	after := text[hi:min(len(text), hi+12)]
	before := text[max(0, lo-16):lo]
	return revenueAfterRE.MatchString(after) || revenueBeforeRE.MatchString(before)
}

var (
	revenueAfterRE  = regexp.MustCompile(`(?i)^\s*(of\s+|in\s+)?(arr|mrr|revenue|run[ -]rate|top ?line)\b`)
	revenueBeforeRE = regexp.MustCompile(`(?i)\b(arr|mrr|revenue|run[ -]rate)\s+(is|of|at|was|around|about|near|~)?\s*~?$`)
)

// minRevenue is the least revenue a multiple is applied to.
const minRevenue = 10_000

// Plausible yearly pay, in dollars: other amounts ("$2M in the bank",
// "$20k MRR") are not what the figures apply to.
const (
	minPay = 20_000
	maxPay = 1_500_000
)

var (
	amountRE = regexp.MustCompile(`(?i)(\$\s?)?\b(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s?(k|m|mm|million|thousand)?\b`)
	countRE  = regexp.MustCompile(`(?i)\b(\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)\s+(?:[a-z-]+\s+){0,2}(engineers?|developers?|devs|people|hires|employees|ics|staff|seniors|folks|heads|salaries)\b`)
	// countNounRE follows a figure that counts things, not money: "40k
	// new lines", "2m users".
	countNounRE = regexp.MustCompile(`(?i)^\s+(?:new\s+|more\s+|of\s+)?(lines|loc|prs|pull|commits|users|customers|engineers|developers|devs|people|employees|downloads|requests|tickets|files|words|visitors|signups)\b`)
	eachRE      = regexp.MustCompile(`(?i)\b(each|apiece|per head|per person|a head|per engineer|per dev|a piece|at \$?\d)`)
	baseRE      = regexp.MustCompile(`(?i)\b(base|salary|salaries|wage|paycheck)\b`)
	revenueRE   = regexp.MustCompile(`(?i)\b(arr|mrr|revenue|revenues|run[ -]rate|top ?line)\b`)
	monthlyRE   = regexp.MustCompile(`(?i)\b(mrr|a month|per month|monthly|/mo)\b`)
	arrRE       = regexp.MustCompile(`(?i)\barr\b`)
	totalRE     = regexp.MustCompile(`(?i)\b(total|comp|compensation|package|all[ -]in|ote|budget)\b`)
	// askedTotalRE is a total the question asks for ("what's the total
	// cost?", "what does that cost us all in?"), not one the amount is.
	askedTotalRE = regexp.MustCompile(`(?i)\b(total|all[ -]in|real|true|overall)\s+(cost|costs|price)\b|\bcosts?\b[^.?!]{0,30}\b(all[ -]in|in total)\b|\bbudget\b[^.?!]{0,30}\bin total\b`)
)

// readFigures finds the numbers in a message.
func readFigures(text string) Figures {
	f := Figures{Count: 1, Base: baseRE.MatchString(text), Total: totalRE.MatchString(askedTotalRE.ReplaceAllLiteralString(text, " "))}
	revenue := revenueRE.MatchString(text)
	looseRevenue := 0.0 // the largest amount, where none is next to a revenue word
	money := 0
	for _, m := range amountRE.FindAllStringSubmatchIndex(text, 8) {
		dollar := m[3] > m[2]
		num, err := strconv.ParseFloat(strings.ReplaceAll(text[m[4]:m[5]], ",", ""), 64)
		if err != nil {
			continue
		}
		unit := ""
		if m[7] > m[6] {
			unit = strings.ToLower(text[m[6]:m[7]])
		}
		switch unit {
		case "k", "thousand":
			num *= 1_000
		case "m", "mm", "million":
			num *= 1_000_000
		}
		if !dollar && countNounRE.MatchString(text[m[1]:]) {
			f.N = max(f.N, num) // "40k new lines": a whole a share is of
			continue
		}
		if !dollar && unit == "" && num < 10_000 {
			year := num >= 1900 && num <= 2100 && !strings.Contains(text[m[4]:m[5]], ",")
			if !year {
				f.N = max(f.N, num) // "40 engineers", "2,000 lines" — not "2026"
			}
			continue
		}
		if revenue && (dollar || unit != "") && num >= minRevenue {
			if nextToRevenue(text, m[0], m[1]) {
				f.Revenue = max(f.Revenue, num) // "$7M ARR", "revenue is 1.5m": not pay
				continue
			}
			looseRevenue = max(looseRevenue, num)
		}
		if !dollar && unit == "" {
			// "6 engineers ship 10,000 lines a month": a share is
			// asked of the whole, the larger number.
			f.N = max(f.N, num)
		}
		if num < minPay || num > maxPay {
			continue
		}
		money++
		f.Amount = num
	}
	if f.Revenue == 0 {
		f.Revenue = looseRevenue
	}
	if f.Revenue > 0 && monthlyRE.MatchString(text) && !arrRE.MatchString(text) {
		f.Revenue *= 12
	}
	if money != 1 {
		f.Amount = 0
		return f
	}
	if m := countRE.FindStringSubmatch(text); m != nil && eachRE.MatchString(text) {
		if n := countOf(m[1]); n > 1 && n <= 500 {
			f.Count = n
		}
	}
	return f
}

// numberWords are the counts people spell out.
var numberWords = map[string]int{"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
	"nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20}

// countOf reads a count written in digits or as a word; 0 if neither.
func countOf(s string) int {
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	return numberWords[strings.ToLower(s)]
}

// Worked applies the figure to the asker's numbers, in a sentence; "" when
// the message gave none that fit.
func (f Figure) Worked(in Figures) string {
	switch f.Kind {
	case FigureMultiplier:
		if in.Amount <= 0 || (in.Total && !in.Base) {
			return ""
		}
		amount := in.Amount * float64(max(in.Count, 1))
		what := dollars(in.Amount)
		if in.Count > 1 {
			what = strconv.Itoa(in.Count) + " × " + dollars(in.Amount) + " = " + dollars(amount)
		}
		return what + " in base pay comes to about " + dollars(amount*f.Low) + " to " +
			dollars(amount*f.High) + " a year " + f.Label + " (" + trimFloat(f.Low) + "× to " + trimFloat(f.High) + "×)."
	case FigureRange:
		if in.Amount <= 0 || in.Count > 1 || (in.Base && !in.Total) {
			return ""
		}
		where, detail := position(in.Amount, f.Low, f.High)
		return dollars(in.Amount) + " is " + where + " " + f.Label +
			" (" + dollars(f.Low) + " to " + dollars(f.High) + ")" + detail + "."
	case FigureRevenueMultiple:
		if in.Revenue <= 0 {
			return ""
		}
		return "At " + trimFloat(f.Low) + "× " + f.Label + ", " + dollars(in.Revenue) + " a year in revenue would sell for about " +
			dollars(in.Revenue*f.Low) + "."
	case FigurePercent:
		if in.N <= 0 {
			return ""
		}
		return "At " + trimFloat(100*f.Low) + "%, about " + count(in.N*f.Low) + " of your " + count(in.N) + " " + f.Label + "."
	}
	return ""
}

// WorkedFigures applies every figure of the entry that fits the asker's
// numbers, one sentence each, in order.
func (e *Entry) WorkedFigures(in Figures) []string {
	var out []string
	for _, f := range e.Figures {
		if s := f.Worked(in); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// position says where x sits in [lo, hi]: below, above or within, and
// where within.
func position(x, lo, hi float64) (where, detail string) {
	switch {
	case x < lo:
		return "below", ""
	case x > hi:
		return "above", ""
	}
	switch share := (x - lo) / (hi - lo); {
	case share <= 0.2:
		return "within", ", toward the low end"
	case share < 0.45:
		return "within", ", in the lower half"
	case share <= 0.55:
		return "within", ", near the middle"
	case share < 0.8:
		return "within", ", in the upper half"
	}
	return "within", ", toward the top"
}

// dollars formats an amount as $1,234,500.
func dollars(x float64) string { return "$" + count(x) }

// count formats a quantity rounded to a whole number, with thousands
// separators: 1,234,500.
func count(x float64) string {
	s := strconv.FormatInt(int64(math.Round(x)), 10)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func trimFloat(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
