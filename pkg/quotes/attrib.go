package quotes

import (
	"strings"
	"unicode/utf8"

	"github.com/sanc-news/sanc/pkg/segment"
)

// np is a speaker mention found next to a cue.
type np struct {
	ok           bool
	s, e         int  // mention span: the name, pronoun or description
	kind         byte // 'p' pronoun, 'n' person-like name, 'o' organisation, 'm' nominal description
	roleS, roleE int  // role/affiliation span, roleS<0 if none
	ps           int  // start of the whole phrase (titles, roles, appositives included)
	relS, relE   int  // a relative pronoun ("who") that is the actual mention, relE=0 if none
}

// attrib is an attribution: who (mention), by which cue, and where the
// attribution text ends.
type attrib struct {
	ok     bool
	who    np
	cue    string
	endPos int
}

var noNP = np{roleS: -1, roleE: -1}

func isPossessive(t tok) bool {
	return strings.HasSuffix(t.low, "'s") || strings.HasSuffix(t.low, "s'") || strings.HasSuffix(t.w, "s’")
}

func isCue(t tok) cueClass {
	if t.k != 'w' || t.cap {
		return cueNone
	}
	return cueOf(t.low)
}

// nounUse: "his claims", "Trump’s tweets" — a cue form used as a noun.
func nounUse(ts []tok, c int) bool {
	if c == 0 || ts[c-1].k != 'w' {
		return false
	}
	p := ts[c-1]
	return (determiners.has(p.low) && p.low != "that") || isPossessive(p)
}

// negated: "did not say whether", "never said", "declined to say".
func negated(ts []tok, c int) bool {
	for j := c - 1; j >= 0 && j >= c-3; j-- {
		l := ts[j].low
		if l == "not" || l == "never" || strings.HasSuffix(l, "n't") || l == "declined" || l == "refused" || l == "to" && ts[c].low == ts[c].w && ts[c].low == "say" {
			return true
		}
	}
	if c+1 < len(ts) && (ts[c+1].low == "whether" || ts[c+1].low == "if") {
		return true
	}
	return false
}

// classify decides what the noun phrase ts[a:b] mentions: the person name in
// it (after titles and roles), an organisation, or a description.
func classify(ts []tok, a, b int) np {
	n := classify0(ts, a, b)
	if n.ok {
		n.ps = ts[a].s
		if isTimeWord(ts[a:b]) {
			return noNP
		}
	}
	return n
}

// isTimeWord: "Friday", "last week" are adverbials, never speakers.
func isTimeWord(ts []tok) bool {
	for _, t := range ts {
		if t.k == 'w' && !timeWords.has(t.low) && !determiners.has(t.low) {
			return false
		}
	}
	return true
}

func classify0(ts []tok, a, b int) np {
	n := noNP
	if a >= b {
		return n
	}
	if b-a == 1 && ts[a].k == 'w' && pronouns.has(ts[a].low) {
		return np{ok: true, s: ts[a].s, e: ts[a].e, kind: 'p', roleS: -1, roleE: -1}
	}
	// a trailing parenthetical "(D-Md.)" is affiliation, not name
	end := b
	if ts[end-1].w == ")" {
		for j := end - 1; j > a; j-- {
			if ts[j].w == "(" {
				end = j
				break
			}
		}
	}
	// a lower-case head noun makes a description: "a UNSC diplomat"
	if last := ts[end-1]; last.k == 'w' && !last.cap && !isPossessive(last) && !isParticle(ts, end-1, end) {
		return np{ok: true, s: ts[a].s, e: ts[b-1].e, kind: 'm', roleS: -1, roleE: -1}
	}
	// find person-name runs: capitalised words after the last title, role
	// word or possessive of their run
	bestS, bestE := -1, -1
	firstS, firstE := -1, -1
	i := a
	for i < end {
		if ts[i].k != 'w' || !ts[i].cap || determiners.has(ts[i].low) {
			i++
			continue
		}
		j := i
		for j < end && ts[j].k == 'w' && (ts[j].cap || isParticle(ts, j, end)) {
			j++
		}
		ns := i
		for x := i; x < j; x++ {
			if personTitles.has(ts[x].low) || orgHeads.has(ts[x].low) || isPossessive(ts[x]) || sentenceFunction.has(ts[x].low) && x == a {
				ns = x + 1
			}
		}
		if ns < j && !orgHeads.has(ts[j-1].low) && !isPossessive(ts[j-1]) {
			if firstS < 0 {
				firstS, firstE = ns, j
			}
			if j == end {
				bestS, bestE = ns, j
			}
		}
		i = j
	}
	if bestS < 0 {
		bestS, bestE = firstS, firstE
	}
	// an all-capitalised run ending in an organisation word is an organisation
	if bestS >= 0 {
		n = np{ok: true, s: ts[bestS].s, e: ts[bestE-1].e, kind: 'n', roleS: -1, roleE: -1}
		if bestS > a && hasRoleWord(ts[a:bestS]) {
			n.roleS, n.roleE = ts[a].s, ts[bestS-1].e
		}
		if bestE < b && end > bestE {
			// "Alex Wong of the State Department" : what follows is affiliation
			n.roleS, n.roleE = ts[bestE].s, ts[b-1].e
		}
		return n
	}
	hasCap, hasRole, hasDet := false, false, false
	for x := a; x < b; x++ {
		if ts[x].k != 'w' {
			continue
		}
		if ts[x].cap && !determiners.has(ts[x].low) {
			hasCap = true
		}
		if roleNouns.has(ts[x].low) || personTitles.has(ts[x].low) || orgHeads.has(ts[x].low) {
			hasRole = true
		}
		if determiners.has(ts[x].low) {
			hasDet = true
		}
	}
	switch {
	case hasCap:
		return np{ok: true, s: ts[a].s, e: ts[b-1].e, kind: 'o', roleS: -1, roleE: -1}
	case hasRole || (hasDet && b-a >= 2):
		return np{ok: true, s: ts[a].s, e: ts[b-1].e, kind: 'm', roleS: -1, roleE: -1}
	case b-a == 1 && loneSubjects.has(ts[a].low):
		return np{ok: true, s: ts[a].s, e: ts[b-1].e, kind: 'm', roleS: -1, roleE: -1}
	}
	return n
}

