package rules

import (
	"fmt"
	"slices"
	"strings"
)

// Scope: where a match is not a violation. An agent who writes «гарантировать одобрение
// мы не можем», quotes the customer («вам „гарантировали одобрение“») or reports what the
// customer was told («пишете, что вам гарантировали…») names the forbidden thing in order
// to refuse it. The engine knows these three contexts for every pack; a rule picks which
// of them clear its hits with "scope", and tunes the rest with exceptions and unless_*.

// Scope contexts, as a rule's "scope" lists them.
const (
	ScopeNegation = "negation" // «не гарантируем», «гарантировать не можем», «… — не наш путь»
	ScopeQuote    = "quote"    // inside quotation marks: the customer's words, a name
	ScopeReport   = "report"   // reported speech: «пишете, что…», «якобы…», «по вашим словам…»
)

const (
	scopeNegation uint8 = 1 << iota
	scopeQuote
	scopeReport
	// scopeOwnNegation marks a rule some of whose patterns hold a negation of their own
	// («не под запись» beside «неофициально»): negation clears its other hits, never a hit
	// that carries the rule's own «не».
	scopeOwnNegation
	// scopeNegationAdjacent narrows negation to a «не» right before the hit («не
	// сомневаюсь»), for rules about attitude whose other patterns negate.
	scopeNegationAdjacent
)

var scopeNames = []string{ScopeNegation, ScopeQuote, ScopeReport}

// wordingCategories are about how a thing is said, not what: «андеррайтер ещё не ответил»
// is jargon negated or not, so negation does not clear their hits by default.
var wordingCategories = []string{"apology", "bureaucratese", "cliche", "cold-script", "filler", "formality",
	"humor", "jargon", "negation", "slang", "style", "tone", "typo", "uncertainty"}

// attitudeCategories are about how the agent treats the customer. A rule of theirs that
// names a negation of its own («не спорьте», «не до вас») is about the tone of the whole
// clause, so a «не» near its other hits does not take them back either («вообще-то мы не
// обязаны», «успокойтесь — мы не…»); only a «не» right before one does («не сомневаюсь»).
var attitudeCategories = []string{"argue", "competence", "criticism", "dismissal", "disrespect", "empathy",
	"informing", "mood", "respect"}

// compileScope turns a rule's scope list into bits. A rule without the field gets its
// kind's default: quote and report for sequence and count rules, and negation too unless
// the category is about wording or every pattern holds a negation of its own (as «не
// знаю» does; when only some do, negation clears the hits that carry none, unless the
// category is about attitude); none for
// regex rules, which watch marks and symbols, and for personal data, which is personal
// whoever wrote it.
func compileScope(sp *Spec, patterns []*Pattern, at string) (uint8, []Problem) {
	if sp.Scope == nil {
		switch sp.Kind {
		case "sequence", "count":
			bits := scopeQuote | scopeReport
			if slices.Contains(wordingCategories, sp.Category) {
				return bits, nil
			}
			switch n := negatingPatterns(patterns); {
			case n == 0:
				bits |= scopeNegation
			case n < len(patterns):
				bits |= scopeNegation | scopeOwnNegation
				if slices.Contains(attitudeCategories, sp.Category) {
					bits |= scopeNegationAdjacent
				}
			}
			return bits, nil
		}
		return 0, nil
	}
	var bits uint8
	var probs []Problem
	for i, s := range sp.Scope {
		j := slices.Index(scopeNames, s)
		if j < 0 {
			probs = append(probs, Problem{Path: fmt.Sprintf("%s.scope[%d]", at, i), Problem: fmt.Sprintf("unknown context %q (%s)", s, strings.Join(scopeNames, ", "))})
			continue
		}
		bits |= 1 << j
	}
	// A rule that asks for negation by name and has patterns holding their own «не»
	// («а не как готовое изделие», «проверять не будем») must not have those hits taken
	// back by the very «не» they were written with: the same protection the default gives.
	// Only a negation proper counts here: a rule that names «без …» in its patterns and
	// asks for negation wants «не работаем без документов» cleared.
	if bits&scopeNegation != 0 && slices.ContainsFunc(patterns, holdsNegator) {
		bits |= scopeOwnNegation
	}
	return bits, probs
}

// negatingPatterns counts the patterns that hold a negation word: a rule all of whose
// patterns do is about the negation («нет», «не знаю», «никаких проблем»), which must not
// clear it.
func negatingPatterns(ps []*Pattern) int {
	n := 0
	for _, p := range ps {
		if negatesItself(p) {
			n++
		}
	}
	return n
}

