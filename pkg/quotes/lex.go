package quotes

import "strings"

// The lexicons below are closed-class English words (speech verbs, titles,
// pronouns, determiners, organisation heads). They are general news-English
// vocabulary, not names: person names are found by capitalisation.

// cueClass tells how strongly a verb marks reported speech.
type cueClass uint8

const (
	cueNone    cueClass = iota
	cueSpeech           // said, told, warned: introduces direct, indirect and partial quotes
	cuePartial          // called, accused, described: only attributes a partial quote
)

var cueForms = map[string]cueClass{}

// cueInverted are the forms that may precede their subject: `said Michael Hwang`.
var cueInverted = map[string]bool{}

func addVerb(class cueClass, inverted bool, forms ...string) {
	for _, f := range forms {
		cueForms[f] = class
		if inverted {
			cueInverted[f] = true
		}
	}
}

// regular generates base, -s, -ed and -ing forms of a regular verb.
func regular(class cueClass, inverted bool, bases ...string) {
	for _, b := range bases {
		var s, ed, ing string
		switch {
		case strings.HasSuffix(b, "e"):
			s, ed, ing = b+"s", b+"d", b[:len(b)-1]+"ing"
		case strings.HasSuffix(b, "y") && !strings.HasSuffix(b, "ay") && !strings.HasSuffix(b, "ey"):
			s, ed, ing = b[:len(b)-1]+"ies", b[:len(b)-1]+"ied", b+"ing"
		case strings.HasSuffix(b, "s") || strings.HasSuffix(b, "sh") || strings.HasSuffix(b, "ch") || strings.HasSuffix(b, "x"):
			s, ed, ing = b+"es", b+"ed", b+"ing"
		default:
			s, ed, ing = b+"s", b+"ed", b+"ing"
		}
		addVerb(class, inverted, b, s, ed, ing)
	}
}

func init() {
	addVerb(cueSpeech, true, "say", "says", "said", "saying")
	addVerb(cueSpeech, true, "tell", "tells", "told", "telling")
	addVerb(cueSpeech, true, "write", "writes", "wrote", "writing", "written")
	addVerb(cueSpeech, true, "sing", "sings", "sang", "singing")
	addVerb(cueSpeech, false, "testify", "testifies", "testified")
	addVerb(cueSpeech, true, "tweet", "tweets", "tweeted", "tweeting")
	addVerb(cueSpeech, true, "admit", "admits", "admitted", "admitting")
	addVerb(cueSpeech, false, "quip", "quips", "quipped")
	addVerb(cueSpeech, false, "retort", "retorts", "retorted")
	regular(cueSpeech, true, "add", "warn", "note", "stress", "claim", "argue", "insist", "explain",
		"assert", "state", "declare", "announce", "remark", "comment", "observe", "reply", "respond",
		"answer", "ask", "continue", "conclude", "acknowledge", "concede", "contend", "maintain",
		"emphasize", "emphasise", "suggest", "predict", "caution", "complain", "recall", "report",
		"reiterate", "confirm", "deny", "boast", "joke", "muse", "recount", "counter",
		"shout", "yell", "whisper", "post", "allege", "charge", "lament", "exclaim", "mention",
		"wonder", "agree", "proclaim", "scoff", "sneer")
	regular(cuePartial, false, "call", "accuse", "describe", "dub", "label", "brand", "criticize",
		"criticise", "condemn", "praise", "slam", "blast", "decry", "denounce", "hail", "term",
		"characterize", "characterise", "dismiss", "reject", "vow", "pledge", "promise", "threaten",
		"demand", "cite", "refer", "urge", "welcome", "promise", "blame", "mock", "deride", "admire", "attack")
	// irregular partial-only forms that regular() gets wrong
	addVerb(cuePartial, false, "dubbed", "labelled", "labeled", "branded", "slammed", "referred", "vowed")
}

// adverbs that may stand between a speaker and the cue ("he also said", "Lu later told").
var adverbs = set("also", "later", "then", "again", "recently", "previously", "earlier", "once",
	"has", "have", "had", "was", "is", "were", "are", "will", "would", "had", "reportedly", "repeatedly",
	"publicly", "privately", "angrily", "flatly", "bluntly", "simply", "further", "still", "even",
	"separately", "quickly", "often", "frequently", "openly", "just", "already", "firmly")

