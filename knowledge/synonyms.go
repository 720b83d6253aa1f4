package knowledge

// Word classes that matter before ranking.
const (
	classStop    uint8 = 1 << iota // carries no meaning for ranking
	classGreet                     // a greeting or thanks on its own
	classFiller                    // may accompany a greeting ("there", "advisor")
	classSignal                    // asks for a comparison ("vs", "difference")
	classForeign                   // names a role the knowledge base does not cover
	classNegate                    // opens a negation's scope ("no", "can't")
	classPerson                    // a person in a job other than the two seats ("engineer", "rep")
)

// personWords name people by a job other than the CEO's and the CTO's. The
// knowledge gives the pay of neither them nor anyone but a US CTO: "what
// does a junior developer earn?" is not the CTO's pay.
var personWords = []string{
	"engineer", "engineers", "developer", "developers", "dev", "devs", "programmer", "programmers",
	"coder", "coders", "rep", "reps", "salesperson", "salespeople", "sdr", "sdrs", "vp", "vps",
	"manager", "managers", "director", "directors", "scientist", "scientists", "analyst", "analysts",
	"intern", "interns", "freelancer", "freelancers", "architect", "architects", "employee", "employees",
	"cio", "cios",
	// What phrases name: "vp of engineering", "head of sales".
	"vpeng", "vpsales",
}

// foreignRoles are other seats people ask about. Unless the content covers
// them, a question naming one is about something the advisor does not
// know, however much else it shares with an entry.
var foreignRoles = []string{
	"cfo", "cfos", "coo", "coos", "cmo", "cmos", "cpo", "cpos", "cro", "cros", "ciso", "cisos",
	"cso", "csos", "chro", "cdo", "cco", "cao", "clo", "cao", "cxo", "chairman", "chairwoman", "chairperson",
	"secretary", "treasurer", "accountant", "lawyer", "attorney", "designer", "marketer", "recruiter",
}

// stopWords are dropped before ranking.
var stopWords = []string{
	"later", "eventually", "someday", "roughly", "approximately", "approx", "a", "about", "above", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at",
	"be", "because", "been", "before", "being", "but", "by", "can", "cant", "cannot", "could", "couldnt",
	"didnt", "doesnt", "dont", "during", "either", "else", "etc", "even",
	"ever", "every", "for", "from", "further", "get", "gets", "getting", "go", "going", "got", "had", "has", "have", "having",
	"he", "her", "here", "hers", "him", "his", "how", "however", "i", "id", "if", "ill", "im", "in", "into", "is", "isnt", "it",
	"its", "ive", "just", "kind", "know", "let", "lets", "like", "me", "might", "mine", "more", "most", "much", "many", "must", "my",
	"myself", "ones", "no", "non", "nor", "not", "now", "of", "off", "ok", "okay", "on", "once", "one", "only", "or", "other",
	"our", "ours", "out", "over", "please", "pls", "plz", "really", "same", "she", "should", "shouldnt", "so", "some", "someone",
	"something", "sort", "such", "than", "that", "thats", "the", "their", "theirs", "them", "then", "there", "theres", "these", "they",
	"theyre", "thing", "things", "this", "those", "through", "to", "too", "u", "under", "until", "up", "us", "very", "want", "wants",
	"was", "wasnt", "way", "we", "were", "weve", "what", "whats", "where", "whether", "which", "while", "who", "whom",
	"whos", "whose", "why", "will", "with", "within", "without", "wont", "would", "wouldnt", "ya", "yes", "yet", "you", "youd",
	"youll", "your", "youre", "yours", "yourself", "youve", "tell", "explain", "say", "said", "question", "anyone", "anybody",
	"someone", "somebody", "guess", "think", "thoughts", "advice", "ask", "asking", "help", "actually", "basically", "exactly",
	"advise", "suggestion", "suggestions", "guidance", "perspective", "pointers", "input", "insight",
	"clarify", "elaborate",
	"generally", "typical", "typically", "usually", "probably", "maybe", "e", "g", "eg", "ie", "s", "t", "d", "ll", "re", "ve", "m",
	"hi", "hello", "hey", "hiya", "howdy", "yo", "greetings", "morning", "afternoon", "evening", "thanks", "thank", "thx", "ty",
	"cheers", "sup", "advisor", "bot", "everyone", "folks", "again", "lot", "lots", "much",
	// Words about the source rather than the subject: "what does the
	// article say about…", "the study the post cites".
	"says", "saying", "made", "article", "articles", "blogpost", "writeup", "mention", "mentions", "mentioned", "according",
	"cite", "cites", "cited", "quote", "quotes", "quoted", "quoting",
	// "supposed to" is "should"; "give me" asks, it is no topic.
	"supposed", "give", "gives", "gave", "giving", "b4", "qs", "q",
}