func hasRoleWord(ts []tok) bool {
	for _, t := range ts {
		if t.k == 'w' && !abbrev.has(strings.TrimSuffix(t.low, ".")) && !determiners.has(t.low) {
			return true
		}
	}
	return false
}

// isParticle: lower-case name particles between capitalised words
// ("Secretary of State", "Ludwig van Beethoven").
func isParticle(ts []tok, j, end int) bool {
	switch ts[j].low {
	case "of", "for", "de", "van", "von", "der", "bin", "al", "la", "le", "du", "da", "and":
		return j+1 < end && ts[j+1].k == 'w' && ts[j+1].cap && !determiners.has(ts[j+1].low)
	}
	return false
}

// npBack finds the subject noun phrase that ends just before ts[end].
func npBack(ts []tok, end int) np {
	i := end - 1
	for i >= 0 && ts[i].k == 'w' && (adverbs.has(ts[i].low) || strings.HasSuffix(ts[i].low, "ly") && len(ts[i].low) > 4) && !ts[i].cap {
		i--
	}
	if i < 0 {
		return noNP
	}
	t := ts[i]
	if t.k == 'w' && pronouns.has(t.low) {
		return classify(ts, i, i+1)
	}
	if t.k == 'w' && isPossessive(t) {
		return noNP // "Pyongyang’s repeated tests": a possessive is not a subject
	}
	if t.k == 'p' && t.w == "," {
		return npBackAppositive(ts, i)
	}
	lo := npBackStart(ts, i+1)
	if lo > i {
		return noNP
	}
	return classify(ts, lo, i+1)
}

// npBackStart walks back from ts[hi-1] over the words a subject noun phrase
// can hold, returning its first token index (hi if none).
func npBackStart(ts []tok, hi int) int {
	lo := hi
	safe := hi // start of the phrase without unconfirmed lower-case words
	pending := false
	for j := hi - 1; j >= 0 && hi-j <= 14; j-- {
		t := ts[j]
		if t.w == ")" {
			k := j
			for k >= 0 && ts[k].w != "(" && j-k < 8 {
				k--
			}
			if k >= 0 && ts[k].w == "(" {
				j = k
				lo = k
				if !pending {
					safe = k
				}
				continue
			}
			break
		}
		if t.k != 'w' {
			break
		}
		if determiners.has(t.low) {
			if t.low == "that" || t.low == "this" || t.low == "these" || t.low == "those" {
				// "said that": a complementiser, not a determiner, unless a noun follows
				if j+1 >= hi {
					break
				}
			}
			// "a narrator in the Clinton ad": a prepositional phrase after a head noun
			if j >= 2 && (ts[j-1].low == "in" || ts[j-1].low == "at" || ts[j-1].low == "of" || ts[j-1].low == "for" || ts[j-1].low == "from") &&
				ts[j-2].k == 'w' && (roleNouns.has(ts[j-2].low) || personTitles.has(ts[j-2].low) || ts[j-2].cap && !sentenceFunction.has(ts[j-2].low)) {
				if ts[j-2].cap {
					if k := npBackStart(ts, j-1); k < j-1 {
						return k
					}
				}
				if k := npBackStart(ts, j-1); k < j-1 && determiners.has(ts[k].low) {
					return k
				}
			}
			return j
		}
		if stopWords.has(t.low) && !t.cap {
			if isParticle(ts, j, hi) && j > 0 && ts[j-1].cap {
				lo = j
				continue
			}
			// "a spokesman for committee Democrats": a role noun with its complement
			if (t.low == "for" || t.low == "of" || t.low == "at" || t.low == "from" || t.low == "with") && j > 0 &&
				(roleNouns.has(ts[j-1].low) || personTitles.has(ts[j-1].low)) && !pending {
				if k := npBackStart(ts, j); k < j && (determiners.has(ts[k].low) || ts[k].cap) {
					return k
				}
			}
			break
		}
		if t.cap {
			if sentenceFunction.has(t.low) && !personTitles.has(t.low) {
				break
			}
			// a capitalised word confirms the lower-case words after it
			// ("former George W. Bush speechwriter Noam Neusner")
			lo, safe, pending = j, j, false
			continue
		}
		if cueOf(t.low) != cueNone && !roleNouns.has(t.low) {
			break
		}
		if personTitles.has(t.low) || roleNouns.has(t.low) || isPossessive(t) {
			lo, safe, pending = j, j, false
			continue
		}
		// an unknown lower-case word belongs to the phrase only if a
		// determiner or a capitalised word is found before it ("the new
		// sanctions expert", "Chinese foreign ministry spokesman")
		pending = true
		lo = j
	}
	if pending {
		// accept if the phrase begins with a capitalised word
		if lo < hi && ts[lo].cap {
			return lo
		}
		return safe
	}
	return lo
}

// npForward parses a noun phrase starting at ts[i] (after an inverted cue,
// "according to", or "by"). It returns the phrase and the index after it
// (after an appositive role if one follows).
func npForward(ts []tok, i int) (np, int) {
	if i >= len(ts) || ts[i].k != 'w' {
		return noNP, i
	}
	if pronouns.has(ts[i].low) {
		return classify(ts, i, i+1), i + 1
	}
	j := i
	det := false
	if determiners.has(ts[j].low) {
		det = true
		j++
	}
	seenCap := false
	for j < len(ts) && j-i < 14 {
		t := ts[j]
		if t.w == "(" {
			k := j
			for k < len(ts) && ts[k].w != ")" && k-j < 8 {
				k++
			}
			if k < len(ts) && ts[k].w == ")" {
				j = k + 1
				continue
			}
			break
		}
		if t.k != 'w' {
			break
		}
		if t.cap || personTitles.has(t.low) || roleNouns.has(t.low) || isPossessive(t) || isParticle(ts, j, len(ts)) {
			if t.cap && sentenceFunction.has(t.low) && !personTitles.has(t.low) && j > i {
				break
			}
			seenCap = seenCap || t.cap
			j++
			continue
		}
		if det && !stopWords.has(t.low) && cueOf(t.low) == cueNone && j-i < 5 {
			j++
			continue
		}
		// "retired Army Lt. Gen. X", "Idaho nutritional-supplement executive X":
		// lower-case modifiers count when a capitalised word soon follows
		verbish := strings.HasSuffix(t.low, "ed") || strings.HasSuffix(t.low, "s")
		if (!seenCap || !verbish) && !stopWords.has(t.low) && cueOf(t.low) == cueNone && !auxiliaries.has(t.low) && capSoon(ts, j+1, 3) {
			j++
			continue
		}
		break
	}
	if j == i || (det && j == i+1) {
		return noNP, i
	}
	n := classify(ts, i, j)
	if !n.ok {
		return n, i
	}
	// appositive role: ", a sanctions expert at the Center, "
	if j+1 < len(ts) && ts[j].w == "," && ts[j+1].k == 'w' && (!ts[j+1].cap || personTitles.has(ts[j+1].low)) &&
		!stopWords.has(ts[j+1].low) && (n.kind == 'n' || n.kind == 'o') {
		k := j + 1
		for k < len(ts) && ts[k].w != "," && ts[k].k != 'q' && ts[k].w != "." && ts[k].w != ";" && k-j < 25 {
			k++
		}
		if k > j+1 && k < len(ts) && (ts[k].w == "," || ts[k].w == ".") {
			n.roleS, n.roleE = ts[j+1].s, ts[k-1].e
			j = k
		}
	}
	return n, j
}