// holdsNegator reports whether a pattern holds a negation word proper (не, ни, нет…),
// not only a refusal such as «без».
func holdsNegator(p *Pattern) bool {
	for _, e := range p.elems {
		found := false
		e.eachWord(func(w string) { found = found || negators[w] })
		if found {
			return true
		}
	}
	return false
}

// negatesItself reports whether a pattern holds a negation or refusal word.
func negatesItself(p *Pattern) bool {
	for _, e := range p.elems {
		found := false
		e.eachWord(func(w string) { found = found || negators[w] || refusalsBefore[w] })
		if found {
			return true
		}
	}
	return false
}

// carriesNegation reports whether a word of tokens [i, j) is a negation or a refusal.
func (t *Text) carriesNegation(i, j int) bool {
	for k := i; k < j; k++ {
		if w := t.word(k); negators[w] || refusalsBefore[w] {
			return true
		}
	}
	return false
}

// negators deny what stands next to them in the clause.
var negators = map[string]bool{
	"не": true, "ни": true, "нет": true, "нельзя": true, "невозможно": true, "никогда": true,
	"никто": true, "ничего": true, "никак": true, "нигде": true,
}

// refusalsBefore refuse a practice named right after them: «без серых схем», «никаких
// обещаний», «против работы в серую», «отказались от…».
var refusalsBefore = map[string]bool{
	"без": true, "против": true, "никаких": true, "никакой": true, "никакого": true, "никакие": true,
	"никакую": true, "никаким": true, "отказываемся": true, "отказались": true, "избегаем": true,
	"запрещаем": true, "исключаем": true,
}

// refusalsAfter refuse a practice named before them: «… — не наш путь», «… запрещены».
var refusalsAfter = []string{"запрещен", "недопустим", "исключен", "незаконн", "противозаконн", "неприемлем"}

// notDenial are words after «не» that make a degree, not a denial: «не позднее пятницы».
var notDenial = map[string]bool{
	"позднее": true, "позже": true, "раньше": true, "ранее": true, "более": true, "менее": true,
	"больше": true, "меньше": true, "только": true, "хуже": true, "дольше": true, "считая": true,
}

// reportVerbs introduce what someone else said, wrote or asked.
var reportVerbs = map[string]bool{
	"пишете": true, "писали": true, "написали": true, "говорите": true, "говорили": true, "сказали": true,
	"утверждаете": true, "утверждали": true, "спрашиваете": true, "спрашивали": true, "уточняете": true,
	"интересуетесь": true, "упоминаете": true, "упомянули": true, "жалуетесь": true, "сообщаете": true,
	"сообщили": true, "указали": true, "указываете": true, "слышали": true, "обещали": true, "уверяли": true,
	"заверили": true, "заверяли": true, "предлагали": true, "просите": true, "просили": true, "хотите": true,
	"пишут": true, "говорят": true, "сказал": true, "сказала": true, "говорил": true, "говорила": true,
	"обещал": true, "обещала": true, "написал": true, "написала": true, "считаете": true, "думаете": true,
	"читали": true, "прочитали": true, "спросили": true,
}

// askVerbs report a request or a question with what was asked right after them: «вы
// просили гарантировать…», «спрашиваете про серую схему».
var askVerbs = map[string]bool{
	"просили": true, "просите": true, "просил": true, "просила": true, "спрашиваете": true, "спрашивали": true,
	"требуете": true, "требовали": true, "предлагаете": true, "предлагали": true,
	"просят": true, "спрашивают": true, "требуют": true,
}

// reportLinks join a report verb to what was reported; «якобы» and «мол» report alone.
var reportLinks = map[string]bool{"что": true, "будто": true, "якобы": true, "мол": true, "ли": true, "чтобы": true}

// inScope reports whether hit s stands in one of the contexts bits names.
func (t *Text) inScope(s span, bits uint8) bool {
	i := t.tokensEndingBy(s.a)
	j := t.tokensStartingBefore(s.b)
	if i >= j {
		return false // no word in the hit (a run of marks): nothing to judge
	}
	return bits&scopeQuote != 0 && t.quoted(i, j) ||
		bits&scopeNegation != 0 && (bits&scopeOwnNegation == 0 || !t.carriesNegation(i, j)) &&
			(bits&scopeNegationAdjacent != 0 && t.negatedRightBefore(i) ||
				bits&scopeNegationAdjacent == 0 && (t.negatedBefore(i) || t.negatedWithin(i, j) || t.negatedAfter(j))) ||
		bits&scopeReport != 0 && t.reported(i)
}

func (t *Text) quoted(i, j int) bool {
	for k := i; k < j; k++ {
		if !t.tokens[k].quoted {
			return false
		}
	}
	return true
}