var pronouns = set("he", "she", "they", "it", "we", "i", "you")

var determiners = set("the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their",
	"our", "my", "your", "one", "another", "some", "several", "many", "two", "three", "four", "five",
	"other", "both", "each", "most", "few", "all", "no", "any", "such")

// personTitles precede a person's name and are stripped from it.
var personTitles = set("mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "prof", "prof.", "sen", "sen.",
	"rep", "rep.", "gov", "gov.", "gen", "gen.", "lt", "lt.", "col", "col.", "sgt", "sgt.", "capt", "capt.",
	"adm", "adm.", "amb", "amb.", "rev", "rev.", "hon", "hon.", "president", "vice", "prime", "minister",
	"secretary", "senator", "representative", "congressman", "congresswoman", "governor", "mayor",
	"judge", "justice", "general", "ambassador", "envoy", "chairman", "chairwoman", "chair", "chief",
	"director", "spokesman", "spokeswoman", "spokesperson", "deputy", "assistant", "under", "acting",
	"former", "king", "queen", "prince", "princess", "pope", "leader", "speaker", "commissioner",
	"attorney", "sheriff", "officer", "captain", "admiral", "lord", "lady", "sir", "dame", "premier",
	"chancellor", "councillor", "councilman", "councilwoman", "candidate", "nominee", "host", "anchor",
	"professor", "coach", "executive", "ceo", "cfo", "founder", "spokesmen", "counsel", "lawmaker",
	"rabbi", "bishop", "cardinal", "father", "sister", "brother", "uncle", "aunt", "colonel", "sergeant",
	"lieutenant", "major", "marshal", "dean", "president-elect", "secretary-general", "general-secretary",
	"first", "lady", "mrs", "miss", "foreign", "defense", "defence", "state", "treasury", "trade", "finance",
	"interior", "commerce", "labor", "labour", "energy", "homeland", "security", "health", "economy",
	"justice", "education", "agriculture", "transport", "transportation", "press", "national",
	"communications", "campaign", "white", "house", "senior", "top", "principal", "manager", "analyst",
	"economist", "strategist", "adviser", "advisor", "aide", "official", "diplomat", "expert", "fellow",
	"researcher", "editor", "reporter", "correspondent", "columnist", "author", "writer", "director-general")

// orgHeads end the name of an organisation, place or thing rather than a person.
var orgHeads = set("department", "ministry", "council", "party", "committee", "agency", "office", "bureau",
	"embassy", "government", "administration", "congress", "senate", "parliament", "union", "association",
	"institute", "university", "center", "centre", "foundation", "bank", "fund", "organization",
	"organisation", "commission", "court", "police", "army", "navy", "corp", "corp.", "inc", "inc.", "ltd",
	"ltd.", "co", "co.", "group", "company", "times", "post", "news", "press", "service", "campaign",
	"board", "authority", "cabinet", "team", "network", "journal", "magazine", "review", "herald",
	"tribune", "daily", "forces", "force", "command", "house", "school", "college", "club",
	"alliance", "league", "federation", "coalition", "movement", "society", "corporation", "guard",
	"sea", "river", "ocean", "peninsula", "island", "islands", "street", "avenue", "square", "mountains",
	"city", "county", "province", "state", "states", "republic", "kingdom", "nations",
	"affairs", "program", "programme", "project", "act", "resolution", "treaty", "agreement", "deal",
	"policy", "report", "statement", "website", "media", "tv", "radio", "channel", "monday", "tuesday", "wednesday", "thursday", "friday",
	"saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august",
	"september", "october", "november", "december", "day", "week", "year", "war", "ministries",
	"departments", "agencies", "companies", "officials", "lab", "laboratory", "hospital", "exchange",
	"market", "markets", "airlines", "motors", "industries", "holdings", "systems", "partners", "capital",
	"securities", "reserve", "fed", "treasury", "pentagon", "kremlin", "secretariat", "directorate",
	"assembly", "legislature", "caucus", "panel", "unit", "division", "office", "headquarters")