// validAfterInverted: an inverted subject ("said Lu") must be followed by
// the end of the clause, not a verb ("said China was ..." is reported speech).
func validAfterInverted(ts []tok, j int) bool {
	if j >= len(ts) {
		return true
	}
	t := ts[j]
	if t.k != 'w' {
		return true
	}
	switch t.low {
	case "in", "on", "at", "during", "after", "before", "while", "who", "which", "when", "as", "and",
		"referring", "adding", "speaking", "according", "told", "last", "this", "yesterday", "today", "of", "to", "from", "with":
		return true
	}
	return false
}

// attribAfter parses an attribution that follows a quotation:
// `, he said`, ` said Michael Hwang,`, ` Geng said.`, ` — Jane Doe`.
// interrupt is set for the text between two pieces of one quotation.
func (d *doc) attribAfter(s, e int, invertedOnly bool) attrib {
	return d.attribAfterP(s, e, invertedOnly, true)
}

// attribAfterP is attribAfter; anyVerb allows an unlisted verb to serve as
// the cue (`,” an angry Hollande retaliated.`), which is safe only after a
// quotation closing on a comma, question or exclamation mark.
func (d *doc) attribAfterP(s, e int, invertedOnly, anyVerb bool) attrib {
	if e-s > 400 {
		e = s + 400
	}
	ts := d.toks(s, e)
	i := 0
	for i < len(ts) && ts[i].k == 'p' && ts[i].w == "," {
		i++
	}
	if i >= len(ts) {
		return attrib{}
	}
	// dash attribution: `” — Jane Doe, farmer`
	if ts[i].k == 'd' || ts[i].w == "-" {
		n, j := npForward(ts, i+1)
		if n.ok && n.kind != 'p' && (j >= len(ts) || ts[j].k != 'w') {
			return attrib{ok: true, who: n, cue: ts[i].w, endPos: ts[j-1].e}
		}
		return attrib{}
	}
	if ts[i].k != 'w' {
		return attrib{}
	}
	// "according to X"
	if ts[i].low == "according" && i+1 < len(ts) && ts[i+1].low == "to" {
		n, j := npForward(ts, i+2)
		if n.ok {
			return attrib{ok: true, who: n, cue: "according to", endPos: ts[j-1].e}
		}
		return attrib{}
	}
	// inverted: `said Michael Hwang`
	if strings.HasSuffix(ts[i].low, "ing") {
		return attrib{} // ", adding that ...": a participle, not an attribution
	}
	if c := isCue(ts[i]); c == cueSpeech && cueInverted[ts[i].low] ||
		anyVerb && c == cueNone && !ts[i].cap && strings.HasSuffix(ts[i].low, "ed") && i+1 < len(ts) && ts[i+1].cap && !sentenceFunction.has(ts[i+1].low) {
		n, j := npForward(ts, i+1)
		if n.ok && validAfterInverted(ts, j) {
			return attrib{ok: true, who: n, cue: ts[i].w, endPos: ts[j-1].e}
		}
		return attrib{}
	}
	if invertedOnly {
		return attrib{}
	}
	// `Geng said`, `the diplomat said`, `Japan's Prime Minister Shinzo Abe told`
	for c := i + 1; c < len(ts) && c-i <= 40; c++ {
		t := ts[c]
		if t.k == 'q' || t.w == ";" || t.w == "?" || t.w == "!" {
			break
		}
		// a full stop after a capitalised word may close an abbreviation ("R-Ky.")
		if t.w == "." && !(ts[c-1].k == 'w' && ts[c-1].cap && c+1 < len(ts) && (ts[c+1].w == "," || ts[c+1].w == ")")) {
			break
		}
		if isCue(t) == cueNone && !(anyVerb && t.k == 'w' && !t.cap && (strings.HasSuffix(t.low, "ed") || strings.HasSuffix(t.low, "s")) &&
			!stopWords.has(t.low) && clauseEndAfter(ts, c)) {
			continue
		}
		if negated(ts, c) {
			return attrib{}
		}
		n := npBack(ts, c)
		if !n.ok || n.s != ts[i].s && (n.roleS < 0 || n.roleS != ts[i].s) {
			// the phrase before the cue must be the whole text after the quote
			if !n.ok || (c-i > 16 || !wholeNP(ts, i, n)) && !lateAttribution(ts, n, c) {
				return attrib{}
			}
		}
		return attrib{ok: true, who: n, cue: t.w, endPos: t.e}
	}
	return attrib{}
}

// wholeNP: the mention (with its role) covers the tokens from i on, so that
// the cue's subject really is what follows the quotation.
func wholeNP(ts []tok, i int, n np) bool {
	start := n.s
	if n.roleS >= 0 && n.roleS < start {
		start = n.roleS
	}
	if n.ps < start {
		start = n.ps
	}
	// up to three modifier words may precede ("panel Chairman Rep. X")
	extra := 0
	for _, t := range ts[i:] {
		if t.s >= start {
			return true
		}
		if t.k != 'w' || stopWords.has(t.low) || auxiliaries.has(t.low) || isCue(t) != cueNone || t.cap {
			return false
		}
		extra++
		if extra > 3 {
			return false
		}
	}
	return true
}