// negatedBefore looks up to three words back, within the clause (quotation marks do not
// end it: «не используем „серые схемы“»), for a negation or a refusal.
func (t *Text) negatedBefore(i int) bool {
	for k, n := i-1, 0; k >= 0 && n < 3; k, n = k-1, n+1 {
		if sep := t.tokens[k+1].sep; sep != 0 && sep != '"' {
			return false
		}
		w := t.word(k)
		if negators[w] || refusalsBefore[w] && n < 2 {
			return true
		}
	}
	return false
}

// negatedRightBefore reports whether the word right before token i, in the same clause,
// is «не»: «не сомневаюсь».
func (t *Text) negatedRightBefore(i int) bool {
	return i > 0 && t.tokens[i].sep == 0 && t.word(i-1) == "не"
}

// negatedWithin finds a denial among the words of the hit itself, which a bag or a gap
// lets in: «Одобрение мы не гарантируем».
func (t *Text) negatedWithin(i, j int) bool {
	for k := i + 1; k < j-1; k++ {
		if negators[t.word(k)] && t.denies(k) {
			return true
		}
	}
	return false
}

// negatedAfter looks up to four words on, within the clause or past a dash, a quotation
// mark (a dash opens a verdict: «… — не наш путь») or an aside («гарантий, к сожалению,
// нет»), for a denial or a refusal.
func (t *Text) negatedAfter(j int) bool {
	reach := 4
	if j < len(t.tokens) && t.tokens[j].sep == '-' {
		reach = 8 // a verdict after a dash: «серые схемы — это путь к штрафам, мы так не работаем»
	}
	for k, n := j, 0; k < len(t.tokens) && n < reach; k, n = k+1, n+1 {
		switch sep := t.tokens[k].sep; {
		case sep == '.':
			return false
		case reach > 4 && k > j:
			// inside a verdict, commas do not stop the search
		case sep == ',' || sep == '(':
			m := t.introAsideEnd(k) // «гарантий, к сожалению, нет»
			if m == 0 {
				// «Дробить партию, чтобы уйти от пошлины, не предлагаем»: a purpose or «как»
				// clause passed over, or the hit inside one, then a refusal in the first person.
				if sep == ',' && n == 0 {
					if m := t.subordinateEnd(k); m > 0 && t.firstPersonRefusal(m) {
						return true
					}
					if t.inSubordinate(j) && t.firstPersonRefusal(k) {
						return true
					}
				}
				return false
			}
			k = m
		case sep != 0 && sep != '"' && sep != '-':
			return false
		}
		w := t.word(k)
		if negators[w] && t.denies(k) {
			return true
		}
		for _, r := range refusalsAfter {
			if strings.HasPrefix(w, r) {
				return true
			}
		}
	}
	return false
}

// denies reports whether the negation at token k denies: not a degree («не позднее
// пятницы») nor a reassurance («не переживайте», «не сомневайтесь»: an imperative).
func (t *Text) denies(k int) bool {
	if k+1 >= len(t.tokens) || t.tokens[k+1].sep != 0 {
		return true
	}
	next := t.word(k + 1)
	if notDenial[next] {
		return false
	}
	if m := currentMorphology(); m != nil && reads(m, next, "VERB", "impr", "excl") {
		return false
	}
	return true
}

// reported reports whether token i stands in reported speech: after «якобы», «мол», «по
// вашим словам» or a report verb with its link (пишете, что…; спрашиваете, можно ли…),
// in the same sentence and with no dash or semicolon between.
func (t *Text) reported(i int) bool {
	for k := i - 1; k >= 0; k-- {
		if sep := t.tokens[k+1].sep; sep == '.' || sep == '-' || sep == ';' {
			return false
		}
		w := t.word(k)
		switch {
		case w == "якобы" || w == "мол":
			return true
		case w == "словам" && k >= 2 && t.word(k-1) == "вашим" && t.word(k-2) == "по",
			w == "слов" && k >= 2 && t.word(k-1) == "ваших" && t.word(k-2) == "с":
			return true
		case reportVerbs[w] && k >= 2 && t.word(k-1) == "вы" && t.word(k-2) == "как":
			return true // «как вы пишете»
		case askVerbs[w] && k >= i-3 && t.tokens[k+1].sep == 0:
			return true // «вы просили гарантировать одобрение»
		case reportLinks[w]:
			for v := k - 1; v >= 0 && v >= k-3; v-- {
				if reportVerbs[t.word(v)] {
					return true
				}
				if sep := t.tokens[v+1].sep; sep == '.' || sep == '-' || sep == ';' {
					break
				}
			}
		}
	}
	return false
}