// greetWords make a message a greeting when it holds nothing else but
// filler words.
var greetWords = []string{
	"hi", "hello", "hey", "heya", "hiya", "howdy", "yo", "greetings", "morning", "afternoon", "evening",
	"thanks", "thank", "thx", "ty", "cheers", "sup", "hola", "gm",
}

// fillerWords may appear in a greeting ("hello there", "thanks a lot").
var fillerWords = []string{
	"there", "advisor", "bot", "you", "all", "everyone", "folks", "team", "good", "a", "lot", "so", "much",
	"again", "very", "great", "awesome", "ok", "okay", "whats", "up", "how", "are", "is", "it", "going", "the", "oh",
	"and", "many", "mate", "friend", "buddy", "again", "guys", "yall", "helpful", "useful", "perfect",
	"super", "nice", "cool", "appreciate", "it", "that", "was", "this", "testing", "test", "just",
	// Saying hello on arrival: "hey, new here", "hi all, just joined".
	"new", "here", "joined", "join", "joining", "i", "im", "am", "first", "time", "glad", "happy", "excited",
	"to", "be", "welcome", "me", "in", "hopped",
}

// signalWords ask for the roles side by side. Those with a synonym below
// are also ranked ("vs", "differ"); the rest are not.
var signalWords = []string{
	"vs", "v", "versus", "compare", "compared", "compares", "comparing", "comparison", "comparisons",
	"contrast", "each", "between",
}

// chatNoise is filler common in chat that carries no meaning for ranking.
var chatNoise = []string{
	"lol", "lmao", "haha", "hah", "gonna", "wanna", "gotta", "kinda", "sorta", "btw", "fyi", "imo", "imho",
	"idk", "hmm", "um", "uh", "w", "eli5", "tldr", "pls", "plz", "ya", "yeah", "yep", "nope", "hm", "tbh",
	"quick", "quickly", "briefly", "honestly", "seriously", "literally", "even", "exactly", "actual", "actually",
	// More of how people write in chat: hedges, intensifiers, abbreviations
	// and filler that say nothing about what is asked.
	"ago", "amazing", "awesome", "crazy", "insane", "wild", "ppl", "peeps", "stuff", "ex", "yrs", "yr", "nah",
	"meh", "bc", "cuz", "coz", "rn", "srsly", "wat", "wut", "absolutely", "definitely", "totally", "curious",
	"hoping", "hope", "someday", "anyways", "anyway", "ngl", "fwiw", "afaik", "iirc", "lmk", "omg", "wtf", "jk",
	"asap", "tho", "though", "although", "already", "still", "obviously", "clearly", "apparently", "cool", "nice",
	"whoever", "whomever",
	// Doubting a claim asks what the knowledge says of it: "does sales
	// really drive companies, or is that a cliche?"
	"cliche", "cliches", "myth", "myths", "overblown", "overhyped", "overstated", "exaggerated", "exaggeration",
	"bullshit", "nonsense", "hype", "hyped", "trope", "stereotype", "buzzword", "buzzwords", "fluff", "platitude", "platitudes",
	// Asking whether something can be done asks about it: "I'm an
	// engineer and want to be CEO someday. possible?"
	"possible", "impossible", "doable", "feasible", "achievable", "viable",
	"pretty", "super", "truly", "kind", "wondering", "wonder", "confused", "confession", "rant", "vent", "dumb",
	"silly", "stupid", "random", "sure", "guys", "dude", "fam", "folks", "everyone", "anybody", "somebody",
	"lately", "recently", "currently", "today", "tonight", "tomorrow", "tmrw", "yesterday",
	"mins", "min", "hrs", "hr", "okk", "ohh", "cc", "ps",
	"oh", "ah", "welp", "yikes", "oops", "lemme", "gimme", "dunno", "ish", "af", "tl", "dr", "fr", "smh",
	"ty", "tysm", "appreciate", "appreciated", "grateful", "wed", "whatever", "anything", "everything",
	"per", "real", "key", "testing", "test", "likely", "unlikely", "against",
}