// attribBefore looks for the cue before position pos in the same sentence:
// `Lu said: “...”`, `said that Washington wants a “...”`, `according to X, ... “...”`.
func (d *doc) attribBefore(sentStart, pos int, partial bool) attrib {
	if pos-sentStart > 600 {
		sentStart = pos - 600
		for sentStart < pos && d.text[sentStart]&0xC0 == 0x80 {
			sentStart++
		}
	}
	ts := d.toks(sentStart, pos)
	// a cue outside any other quotation, nearest first
	inQuote := make([]bool, len(ts))
	open := false
	for i, t := range ts {
		if t.k == 'q' {
			open = !open
			continue
		}
		inQuote[i] = open
	}
	for c := len(ts) - 1; c >= 0; c-- {
		t := ts[c]
		if inQuote[c] || t.k != 'w' {
			continue
		}
		if t.low == "according" && c+1 < len(ts) && ts[c+1].low == "to" {
			if n, _ := npForward(ts, c+2); n.ok {
				return attrib{ok: true, who: n, cue: "according to", endPos: ts[c+1].e}
			}
			continue
		}
		cl := isCue(t)
		if cl == cueNone || (cl == cuePartial && !partial) || nounUse(ts, c) {
			continue
		}
		if negated(ts, c) {
			return attrib{}
		}
		// passive agent: "was urged by Secretary Blinken"
		if c+1 < len(ts) && ts[c+1].low == "by" {
			if n, _ := npForward(ts, c+2); n.ok {
				return attrib{ok: true, who: n, cue: t.w, endPos: t.e}
			}
		}
		var n np
		if strings.HasSuffix(t.low, "ing") && !participleSubject(ts, c) {
			// "Trump unleashed tweets early Friday saying ...": the subject
			// of the participle is the sentence's subject
			n = d.subjectOf(ts)
		} else {
			n = npBack(ts, c)
		}
		if !n.ok && c > 0 && ts[c-1].low == "to" {
			n = d.subjectOf(ts) // "The email goes on to say: ..."
		}
		if !n.ok {
			// coordinated verb: "X condemned the test, and said ..."
			j := c - 1
			for j >= 0 && ts[j].k == 'w' && adverbs.has(ts[j].low) {
				j--
			}
			if j >= 0 && (ts[j].low == "and" || ts[j].low == "but" || ts[j].w == ",") {
				n = d.subjectOf(ts)
			}
		}
		if !n.ok && cueInverted[t.low] {
			if m, j := npForward(ts, c+1); m.ok && validAfterInverted(ts, j) {
				n = m
			}
		}
		if !n.ok {
			n = relativeSubject(ts, c)
		}
		if n.ok {
			return attrib{ok: true, who: n, cue: t.w, endPos: t.e}
		}
		// this cue has no usable subject; an earlier one in the sentence may
	}
	return attrib{}
}

// relativeSubject: "Paul Okafor, who called it ...": the mention is the
// relative pronoun, the speaker its antecedent.
func relativeSubject(ts []tok, c int) np {
	j := c - 1
	for j >= 0 && ts[j].k == 'w' && adverbs.has(ts[j].low) && !ts[j].cap {
		j--
	}
	if j < 1 || (ts[j].low != "who" && ts[j].low != "which") {
		return noNP
	}
	k := j
	if ts[k-1].w == "," {
		k--
	}
	n := npBack(ts, k)
	if !n.ok || n.kind != 'n' && n.kind != 'o' {
		return noNP // "the penalties, which respond to ...": not a speaker
	}
	n.relS, n.relE = ts[j].s, ts[j].e
	return n
}

// subjectOf returns the grammatical subject of a sentence's tokens: the first
// noun phrase after any leading adverbial ("On Thursday, ...").
func (d *doc) subjectOf(ts []tok) np {
	i := 0
	for i < len(ts) && ts[i].k != 'w' {
		if ts[i].k == 'q' {
			return noNP
		}
		i++
	}
	if i >= len(ts) {
		return noNP
	}
	// a dateline is not a subject: "WASHINGTON (AP) — A spokesman said",
	// "NEW YORK, Feb 26 - The exchange said"
	if i < len(ts) && isAllCaps(ts[i].w) {
		k, inParens := i+1, false
		for k < len(ts) && k-i < 10 && datelineTok(ts[k], inParens) {
			if ts[k].k == 'd' || ts[k].w == "-" {
				i = k + 1
				break
			}
			switch ts[k].w {
			case "(":
				inParens = true
			case ")":
				inParens = false
			}
			k++
		}
	}
	// a headline in capitals names no subject: "SONY INCREASING PRODUCTION ABROAD"
	if capitalsOnly(ts[i:]) {
		return noNP
	}
	// skip leading adverbial chunks: "In a speech in Washington, D.C., on Tuesday, ..."
	for chunks := 0; i < len(ts) && chunks < 4; chunks++ {
		k := i
		for k < len(ts) && ts[k].w != "," && k-i < 30 {
			k++
		}
		lead := stopWords.has(ts[i].low) || (sentenceFunction.has(ts[i].low) && !determiners.has(ts[i].low) && !pronouns.has(ts[i].low)) ||
			strings.HasSuffix(ts[i].low, "ing") || strings.HasSuffix(ts[i].low, "ly") || strings.HasSuffix(ts[i].low, "ed") ||
			timeWords.has(ts[i].low) || (k-i <= 3 && k > i+1 && timeWords.has(ts[i+1].low))
		short := k < len(ts) && ts[k].w == "," && k-i <= 2 && chunks > 0
		if !lead && !short {
			break
		}
		if k >= len(ts) || ts[k].w != "," {
			return noNP
		}
		i = k + 1
	}
	if i >= len(ts) || ts[i].k != 'w' {
		return noNP
	}
	n, j := npForward(ts, i)
	if !n.ok {
		return noNP
	}
	if j < len(ts) && ts[j].k == 'w' && ts[j].cap {
		return noNP
	}
	// A lone capitalised word opening the sentence ("Pollsters", "Given")
	// is a name only if the text also capitalises it mid-sentence.
	if n.kind == 'n' && j == i+1 && i == 0 && !d.capitalisedMidSentence(ts[i].w) {
		n.kind = 'm'
	}
	return n
}