// sentenceFunction words are capitalised at a sentence start but never begin a name.
var sentenceFunction = set("the", "a", "an", "in", "on", "at", "it", "its", "he", "she", "they", "we",
	"i", "you", "but", "and", "or", "so", "yet", "this", "that", "these", "those", "there", "their",
	"his", "her", "our", "my", "if", "when", "while", "after", "before", "as", "for", "with", "some",
	"many", "most", "both", "each", "no", "not", "however", "meanwhile", "still", "also", "last", "next",
	"earlier", "later", "since", "under", "according", "despite", "although", "what", "who", "why", "how",
	"where", "speaking", "asked", "by", "from", "to", "of", "during", "over", "through", "among",
	"between", "about", "against", "without", "within", "even", "just", "only", "now", "then", "here",
	"mr", "mrs", "ms", "dr", "secondly", "first", "firstly", "finally", "instead", "indeed", "thus",
	"yes", "oh", "well", "further", "furthermore", "moreover", "besides", "because", "unlike", "like",
	"once", "all", "any", "every", "such", "more", "less", "few", "several", "other", "another")

// prepositions end a subject noun phrase when walking back from a cue.
var stopWords = set("in", "on", "at", "to", "for", "with", "by", "from", "after", "before", "during",
	"since", "about", "against", "without", "within", "over", "through", "among", "between", "into",
	"and", "but", "or", "that", "which", "who", "whom", "because", "while", "when", "as", "if",
	"than", "then", "so", "yet", "not", "never", "is", "was", "are", "were", "be", "been", "has", "have",
	"had", "will", "would", "could", "should", "can", "may", "might", "must", "do", "does", "did",
	"what", "where", "how", "why", "whether", "there", "here", "also", "however", "according",
	"upon", "toward", "towards", "via", "under", "despite", "although", "though", "unless", "until")

// roleNouns may head a nominal speaker mention ("the diplomat", "a spokesman").
var roleNouns = set("spokesman", "spokeswoman", "spokesperson", "spokespeople", "official", "officials",
	"diplomat", "diplomats", "minister", "secretary", "expert", "experts", "analyst", "analysts",
	"professor", "source", "sources", "aide", "aides", "adviser", "advisers", "advisor", "advisors",
	"lawyer", "lawyers", "attorney", "president", "leader", "leaders", "chief", "head", "director",
	"envoy", "ambassador", "narrator", "businessman", "businesswoman", "friend", "ministry",
	"department", "government", "statement", "report", "police", "officer", "officers", "investigators",
	"prosecutors", "prosecutor", "researchers", "researcher", "economist", "economists", "strategist",
	"manager", "executive", "executives", "candidate", "nominee", "campaign", "senator", "lawmaker",
	"lawmakers", "governor", "mayor", "judge", "witness", "witnesses", "resident", "residents",
	"observer", "observers", "critic", "critics", "supporter", "supporters", "agency", "council",
	"committee", "administration", "embassy", "military", "army", "regime", "company", "firm",
	"group", "organization", "organisation", "board", "authorities", "author", "letter", "study",
	"survey", "poll", "memo", "document", "documents", "filing", "complaint", "ruling", "court",
	"newspaper", "paper", "website", "ad", "video", "tweet", "post", "article", "editorial",
	"chairman", "chairwoman", "representative", "representatives", "member", "members", "people",
	"person", "man", "woman", "voter", "voters", "student", "students", "worker", "workers", "delegate",
	"delegates", "negotiator", "negotiators", "mother", "father", "wife", "husband", "son", "daughter",
	"host", "spokesmen", "country", "nation", "state", "insider", "insiders", "veteran", "veterans")

// wordSet is a set of words, probed quicker than a map: a word's length and
// first, middle and last bytes pick its slot, so a probe hashes four bytes
// rather than the word, and most probes are of words not in the set.
type wordSet struct {
	slots []string // open addressing; "" is an empty slot
	shift uint
}

func set(words ...string) *wordSet {
	n, shift := 16, uint(28)
	for n < 4*len(words) {
		n, shift = 2*n, shift-1
	}
	ws := &wordSet{slots: make([]string, n), shift: shift}
	for _, w := range words {
		if w == "" || ws.has(w) {
			continue
		}
		i := ws.slot(w)
		for ws.slots[i] != "" {
			i = (i + 1) & (len(ws.slots) - 1)
		}
		ws.slots[i] = w
	}
	return ws
}