// wordSynonyms map single normalized words to canonical words.
var wordSynonyms = map[string]string{
	"salary": "pay", "salaries": "pay", "pay": "pay", "pays": "pay", "paying": "pay", "comp": "pay",
	"compensation": "pay", "compensate": "pay", "earn": "pay", "earns": "pay", "earning": "pay", "earnings": "pay",
	"equitysplit": "equitysplit", "usd": "pay", "contact": "contact", "vpeng": "vpeng", "vpsales": "vpsales", "advisorhelp": "advisorhelp", "span": "span", "offsense": "offsense", "usa": "usa", "whyhow": "whyhow", "american": "usa", "america": "usa", "americans": "usa", "employed": "employed", "dual": "dual",
	"percent": "percent", "percentage": "percent", "pct": "percent", "percentages": "percent",
	"paid": "pay", "wage": "pay", "wages": "pay", "income": "pay", "remuneration": "pay", "equity": "equity",
	"hire": "hire", "hires": "hire", "hiring": "hire", "hired": "hire", "recruit": "hire", "recruits": "hire",
	"recruiting": "hire", "recruited": "hire", "recruitment": "hire", "onboard": "hire",
	"boss": "report", "bosses": "report", "manager": "report", "managers": "report", "report": "report",
	"reports": "report", "reporting": "report", "supervisor": "report",
	"ai": "ai", "llm": "ai", "llms": "ai", "chatgpt": "ai", "gpt": "ai", "copilot": "ai", "genai": "ai",
	"claude": "ai", "gemini": "ai", "openai": "ai", "ml": "ai", "cursor": "ai",
	"legal": "legal", "illegal": "legal", "legally": "legal", "illegally": "legal", "lawful": "legal",
	"unlawful": "legal", "legality": "legal", "lawsuit": "legal", "sue": "legal", "sued": "legal",
	"liable": "legal", "liability": "legal", "enforceable": "legal",
	"cofounder": "founder", "cofounders": "founder", "founders": "founder", "founding": "founder",
	// The article's own images, in the knowledge's words: "a product
	// question wearing a technical costume", "that theater chain example".
	"costume": "clothing", "costumes": "clothing", "disguise": "clothing", "disguised": "clothing",
	"theater": "theatres", "theaters": "theatres", "theatre": "theatres", "cinema": "theatres", "cinemas": "theatres",
	"chain": "company", "chains": "company", // "a theater chain" is a company
	// Money other than dollars is pay somewhere the knowledge has no
	// figures for: "what's a fair salary in pounds?"
	"euro": "currency", "euros": "currency", "eur": "currency", "pound": "currency", "pounds": "currency",
	"gbp": "currency", "sterling": "currency", "rupee": "currency", "rupees": "currency", "inr": "currency",
	"lakh": "currency", "lakhs": "currency", "peso": "currency", "pesos": "currency", "yen": "currency",
	"cad": "currency", "aud": "currency", "sgd": "currency", "chf": "currency", "francs": "currency",
	"zloty": "currency", "reais": "currency", "currency": "currency", "currencies": "currency",
	// Founding a company is starting one: "how many companies has he founded?"
	"founded": "started", "cofounded": "started",
	"cto": "cto", "ctos": "cto", "ceo": "ceo", "ceos": "ceo",
	"nontechnical": "nontechnical", "nontech": "nontechnical",
	"backend": "engineer", "frontend": "engineer", "fullstack": "engineer", "sre": "engineer",
	"users": "customer", "user": "customer", "buyers": "customer", "buyer": "customer",
	"pm": "product", "pms": "product",
	"applicants": "candidate", "applicant": "candidate", "candidates": "candidate", "candidate": "candidate",
	"mrr": "revenue", "revenues": "revenue", "revenue": "revenue", "arr": "revenue", "topline": "revenue",
	"dev": "engineer", "devs": "engineer", "developer": "engineer", "developers": "engineer",
	"programmer": "engineer", "programmers": "engineer", "coder": "engineer", "coders": "engineer",
	"engineer": "engineer", "engineers": "engineer", "swe": "engineer", "swes": "engineer",
	"eng": "engineering", "engineering": "engineering",
	"startup": "startup", "startups": "startup", "company": "company", "companies": "company",
	"fundraise": "fundraising", "fundraising": "fundraising", "raise": "fundraising", "raising": "fundraising",
	"investor": "investor", "investors": "investor", "vc": "investor", "vcs": "investor",
	"sell": "sell", "sells": "sell", "selling": "sell", "sales": "sell", "sale": "sell",
	"customer": "customer", "customers": "customer", "client": "customer", "clients": "customer",
	"coding": "code", "code": "code", "codes": "code", "programming": "code", "program": "code",
	"architecture": "architecture", "architect": "architecture",
	"responsibilities": "responsibility", "responsible": "responsibility", "duties": "responsibility",
	"duty": "responsibility", "job": "role", "jobs": "role", "role": "role", "roles": "role", "position": "role",
	"fire": "fire", "firing": "fire", "fired": "fire", "layoff": "fire", "layoffs": "fire",
	"cost": "cost", "costs": "cost", "price": "cost", "expensive": "cost", "cheap": "cost", "budget": "cost",
	"burn": "cost", "burning": "cost", "burns": "cost", "burned": "cost", "burnt": "cost", "spend": "cost", "spending": "cost",
	"exec": "executive", "execs": "executive", "executive": "executive", "executives": "executive",
	"mvp": "mvp", "prototype": "mvp",
	"tech": "technical", "techie": "technical", "technical": "technical", "technically": "technical",
	"biz": "business", "business": "business",
	"seat": "role", "seats": "role", "hat": "role", "hats": "role",
	"split": "split", "splitting": "split", "divide": "split", "divvy": "split", "division": "split",
	"mistake": "mistake", "mistakes": "mistake", "blunder": "mistake", "blunders": "mistake", "error": "mistake",
	"errors": "mistake", "pitfall": "mistake", "pitfalls": "mistake", "warn": "mistake", "warns": "mistake",
	"warning": "mistake", "warnings": "mistake",
	"survive": "thrive", "survives": "thrive", "surviving": "thrive", "thrive": "thrive", "thrives": "thrive",
	"thriving": "thrive", "peer": "peer", "peers": "peer", "equal": "peer", "equals": "peer",
	"remote": "offshore", "offshore": "offshore", "abroad": "offshore", "overseas": "offshore",
	"distributed": "offshore", "nearshore": "offshore", "offshoring": "offshore",
	"freelancer": "contractor", "freelancers": "contractor", "freelance": "contractor", "contractor": "contractor",
	"contractors": "contractor", "agency": "contractor", "agencies": "contractor", "consultant": "contractor",
	"fractional": "contractor", "outsource": "outsource", "outsourced": "outsource", "outsourcing": "outsource",
	"threat": "replace", "threaten": "replace", "threatens": "replace", "replace": "replace",
	"replaces": "replace", "replaced": "replace", "replacing": "replace",
	"own": "own", "owns": "own", "owner": "own", "owning": "own", "owned": "own", "ownership": "own",
	"became": "become", "becoming": "become", "becomes": "become", "become": "become",
	"vs": "vs", "v": "vs", "versus": "vs", "compare": "vs", "compared": "vs", "compares": "vs", "comparing": "vs",
	"comparison": "vs", "comparisons": "vs", "contrast": "vs",
	"diff": "differ", "difference": "differ", "differences": "differ", "differ": "differ", "differs": "differ",
	"different": "differ", "distinguish": "differ", "distinguishes": "differ", "separates": "differ",
	"do": "do", "does": "do", "did": "do", "doing": "do",
	"difficult": "hard", "tough": "hard", "tricky": "hard", "challenging": "hard",
	"struggle": "hard", "struggles": "hard", "struggling": "hard", "struggled": "hard",
	"valuable": "value", "invaluable": "value", "cert": "certified", "certs": "certified",
	// A hole in security is a flaw; pull requests are code.
	"hole": "flaw", "holes": "flaw", "vulnerability": "flaw", "vulnerabilities": "flaw", "vuln": "flaw", "vulns": "flaw", "prs": "code",
	"mult":        "multiplier",
	"accountable": "responsibility", "accountability": "responsibility",
	// Words that set aside what follows (see setAsideWeight).
	"besides": "besides", "beside": "besides", "beyond": "besides", "except": "besides", "excluding": "besides",
}

// contextualPay reports whether a word means pay because the message asks
// "how much": "how much does a CTO make".
func contextualPay(w []byte, hasMuch bool) bool {
	if !hasMuch {
		return false
	}
	switch string(w) {
	case "make", "makes", "making", "earn", "get", "gets", "paid":
		return true
	}
	return false
}