// capitalsOnly: at least two words, and no lower-case letter in any.
func capitalsOnly(ts []tok) bool {
	words := 0
	for _, t := range ts {
		if t.k != 'w' {
			continue
		}
		for i := 0; i < len(t.w); i++ {
			if c := t.w[i]; c >= 'a' && c <= 'z' {
				return false
			}
		}
		words++
	}
	return words >= 2
}

// datelineTok: what may follow the place of a dateline before its dash:
// more of the place, punctuation, a date ("Feb 26", "Sept. 3"), an agency
// in parentheses ("(Reuters)").
func datelineTok(t tok, inParens bool) bool {
	switch {
	case t.k != 'w', isAllCaps(t.w), inParens && t.cap:
		return true
	case t.w[0] >= '0' && t.w[0] <= '9':
		return len(t.w) <= 4 // a day or a year
	}
	return monthWords.has(strings.TrimSuffix(t.low, "."))
}

var monthWords = set("jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june",
	"jul", "july", "aug", "august", "sep", "sept", "september", "oct", "october", "nov", "november", "dec", "december")

func isAllCaps(w string) bool {
	if len(w) < 3 {
		return false
	}
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= 'a' && c <= 'z' {
			return false
		}
	}
	return w[0] >= 'A' && w[0] <= 'Z'
}

// capitalisedMidSentence: w occurs after a lower-case word somewhere, so its
// capital is a name's, not the sentence's.
func (d *doc) capitalisedMidSentence(w string) bool {
	t := d.text
	for from, seen := 0, 0; from < len(t) && seen < 64; seen++ {
		i := strings.Index(t[from:], w)
		if i < 0 {
			return false
		}
		i += from
		from = i + len(w)
		if !wordBoundary(t, i, i+len(w)) || i < 2 || t[i-1] != ' ' {
			continue
		}
		if c := t[i-2]; c >= 'a' && c <= 'z' || c == ',' {
			return true
		}
	}
	return false
}

// attributeGroup attributes one quotation and builds its Quote.
func (d *doc) attributeGroup(g *group, prevIdx int, prev *Quote) (Quote, bool) {
	t := d.text
	first := g.segs[0]
	last := g.segs[len(g.segs)-1]
	sent := d.sentAt(first.Start)
	para := d.paras[d.paraIndex(first.Start)].Span
	q := Quote{Start: first.Start, End: last.End, SpeakerStart: -1, SpeakerEnd: -1, Sentence: sent}
	if len(g.segs) > 1 {
		q.Segments = append([]segment.Span(nil), g.segs...)
	}
	direct := g.recovered || d.isDirect(first, last, sent, para)
	q.Kind = "partial"
	if direct {
		q.Kind = "direct"
	} else if d.isTitle(first, last) {
		return q, false
	}
	var at attrib
	if g.gap.Len() > 0 {
		at = g.gapAttr
	}
	lastPara := d.paras[d.paraIndex(last.End-1)].Span
	if !at.ok && g.closed {
		at = d.attribAfterP(last.End, lastPara.End, endsWithStop(t, last), endsLikeUtterance(t, last))
	}
	if !at.ok && g.closed {
		// `-Jane Doe, Ohio` on the line after the quotation
		if pi := d.paraIndex(last.End - 1); pi+1 < len(d.paras) && strings.TrimSpace(t[last.End:lastPara.End]) == "" {
			np := d.paras[pi+1].Span
			if r := firstRune(t[np.Start:np.End]); r == '-' || isDashRune(r) {
				at = d.attribAfter(np.Start, np.End, false)
			}
		}
	}
	if !at.ok && !g.recovered {
		ss := sent.Start
		if ss > first.Start {
			ss = para.Start
		}
		at = d.attribBefore(ss, first.Start, !direct)
		// `He said:` closing the paragraph before the quotation
		if !at.ok && direct && ss == para.Start {
			if pi := d.paraIndex(first.Start); pi > 0 {
				pp := d.paras[pi-1].Span
				if lastNonSpaceByte(t[pp.Start:pp.End]) == ':' {
					ps := d.sentAt(pp.End - 1)
					at = d.attribBefore(ps.Start, pp.End, false)
				}
			}
		}
	}
	if at.ok {
		d.fill(&q, at)
		return q, true
	}
	if g.recovered {
		return q, false
	}
	// continuation: nothing but white space since the previous quotation's sentence
	if prev != nil && direct && prev.Speaker != "" || prev != nil && direct && prev.SpeakerStart >= 0 {
		ps := d.sentAt(prev.End - 1)
		gapStart := ps.End
		if gapStart < prev.End {
			gapStart = prev.End
		}
		if gapStart <= q.Start && strings.TrimSpace(t[gapStart:q.Start]) == "" && q.Start-prev.End < 2000 {
			q.Speaker, q.SpeakerStart, q.SpeakerEnd = prev.Speaker, prev.SpeakerStart, prev.SpeakerEnd
			q.Mention, q.Role = prev.Mention, prev.Role
			return q, true
		}
	}
	if !g.closed {
		return q, false // an unclosed mark with no speaker is more likely stray than quoted
	}
	if direct {
		// no cue: the speaker is most likely the subject the writer just
		// introduced — of this sentence (`Obama has a message: “...”`) or
		// of the sentence before it in the paragraph
		if n := d.subjectBefore(sent, para, first.Start); n.ok {
			d.fill(&q, attrib{ok: true, who: n})
		} else if p := d.prevStatement(sent, para); p != nil {
			q.Speaker, q.SpeakerStart, q.SpeakerEnd, q.Mention, q.Role = p.Speaker, p.SpeakerStart, p.SpeakerEnd, p.Mention, p.Role
		}
		return q, true
	}
	// a partial quotation whose sentence has a named subject but no cue
	// ("Cruz exhorted Republicans to “vote your conscience”") is that
	// subject's words; with no such subject it is a scare quote or a title
	if sent.Start < first.Start && strings.Count(strings.TrimSpace(t[first.Start:last.End]), " ") >= 2 {
		if n := d.subjectOf(d.toks(sent.Start, first.Start)); n.ok && (n.kind == 'n' || n.kind == 'p') {
			d.fill(&q, attrib{ok: true, who: n})
			return q, true
		}
	}
	return q, false
}