// introAsides are the parenthetical words a denial may stand behind: «гарантий, к
// сожалению, нет». Any other stretch between commas is a clause of its own, whose «не»
// denies something else: «заявим другой код, там ставка ноль, никто не проверит».
var introAsides = map[string]bool{
	"к сожалению": true, "увы": true, "конечно": true, "разумеется": true, "естественно": true,
	"безусловно": true, "честно": true, "честно говоря": true, "откровенно говоря": true,
	"к несчастью": true, "как правило": true, "как видите": true, "как вы знаете": true,
	"как вы понимаете": true, "поверьте": true, "простите": true, "извините": true,
	"видимо": true, "похоже": true, "понятно": true, "впрочем": true, "однако": true,
	"тем не менее": true, "все же": true, "все-таки": true, "к сожалению уже": true,
	"в любом случае": true, "в этом случае": true, "в таком случае": true, "пока": true,
	"сейчас": true, "сегодня": true, "по закону": true, "по правилам": true, "по договору": true,
	"по условиям": true, "по условиям полиса": true, "по условиям договора": true,
}

// introAsideEnd returns the token after a parenthetical aside that opens at token k (a
// comma or bracket before it), or 0 when the stretch is neither one of introAsides nor a
// relative clause.
func (t *Text) introAsideEnd(k int) int {
	m := t.asideEnd(k, k)
	if m == 0 {
		return 0
	}
	var b strings.Builder
	for x := k; x < m; x++ {
		if x > k {
			b.WriteByte(' ')
		}
		b.WriteString(t.word(x))
	}
	if !introAsides[b.String()] && !relativeClause(t.word(k), t.word(min(k+1, m-1))) {
		return 0
	}
	return m
}

// relativeClause reports whether an aside opening with words w1, w2 is a relative or a
// «как вы…» clause, which describes the thing named rather than saying something new:
// «серые схемы, которые вы упомянули, мы не используем».
func relativeClause(w1, w2 string) bool {
	return strings.HasPrefix(w1, "котор") || strings.HasPrefix(w2, "котор") && governs[w1] != nil ||
		w1 == "как" && (w2 == "вы" || w2 == "вам" || w2 == "и")
}

// subordinateOpener reports whether the clause at token k opens with «чтобы» or with «как»
// and an infinitive: it names what the main clause is about, as a relative clause does.
func (t *Text) subordinateOpener(k int) bool {
	w := t.word(k)
	return w == "чтобы" || w == "чтоб" ||
		w == "как" && k+1 < len(t.tokens) && t.tokens[k+1].sep == 0 && infinitive(t.word(k+1))
}

// subordinateEnd returns the token after a «чтобы» or «как» clause that opens at token k
// and is closed by a comma within ten words in the same sentence, or 0.
func (t *Text) subordinateEnd(k int) int {
	if !t.subordinateOpener(k) {
		return 0
	}
	for m := k + 1; m <= k+10 && m < len(t.tokens); m++ {
		if sep := t.tokens[m].sep; sep == ',' {
			return m
		} else if sep != 0 && sep != '"' {
			return 0
		}
	}
	return 0
}

// inSubordinate reports whether the clause that ends at token j (the hit's end) opened
// with «чтобы» or «как» and an infinitive: «Советов, как обойти санкции, не даём».
func (t *Text) inSubordinate(j int) bool {
	for k := j - 1; k >= 0 && k >= j-10; k-- {
		if sep := t.tokens[k].sep; sep != 0 && sep != '"' {
			return sep == ',' && t.subordinateOpener(k)
		}
	}
	return false
}

// firstPersonRefusal reports whether the clause at token k reads «(мы) (указывать) не» and
// a verb in the first person (не предлагаем, не даём, не будем, не стану, не возьмусь): the
// agent refusing what the clause before named, not a clause of its own («никто не проверит»).
func (t *Text) firstPersonRefusal(k int) bool {
	notNext := k+1 < len(t.tokens) && t.word(k+1) == "не" // before any dictionary lookup
	if w := t.word(k); w == "мы" || w == "я" || w != "не" && notNext && infinitive(w) {
		k++
	}
	if k+1 >= len(t.tokens) || t.word(k) != "не" || t.tokens[k+1].sep != 0 {
		return false
	}
	m := currentMorphology()
	return m != nil && reads(m, t.word(k+1), "VERB", "1per")
}

// infinitive reports whether the dictionary reads w as an infinitive.
func infinitive(w string) bool {
	m := currentMorphology()
	return m != nil && reads(m, w, "INFN")
}
