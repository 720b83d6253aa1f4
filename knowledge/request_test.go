package knowledge

import "testing"

// TestRequestsToMakeSomething: a request for work declines as a request,
// whatever entry its words share; a question that only mentions writing,
// or asks for the knowledge in another form, is not one.
func TestRequestsToMakeSomething(t *testing.T) {
	b := loadReal(t)
	tests := []struct {
		q       string
		request bool
	}{
		{"could you draft the announcement email for our new CTO?", true},
		{"write me a one-page plan for a CTO's first quarter", true},
		{"we're short on time. pls generate an org chart for our 12 person startup", true},
		{"can you debug this query for me? SELECT * FROM users", true},
		{"Please compose a board memo on why we're hiring a CTO now", true},
		{"we need senior engineers and none are looking. so help me out: draft a cold email to one", true},
		{"should our CEO still write code on weekends?", false},
		{"I had to write a job description last week. what does a CTO own?", false},
		{"can you write up how the CEO and CTO differ?", false},
		{"could you put together a quick summary of what a CTO owns?", false},
		{"how do we fix a fuzzy ownership split between the two seats?", false},
		{"who writes the technical roadmap, the CTO or the CEO?", false},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			a := b.Search(tt.q)
			if a.Request != tt.request {
				t.Errorf("Search(%q) = %s, request %v; want request %v", tt.q, answerID(a), a.Request, tt.request)
			}
			if a.Request && a.Kind != AnswerNone {
				t.Errorf("Search(%q) is a request answered as %s", tt.q, answerID(a))
			}
		})
	}
}