// subjectBefore finds a speaker candidate for an unattributed quotation: the
// subject of its own sentence when the quotation does not start it, else the
// subject of the previous sentence of the same paragraph.
func (d *doc) subjectBefore(sent, para segment.Span, pos int) np {
	if sent.Start < pos {
		if n := d.subjectOf(d.toks(sent.Start, minInt(pos, runeStart(d.text, sent.Start+600)))); n.ok && n.kind != 'm' {
			return n
		}
	}
	k := d.sentIndex(sent.Start) - 1
	if k < 0 {
		return noNP
	}
	ps := d.sents[k]
	if ps.Start < para.Start {
		// "Sanders made the following comment:" closing the paragraph before
		if lastNonSpaceByte(d.text[ps.Start:ps.End]) == ':' {
			if n := d.subjectOf(d.toks(ps.Start, minInt(ps.End, runeStart(d.text, ps.Start+600)))); n.ok && n.kind != 'm' {
				return n
			}
		}
		return noNP
	}
	if len(d.out) > 0 && d.out[len(d.out)-1].Sentence == ps && d.out[len(d.out)-1].SpeakerStart >= 0 {
		return noNP // the previous sentence has an attribution: prevStatement takes it
	}
	ts := d.toks(ps.Start, minInt(ps.End, runeStart(d.text, ps.Start+600)))
	for _, x := range ts {
		if x.k == 'q' {
			return noNP // the previous sentence quotes someone: leave it to continuation
		}
	}
	if n := d.subjectOf(ts); n.ok && (n.kind == 'n' || n.kind == 'p') {
		return n
	}
	return noNP
}

// endsWithStop: the piece closes with `.”`, which ends the sentence, so only
// an inverted (`.” said X`) or dash attribution can follow it.
func endsWithStop(t string, s segment.Span) bool {
	return beforeClose(t, s) == '.'
}

// isDirect: the quotation is a full utterance rather than words embedded in
// the writer's sentence.
func (d *doc) isDirect(first, last segment.Span, sent, para segment.Span) bool {
	t := d.text
	ss := sent.Start
	if ss > first.Start {
		ss = para.Start
	}
	// only the last few words before the mark matter; bound the window so
	// a huge unpunctuated "sentence" stays linear
	if first.Start-ss > 400 {
		ss = runeStart(t, first.Start-400)
	}
	before := t[ss:first.Start]
	ts := d.toks(ss, first.Start)
	words := 0
	for _, x := range ts {
		if x.k == 'w' {
			words++
		}
	}
	if words == 0 {
		return true
	}
	// "Secondly, “the situation ...,” he added."
	if words <= 2 && lastNonSpaceByte(before) == ',' && endsWithComma(t, last) {
		return true
	}
	// "But “Donald Trump’s candidacy is strengthened ...”": a sentence
	// adverb or conjunction before a full quoted sentence
	if words <= 2 && startsUpper(t[first.Start:first.End]) {
		lead := true
		for _, x := range ts {
			if x.k == 'w' && !sentenceFunction.has(x.low) && !adverbs.has(x.low) {
				lead = false
			}
		}
		if lead {
			return true
		}
	}
	lb := lastNonSpaceByte(before)
	if lb == ':' {
		return true
	}
	if lb == ',' && len(ts) >= 2 {
		// `he said, “...”`
		for k := len(ts) - 2; k >= 0 && k >= len(ts)-5; k-- {
			if isCue(ts[k]) == cueSpeech {
				return true
			}
		}
	}
	if len(ts) >= 1 && isCue(ts[len(ts)-1]) == cueSpeech && startsUpper(t[first.Start:first.End]) {
		return true
	}
	return false
}

// fill sets the speaker fields of q from an attribution.
func (d *doc) fill(q *Quote, at attrib) {
	n := at.who
	q.Cue = at.cue
	q.SpeakerStart, q.SpeakerEnd = n.s, n.e
	if n.relE > n.relS {
		q.SpeakerStart, q.SpeakerEnd = n.relS, n.relE
	}
	// hard-wrapped wire copy puts line breaks inside names
	q.Mention = squash(d.text[q.SpeakerStart:q.SpeakerEnd])
	if n.roleS >= 0 && n.roleE > n.roleS {
		q.Role = squash(d.text[n.roleS:n.roleE])
	}
	q.Speaker = squash(d.resolve(n))
	if q.Speaker != "" {
		d.hist = append(d.hist, histEntry{pos: n.s, name: q.Speaker, person: n.kind == 'n' || n.kind == 'p' && isPersonPronoun(d.text[n.s:n.e])})
	}
}

func isPersonPronoun(w string) bool {
	w = strings.ToLower(w)
	return w == "he" || w == "she"
}

