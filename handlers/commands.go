package handlers

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/handlers/blockkit"
)

// commands are the words the router knows, for "did you mean".
var commands = []string{"help", "compare", "ask", "assess", "pair", "tips", "unanswered", "stats"}

var aliases = map[string]string{
	"?": "help", "h": "help", "commands": "help",
	"vs": "compare", "comparison": "compare", "side-by-side": "compare", "table": "compare",
	"question": "ask", "faq": "ask",
	"assessment": "assess", "assessments": "assess", "quiz": "assess",
	"tip": "tips", "nudges": "tips",
	"pairs": "pair", "cofounder": "pair", "co-founder": "pair",
}

// plainWordAliases are aliases that are also ordinary words at the start
// of a question ("table stakes for a CTO?", "cofounder vesting and
// cliff?"): they are commands only on their own, or, for the co-founder
// ones, before a mention.
var plainWordAliases = map[string]bool{
	"table": true, "comparison": true, "question": true, "quiz": true, "tip": true, "nudges": true,
	"cofounder": true, "co-founder": true,
}

// readsAsQuestion reports whether text, though it starts with a command
// word, is a question in words: a plain-word alias followed by more than
// a mention, or "help" followed by a sentence ("help me decide whether to
// hire a CTO").
func readsAsQuestion(text string) bool {
	fields := strings.Fields(text)
	if len(fields) < 2 {
		return false
	}
	first := commandWord(fields[0])
	switch {
	case first == "cofounder" || first == "co-founder":
		return !strings.HasPrefix(fields[1], "<@") && !strings.HasPrefix(fields[1], "@")
	case plainWordAliases[first]:
		return true
	case first == "help":
		return len(fields) >= 3
	}
	return false
}

// tipsPhraseRE is how people ask for tips in words ("send tips to this
// channel", the assistant pane's prompt; "get me weekly tips here").
var tipsPhraseRE = regexp.MustCompile(`(?i)^\s*(please\s+)?(send|post|get|give)\s+(me\s+|us\s+)?(some\s+)?(weekly\s+|daily\s+)?tips(\s+(to|in|for)\s+(this|the|our)\s+channel|\s+here)?\s*(,?\s*please)?[.!]*\s*$`)

// parseCommand splits text into its first word (lower case, an alias
// resolved), the remaining words, and the remaining text as typed.
func parseCommand(text string) (cmd string, args []string, rest string) {
	text = strings.TrimSpace(text)
	if tipsPhraseRE.MatchString(text) {
		return "tips", []string{"subscribe"}, "subscribe"
	}
	fields := strings.Fields(text)
	if len(fields) == 0 {
		return "", nil, ""
	}
	first := commandWord(fields[0])
	if a, ok := aliases[first]; ok {
		first = a
	}
	rest = strings.TrimSpace(text[strings.Index(text, fields[0])+len(fields[0]):])
	return first, fields[1:], rest
}

// commandWord is a message's first word as a command: lower case, without
// the formatting around it (*help*); only markup is kept as typed, as it
// is no command.
func commandWord(w string) string {
	if c := strings.ToLower(strings.Trim(w, "`*_~")); c != "" {
		return c
	}
	return strings.ToLower(w)
}

// closestCommand returns the known command within two edits of word, or "".
func closestCommand(word string) string {
	if utf8.RuneCountInString(word) < 3 || len(word) > 20 {
		return ""
	}
	best, bestD := "", 3
	for _, c := range commands {
		if d := editDistance(word, c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between two short strings.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

func (r *Router) didYouMean(typed, near string) bot.Reply {
	text := "I don't know the command `" + blockkit.Echo(typed, 0) + "`. Did you mean `" + near + "`?"
	return bot.Reply{Text: text, Visibility: bot.VisibilityEphemeral, Blocks: []slack.Block{
		blockkit.Section(text),
		blockkit.Actions("", runButton("Run "+near, near, slack.StylePrimary), runButton("Show help", "help", "")),
	}}
}

// help lists what the advisor does, with buttons for the common starts.
func (r *Router) help(req *bot.Request) bot.Reply {
	how := "`" + blockkit.SlashCommand + " <command>`, `@advisor <command>` or a DM with just the command"
	text := "*I'm the CEO vs CTO advisor.* I compare the two seats, answer questions about them, run short assessments and post weekly tips.\n" +
		"Use " + how + ":\n" +
		"• `compare` — the CEO and CTO side by side (`compare background` for one row)\n" +
		"• `ask <question>` — or just type the question, e.g. _who should I hire first?_\n" +
		"• `assess` — a short assessment (5–6 questions) with a scored recommendation, e.g. `assess first-seat`\n" +
		"• `pair @cofounder` — the two of you answer the same questions privately, then see where you disagree\n" +
		"• `tips subscribe` — weekly tips in this channel (`tips status`, `tips pause`, `tips help`)\n" +
		"• `help` — this message\n" +
		"Answers to a slash command are private to you until you press *Share in channel*."
	return bot.Reply{Text: "Advisor help", Visibility: visibilityFor(req), Blocks: []slack.Block{
		blockkit.Section(text),
		blockkit.Actions("help_actions",
			runButton("Compare CEO vs CTO", "compare", slack.StylePrimary),
			runButton("Take an assessment", "assess", ""),
			runButton("Who should I hire first?", "ask who should I hire first", ""),
			runButton("Subscribe to tips", "tips subscribe", ""),
		),
	}}
}

// runButton is a button that runs a command as if it was typed.
func runButton(label, command string, style slack.Style) *slack.ButtonBlockElement {
	b := blockkit.Button(blockkit.ActionRun, command, label)
	if style != "" {
		b.Style = style
	}
	return b
}
