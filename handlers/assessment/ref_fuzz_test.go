package assessment

import "testing"

// FuzzButtonValue decodes any button value without a panic; a value it
// accepts makes the same value again, and a ref it makes decodes to itself.
func FuzzButtonValue(f *testing.F) {
	for _, v := range []string{"DU1:|a1b2c3|0|1", "C1:1700000000.000100|run|3|-1", "|||", "DU1:|r|101|0", "DU1:|r|-2|0", "x|y|z|w|v"} {
		f.Add(v, "DU1:", "r", 0, 0)
	}
	f.Fuzz(func(t *testing.T, v, sid, run string, q, opt int) {
		if r, err := parseRef(v); err == nil {
			if again := r.value(); again != v {
				back, err := parseRef(again)
				if err != nil || back != r {
					t.Fatalf("parseRef(%q) = %+v, whose value %q decodes to %+v, %v", v, r, again, back, err)
				}
			}
		}
		r := ref{SID: sid, Run: run, Question: q, Option: opt}
		if back, err := parseRef(r.value()); err == nil && back != r {
			t.Fatalf("ref %+v made %q, decoded to %+v", r, r.value(), back)
		}
	})
}