// indirect reads reported speech in a sentence without quote marks:
// `Lu Kang said Beijing was opposed ...` or `Beijing is opposed, Lu said.`
func (d *doc) indirect(k int) (Quote, bool) {
	s := d.sents[k]
	// its own buffer, not a copy: this runs for most sentences of wire copy.
	// Reported speech sits in ordinary sentences; a giant unpunctuated one is
	// read only in part, which keeps the cost linear.
	end := s.End
	if end-s.Start > 3000 {
		end = runeStart(d.text, s.Start+3000)
	}
	d.ibuf = tokenize(d.text, s.Start, end, d.ibuf[:0], &d.la)
	ts := d.ibuf
	for c := 0; c < len(ts); c++ {
		t := ts[c]
		var at attrib
		clauseS, clauseE := -1, -1
		if t.k == 'w' && t.low == "according" && c+1 < len(ts) && ts[c+1].low == "to" {
			n, j := npForward(ts, c+2)
			if !n.ok {
				continue
			}
			at = attrib{ok: true, who: n, cue: "according to"}
			if c == 0 && j < len(ts) && ts[j].w == "," {
				clauseS, clauseE = j+1, len(ts)
			} else if c > 0 && ts[c-1].w == "," {
				clauseS, clauseE = 0, c-1
			} else {
				continue
			}
		} else {
			if isCue(t) != cueSpeech || negated(ts, c) || nounUse(ts, c) {
				continue
			}
			// "..., said Joseph Arsenio, analyst with X." closing the sentence
			if c >= 3 && ts[c-1].w == "," && cueInverted[t.low] {
				if n, j := npForward(ts, c+1); n.ok && n.kind != 'm' && (j >= len(ts) || ts[j].w == "." || ts[j].w == ",") {
					q := Quote{Start: ts[0].s, End: ts[c-2].e, Kind: "indirect", SpeakerStart: -1, SpeakerEnd: -1, Sentence: s}
					d.fill(&q, attrib{ok: true, who: n, cue: t.w})
					return q, true
				}
			}
			var n np
			if strings.HasSuffix(t.low, "ing") && !participleSubject(ts, c) {
				n = d.subjectOf(ts[:c]) // "..., saying ...": the main clause's subject
			} else {
				n = npBack(ts, c)
			}
			if !n.ok || n.kind == 'm' && !hasDetOrRole(d.text[n.s:n.e]) {
				continue
			}
			at = attrib{ok: true, who: n, cue: t.w}
			subjStart := n.s
			if n.roleS >= 0 && n.roleS < subjStart {
				subjStart = n.roleS
			}
			// `..., Lu said.`: the clause is what precedes the subject
			if c+1 >= len(ts) || ts[c+1].w == "." || (c+1 < len(ts) && validAfterInverted(ts, c+1) && endClauseSoon(ts, c+1)) {
				j := 0
				for j < len(ts) && ts[j].s < subjStart {
					j++
				}
				if j >= 2 && ts[j-1].w == "," {
					clauseS, clauseE = 0, j-1
				}
			} else {
				j := c + 1
				if t.low == "told" || t.low == "tells" || t.low == "tell" || t.low == "telling" {
					// skip the addressee: "told reporters that"
					for j < len(ts) && ts[j].low != "that" && j-c < 6 {
						j++
					}
					if j >= len(ts) || ts[j].low != "that" {
						continue
					}
				}
				// skip "on Friday", "in a statement" before "that"
				for x := j; x < len(ts) && x-j < 6; x++ {
					if ts[x].low == "that" {
						j = x
						break
					}
					if ts[x].k != 'w' {
						break
					}
				}
				if j < len(ts) && ts[j].low == "that" {
					j++
				} else if !bareClauseCues.has(t.low) || j >= len(ts) || !clauseStart(ts[j]) {
					continue
				}
				if j < len(ts) && ts[j].w == "," {
					continue
				}
				clauseS, clauseE = j, len(ts)
			}
		}
		if clauseS < 0 || clauseE-clauseS < 3 {
			continue
		}
		// subject must start the clause for `X said ...`; trim final punctuation
		for clauseE > clauseS && ts[clauseE-1].k != 'w' && ts[clauseE-1].w != ")" {
			clauseE--
		}
		if clauseE-clauseS < 3 {
			continue
		}
		q := Quote{Start: ts[clauseS].s, End: ts[clauseE-1].e, Kind: "indirect", SpeakerStart: -1, SpeakerEnd: -1, Sentence: s}
		d.fill(&q, at)
		return q, true
	}
	return Quote{}, false
}

func endClauseSoon(ts []tok, j int) bool {
	for x := j; x < len(ts); x++ {
		if ts[x].low == "that" || isCue(ts[x]) != cueNone {
			return false
		}
		if ts[x].w == "," {
			return false
		}
	}
	return len(ts)-j <= 8
}

func hasDetOrRole(s string) bool {
	for w := range strings.FieldsSeq(strings.ToLower(s)) {
		if determiners.has(w) || roleNouns.has(w) {
			return true
		}
	}
	return false
}

// clauseStart: a reported clause without "that" begins with its subject.
func clauseStart(t tok) bool {
	if t.k != 'w' {
		return false
	}
	if t.cap || pronouns.has(t.low) || t.low[0] >= '0' && t.low[0] <= '9' {
		return !stopWords.has(t.low) || pronouns.has(t.low)
	}
	return determiners.has(t.low) && t.low != "that" && t.low != "no"
}

// npBackAppositive handles a subject ending in a comma before the cue:
// "Wang Sheng, a professor at X, said", "The US envoy to the UN, Samantha
// Power, said", "Scott Pruitt, the attorney general of Oklahoma, one of the
// states suing, said". Chunks are walked back (at most four); the speaker is
// the name chunk, the others its role.
func npBackAppositive(ts []tok, i int) np {
	type chunk struct{ a, b int }
	var chunks []chunk // nearest first
	hi := i
	for len(chunks) < 4 {
		k := hi - 1
		for k >= 0 && hi-k < 25 && ts[k].w != "," && ts[k].k != 'q' && ts[k].w != ";" {
			k--
		}
		if k < 0 || ts[k].w != "," {
			break
		}
		if k+1 >= hi {
			return noNP
		}
		for x := k + 1; x < hi; x++ {
			if auxiliaries.has(ts[x].low) || isCue(ts[x]) != cueNone {
				return noNP // a clause, not an appositive
			}
		}
		chunks = append(chunks, chunk{k + 1, hi})
		hi = k
		// stop once the chunk before the comma can start the subject
		lo := npBackStart(ts, hi)
		if lo < hi {
			a1 := classify(ts, lo, hi)
			objOfPrep := lo > 0 && ts[lo-1].k == 'w' && prepositions.has(ts[lo-1].low)
			if a1.ok && !objOfPrep && (a1.kind == 'n' || lo == 0 || ts[lo-1].k != 'w') {
				chunks = append(chunks, chunk{lo, hi})
				break
			}
			if a1.ok && objOfPrep {
				rs := lo
				for rs > 0 && ts[rs-1].k == 'w' && rs > lo-8 {
					rs--
				}
				chunks = append(chunks, chunk{rs, hi})
				break
			}
		}
	}
	if len(chunks) < 2 {
		return noNP
	}
	first := chunks[len(chunks)-1]
	// the leftmost name chunk speaks
	for x := len(chunks) - 1; x >= 0; x-- {
		c := chunks[x]
		n := classify(ts, c.a, c.b)
		if !n.ok || n.kind != 'n' {
			continue
		}
		if n.e != ts[c.b-1].e {
			continue // a name inside a role phrase ("director at Georgetown University")
		}
		if k := tokAt(ts, n.s); k > c.a && (prepositions.has(ts[k-1].low) || determiners.has(ts[k-1].low)) {
			continue // "the envoy to the UN": the name is an object, not the head
		}
		n.ps = ts[first.a].s
		if x == len(chunks)-1 {
			n.roleS, n.roleE = ts[chunks[x-1].a].s, ts[chunks[0].b-1].e
		} else {
			n.roleS, n.roleE = ts[first.a].s, ts[first.b-1].e
		}
		return n
	}
	n := classify(ts, first.a, first.b)
	if n.ok {
		n.roleS, n.roleE = ts[chunks[len(chunks)-2].a].s, ts[chunks[0].b-1].e
	}
	return n
}