func (ws *wordSet) slot(w string) int {
	h := uint32(len(w))<<24 | uint32(w[0])<<16 | uint32(w[len(w)/2])<<8 | uint32(w[len(w)-1])
	return int((h * 0x9E3779B1) >> ws.shift)
}

// has reports whether w is in the set.
func (ws *wordSet) has(w string) bool {
	if w == "" {
		return false
	}
	for i := ws.slot(w); ; i = (i + 1) & (len(ws.slots) - 1) {
		switch ws.slots[i] {
		case w:
			return true
		case "":
			return false
		}
	}
}

// bareClauseCues report speech without "that": `Lu said Beijing was opposed`.
// Other cues need "that" before an indirect clause ("agreed to UN sanctions"
// is not reported speech).
var bareClauseCues = set("say", "says", "said", "saying", "add", "adds", "added", "warn", "warns", "warned",
	"note", "notes", "noted", "claim", "claims", "claimed", "argue", "argues", "argued", "insist", "insists",
	"insisted", "write", "writes", "wrote", "tweet", "tweeted", "tweets", "assert", "asserts", "asserted",
	"stress", "stressed", "stresses", "explain", "explained", "explains", "predict", "predicted", "predicts",
	"suggest", "suggested", "suggests", "acknowledge", "acknowledged", "admit", "admitted", "announce",
	"announced", "announces", "confirm", "confirmed", "report", "reported", "reports", "tell", "told", "tells",
	"contend", "contended", "maintain", "maintained", "concede", "conceded", "complain", "complained",
	"allege", "alleged", "emphasize", "emphasized", "emphasise", "emphasised", "reiterate", "reiterated")

// auxiliaries betray a clause where a noun phrase was expected.
var auxiliaries = set("is", "was", "are", "were", "has", "have", "had", "will", "would", "could", "should",
	"can", "do", "does", "did", "be", "been", "may", "might", "must")

var prepositions = set("in", "on", "at", "to", "for", "with", "by", "from", "of", "about", "against",
	"into", "over", "under", "after", "before", "during", "since", "through", "among", "between", "toward",
	"towards", "upon", "via", "within", "without")

var timeWords = set("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
	"yesterday", "tonight", "tomorrow", "week", "month", "year", "morning", "evening", "night", "afternoon",
	"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
	"november", "december", "last", "next", "early", "late", "earlier", "later", "weekend", "jan.", "feb.",
	"aug.", "sept.", "oct.", "nov.", "dec.")

// nounLike are cue forms that are more often nouns ("the report", "member
// states"); they are not cues.
var nounLike = []string{"state", "states", "report", "post", "posts", "charge", "charges", "comment", "comments",
	"answer", "answers", "counter", "counters", "joke", "jokes", "note", "tweet", "claim", "call", "calls",
	"term", "terms", "label", "labels", "brand", "brands", "attack", "attacks", "demands", "promise",
	"promises", "pledge", "pledges", "vow", "vows", "tweets", "reply", "replies", "cite", "welcome", "deal", "mention",
	"continue", "caution", "counsel", "muse", "remark", "remarks", "threat", "blast", "blasts", "hail", "mock",
	"praise", "boast", "boasts", "quip", "quips", "yell", "shout", "shouts", "whisper", "whispers", "posting"}

func init() {
	addVerb(cueSpeech, true, "demand", "demands", "demanded", "reads")
	for _, w := range nounLike {
		delete(cueForms, w)
		delete(cueInverted, w)
	}
}

// loneSubjects stand alone as a nominal subject: "Another said", "One wrote".
var loneSubjects = set("another", "one", "others", "some", "many", "most", "several", "both")

func init() {
	addVerb(cueSpeech, true, "read")
}

// cueShape marks, by the first and last byte of a word (low five bits) and
// its length (up to 31), which words may be in cueForms: most words are
// ruled out without hashing them. Filled after the inits above.
var cueShape [32][32]uint32

func init() {
	for w := range cueForms {
		cueShape[w[0]&31][w[len(w)-1]&31] |= 1 << min(len(w), 31)
	}
}

// cueOf is cueForms[w].
func cueOf(w string) cueClass {
	if w == "" || cueShape[w[0]&31][w[len(w)-1]&31]&(1<<min(len(w), 31)) == 0 {
		return cueNone
	}
	return cueForms[w]
}
