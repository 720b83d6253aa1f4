package knowledge

// Founders write to the advisor in their second language, and some mix
// in words of their first: "Was ist der Hauptunterschied zwischen CEO und
// CTO?", "me explica la diferencia, por favor". The answers stay English;
// these lists only keep such words from reading as unknown names, which
// would make the advisor decline a question it can answer.

// otherLanguageStop are common German, Spanish, Portuguese, French and
// Italian words that carry no meaning for ranking. Words that are English
// too ("die", "la", "son") are left out, and the analyzer skips any that
// the English lexicon holds, so an English question never loses a word.
var otherLanguageStop = []string{
	// German
	"ist", "der", "das", "dem", "des", "und", "zwischen", "ein", "eine", "einen", "einem",
	"nicht", "wie", "warum", "wer", "welche", "welcher", "ich", "wir", "sie", "für", "bei",
	"auf", "zu", "von", "viel", "wieviel", "wieso", "kann", "können", "konnen", "müssen", "bitte", "danke", "hallo", "guten", "soll", "sollte", "mein", "meine",
	"unser", "unsere", "unseren", "gibt", "sind", "haben", "auch", "nur", "noch", "schon",
	// Spanish
	"el", "que", "qué", "pero", "cual", "cuál", "cuales", "muy", "gracias",
	"hola", "por", "explica", "explicame", "explícame", "puedes", "entre", "del", "una", "unos",
	"para", "cómo", "quien", "quién", "debo", "debería", "deberia", "mis", "nuestro",
	"nuestra", "quiere", "quieres", "quiero", "más", "debe", "deben", "puede", "pueden", "porque", "está", "esta", "tiene", "tengo", "también", "tambien", "sí",
	// Portuguese
	"olá", "obrigado", "obrigada", "você", "voce", "isso", "uma", "não", "nao", "é", "são",
	"qual", "quais", "diz", "meu", "minha", "nosso", "nossa", "tem", "também", "bom", "dia", "oi", "pra",
	"ser", "ao", "da", "das",
	// French
	"est", "et", "quelle", "quel", "quels", "du", "merci", "bonjour", "salut", "je",
	"vous", "en", "svp", "stp", "pourquoi", "combien", "mon", "notre", "avec", "sont", "faut", "elle", "ce", "cette", "qui", "ou",
	// Italian
	"il", "gli", "grazie", "ciao", "tra", "sono", "delle", "perché", "perche",
}

// otherLanguageWords are the few words of other languages that carry what
// is asked, mapped to the English word the knowledge uses.
var otherLanguageWords = map[string]string{
	"unterschied": "difference", "unterschiede": "difference", "hauptunterschied": "difference",
	"diferencia": "difference", "diferencias": "difference", "diferença": "difference", "diferenca": "difference",
	"diferenças": "difference", "différence": "difference", "différences": "difference", "differenza": "difference",
	"vergleich": "compare", "vergleichen": "compare", "comparar": "compare", "compara": "compare",
	"comparer": "compare", "confronto": "compare",
	"tabelle": "table", "tabla": "table", "tabela": "table", "tableau": "table", "tabella": "table",
	"gehalt": "salary", "salario": "salary", "salário": "salary", "salaire": "salary", "stipendio": "salary",
	"kosten": "cost", "kostet": "cost", "cuesta": "cost", "custa": "cost", "coûte": "cost", "costa": "cost",
	"verkaufen": "sell", "vertrieb": "sell", "vender": "sell", "vendo": "sell", "vende": "sell", "ventas": "sell", "vendas": "sell", "vendre": "sell",
	"gründer": "founder", "grunder": "founder", "mitgründer": "founder", "fundador": "founder",
	"cofundador": "founder", "fundadores": "founder", "cofundadores": "founder", "fondateur": "founder",
	"geschäftsführer": "ceo", "geschaftsfuhrer": "ceo",
}