// participleSubject: an -ing cue with its own subject right before it
// ("with Ban Ki Moon warning that", "he is saying"), not a participle
// hanging off the main clause (", saying ...").
func participleSubject(ts []tok, c int) bool {
	j := c - 1
	for j >= 0 && ts[j].k == 'w' && (adverbs.has(ts[j].low) || auxiliaries.has(ts[j].low)) && !ts[j].cap {
		j--
	}
	if j < 0 || ts[j].k != 'w' {
		return false
	}
	if j < c-1 && auxiliaries.has(ts[j+1].low) {
		return true // "Trump is saying"
	}
	if pronouns.has(ts[j].low) {
		return true
	}
	if !ts[j].cap || timeWords.has(ts[j].low) {
		return false
	}
	// "with Ban Ki Moon warning" has its own subject; "on Facebook writing"
	// has an object before the participle
	lo := npBackStart(ts, j+1)
	return lo == 0 || ts[lo-1].w == "," || ts[lo-1].low == "with" || ts[lo-1].low == "and"
}

// isTitle: a quoted name of a show, book or publication ("on “Face the
// Nation”", "CNN's “State of the Union”"): every word capitalised, after a
// word that introduces titles.
func (d *doc) isTitle(first, last segment.Span) bool {
	if last.End-first.Start > 200 {
		return false // titles are short
	}
	ts := d.toks(first.Start, last.End)
	words := 0
	for _, t := range ts {
		if t.k != 'w' {
			continue
		}
		words++
		if !t.cap && !isParticle(ts, 0, 0) && t.low != "of" && t.low != "the" && t.low != "and" && t.low != "a" && t.low != "in" && t.low != "on" {
			return false
		}
	}
	if words == 0 {
		return false
	}
	lo := first.Start - 40
	if lo < 0 {
		lo = 0
	}
	for lo < first.Start && d.text[lo]&0xC0 == 0x80 {
		lo++
	}
	bt := d.toks(lo, first.Start)
	if len(bt) == 0 {
		return false
	}
	p := bt[len(bt)-1]
	if p.k != 'w' {
		return false
	}
	switch p.low {
	case "on", "in", "of", "called", "titled", "entitled", "named", "dubbed", "show", "program", "programme",
		"book", "film", "movie", "song", "newspaper", "magazine", "column", "series", "album", "website":
		return true
	}
	return isPossessive(p)
}

// lateAttribution: `“...” for criminal behavior, she said.` — a short
// subject after a comma, with the cue closing the sentence.
func lateAttribution(ts []tok, n np, c int) bool {
	k := 0
	for k < len(ts) && ts[k].s < n.ps {
		k++
	}
	if k == 0 || ts[k-1].w != "," {
		return false
	}
	// only adverbials may follow the cue before the sentence ends
	for j := c + 1; j < len(ts) && j <= c+8; j++ {
		t := ts[j]
		if t.w == "." || t.k == 'q' {
			return true
		}
		if t.k != 'w' || isCue(t) != cueNone || auxiliaries.has(t.low) || t.low == "that" {
			return false
		}
	}
	return c+1 >= len(ts)
}

// prevStatement: the quotation directly follows a sentence of the same
// paragraph that reports someone's words ("..., Schiff said. “...”").
func (d *doc) prevStatement(sent, para segment.Span) *Quote {
	k := d.sentIndex(sent.Start) - 1
	if k < 0 || len(d.out) == 0 {
		return nil
	}
	ps := d.sents[k]
	if ps.Start < para.Start {
		return nil
	}
	q := &d.out[len(d.out)-1]
	if q.Sentence == ps && q.SpeakerStart >= 0 {
		return q
	}
	return nil
}

// tokAt returns the index of the token starting at byte offset off.
func tokAt(ts []tok, off int) int {
	for i, t := range ts {
		if t.s >= off {
			return i
		}
	}
	return len(ts)
}

// capSoon: a capitalised word (not a sentence-function word) within n
// tokens from i, with only words between.
func capSoon(ts []tok, i, n int) bool {
	for k := i; k < len(ts) && k < i+n; k++ {
		if ts[k].k != 'w' || stopWords.has(ts[k].low) {
			return false
		}
		if ts[k].cap && !sentenceFunction.has(ts[k].low) {
			return true
		}
	}
	return false
}

// clauseEndAfter: the verb at c closes its clause (`,” an angry Hollande
// retaliated.`), the shape of an attribution whatever the verb.
func clauseEndAfter(ts []tok, c int) bool {
	return c+1 >= len(ts) || ts[c+1].w == "." || ts[c+1].w == "," || ts[c+1].k == 'q' || ts[c+1].low == "and"
}

// squash collapses runs of white space to one space, allocating only when
// there is something to change.
func squash(s string) string {
	s = strings.TrimSpace(s)
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '\n' || c == '\t' || c == '\r' || c == ' ' && i+1 < len(s) && s[i+1] == ' ' {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// endsLikeUtterance: the quotation closes on `,` `?` `!` or a dash inside its
// mark, the sign of a full utterance followed by its attribution.
func endsLikeUtterance(t string, s segment.Span) bool {
	i := s.End
	_, n := utf8.DecodeLastRuneInString(t[s.Start:i])
	i -= n
	r, _ := utf8.DecodeLastRuneInString(t[s.Start:i])
	return r == ',' || r == '?' || r == '!' || isDashRune(r)
}

func minInt(a, b int) int {
	if a < b {
		return a
	}
	return b
}

// runeStart moves i back to the start of the UTF-8 sequence holding it
// (and clamps it to the text).
func runeStart(t string, i int) int {
	if i >= len(t) {
		return len(t)
	}
	if i < 0 {
		return 0
	}
	for i > 0 && t[i]&0xC0 == 0x80 {
		i--
	}
	return i
}
