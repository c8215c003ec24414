package morph

import (
	"fmt"
	"math/bits"
	"strings"
)

// Grammeme is one grammatical feature of a word form, named as OpenCorpora (and pymorphy2)
// name it: NOUN, gent, plur, femn, past, 3per, perf ... Its String is that name.
type Grammeme uint8

// The grammemes, in OpenCorpora's order. Go names capitalise OpenCorpora's ("gent" is Gent)
// and spell out the ones Go cannot ("1per" is Per1, "Ms-f" is MsF, "V-ey" is VEy).
const (
	none Grammeme = iota
	// Parts of speech.
	NOUN // noun
	ADJF // full adjective
	ADJS // short adjective
	COMP // comparative
	VERB // finite verb
	INFN // infinitive
	PRTF // full participle (причастие)
	PRTS // short participle
	GRND // gerund (деепричастие)
	NUMR // numeral
	ADVB // adverb
	NPRO // pronoun-noun
	PRED // predicative (нельзя, поздно)
	PREP // preposition
	CONJ // conjunction
	PRCL // particle
	INTJ // interjection
	// Animacy.
	Anim
	Inan
	// Gender.
	Masc
	Femn
	Neut
	MsF // common gender (сирота)
	// Number.
	Sing
	Plur
	Sgtm // singularia tantum
	Pltm // pluralia tantum
	Fixd // indeclinable
	// Case.
	Nomn
	Gent
	Datv
	Accs
	Ablt
	Loct
	Voct
	Gen1
	Gen2
	Acc2
	Loc1
	Loc2
	// Lexical marks.
	Abbr
	Name
	Surn
	Patr
	Geox
	Orgn
	Trad
	Subx
	Supr
	Qual
	Apro
	Anum
	Poss
	VEy
	VOy
	Cmp2
	VEj
	// Aspect.
	Perf
	Impf
	// Transitivity.
	Tran
	Intr
	Impe
	Impx
	Mult
	Refl
	// Person.
	Per1
	Per2
	Per3
	// Tense.
	Pres
	Past
	Futr
	// Mood.
	Indc
	Impr
	// Involvement (imperatives: пойдём / пойдёмте).
	Incl
	Excl
	// Voice.
	Actv
	Pssv
	// Style and other marks.
	Infr
	Slng
	Arch
	Litr
	Erro
	Dist
	Ques
	Dmns
	Prnt
	VBe
	VEn
	VIe
	VBi
	Fimp
	Prdx
	Coun
	Coll
	VSh
	AfP
	Inmx
	Vpre
	Anph
	Init
	Adjx
	// Animacy or gender left open (a noun of either gender: «коллега»).
	AnimAny // OpenCorpora's "ANim"
	GndrAny // OpenCorpora's "GNdr"
	// Tokens that are not Russian words, as pymorphy2 marks them.
	LATN // Latin letters
	NUMB // a number
	UNKN // anything else
	numGrammemes
)

var grammemeNames = [numGrammemes]string{"",
	"NOUN", "ADJF", "ADJS", "COMP", "VERB", "INFN", "PRTF", "PRTS", "GRND", "NUMR", "ADVB", "NPRO", "PRED", "PREP", "CONJ", "PRCL", "INTJ",
	"anim", "inan", "masc", "femn", "neut", "Ms-f", "sing", "plur", "Sgtm", "Pltm", "Fixd",
	"nomn", "gent", "datv", "accs", "ablt", "loct", "voct", "gen1", "gen2", "acc2", "loc1", "loc2",
	"Abbr", "Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Subx", "Supr", "Qual", "Apro", "Anum", "Poss", "V-ey", "V-oy", "Cmp2", "V-ej",
	"perf", "impf", "tran", "intr", "Impe", "Impx", "Mult", "Refl", "1per", "2per", "3per", "pres", "past", "futr",
	"indc", "impr", "incl", "excl", "actv", "pssv",
	"Infr", "Slng", "Arch", "Litr", "Erro", "Dist", "Ques", "Dmns", "Prnt", "V-be", "V-en", "V-ie", "V-bi", "Fimp", "Prdx", "Coun", "Coll", "V-sh", "Af-p", "Inmx", "Vpre", "Anph", "Init", "Adjx",
	"ANim", "GNdr",
	"LATN", "NUMB", "UNKN",
}

var grammemeByName = func() map[string]Grammeme {
	m := make(map[string]Grammeme, numGrammemes)
	for g := Grammeme(1); g < numGrammemes; g++ {
		m[grammemeNames[g]] = g
	}
	// Any case works too, where it is not ambiguous ("ANim" is not "anim").
	for g := Grammeme(1); g < numGrammemes; g++ {
		if _, taken := m[strings.ToLower(grammemeNames[g])]; !taken {
			m[strings.ToLower(grammemeNames[g])] = g
		}
	}
	return m
}()

// String is the grammeme's OpenCorpora name.
func (g Grammeme) String() string {
	if g == none || g >= numGrammemes {
		return fmt.Sprintf("Grammeme(%d)", uint8(g))
	}
	return grammemeNames[g]
}

// ParseGrammeme reads an OpenCorpora grammeme name; case does not matter ("Gent", "gent").
func ParseGrammeme(name string) (Grammeme, error) {
	if g, ok := grammemeByName[name]; ok {
		return g, nil
	}
	if g, ok := grammemeByName[strings.ToLower(name)]; ok && name != "" {
		return g, nil
	}
	return none, fmt.Errorf("morph: unknown grammeme %q", name)
}

// Categories: the grammemes a word form has at most one of.
var (
	partsOfSpeech = []Grammeme{NOUN, ADJF, ADJS, COMP, VERB, INFN, PRTF, PRTS, GRND, NUMR, ADVB, NPRO, PRED, PREP, CONJ, PRCL, INTJ, LATN, NUMB, UNKN}
	cases         = []Grammeme{Nomn, Gent, Datv, Accs, Ablt, Loct, Voct, Gen1, Gen2, Acc2, Loc1, Loc2}
	numbers       = []Grammeme{Sing, Plur}
	genders       = []Grammeme{Masc, Femn, Neut, MsF}
	tenses        = []Grammeme{Pres, Past, Futr}
	persons       = []Grammeme{Per1, Per2, Per3}
	aspects       = []Grammeme{Perf, Impf}
	moods         = []Grammeme{Indc, Impr}
	voices        = []Grammeme{Actv, Pssv}
	animacies     = []Grammeme{Anim, Inan}
)

// Tag is the set of grammemes of one word form. The zero Tag is empty; Tags compare with ==.
type Tag struct{ lo, hi uint64 }

// NewTag is the tag holding exactly gs.
func NewTag(gs ...Grammeme) Tag {
	var t Tag
	for _, g := range gs {
		t = t.With(g)
	}
	return t
}

// ParseTag reads a tag in OpenCorpora notation: grammeme names separated by commas or spaces
// ("NOUN,inan,femn sing,gent").
func ParseTag(s string) (Tag, error) {
	var t Tag
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' }) {
		g, err := ParseGrammeme(f)
		if err != nil {
			return Tag{}, err
		}
		t = t.With(g)
	}
	return t, nil
}

// With is the tag plus g.
func (t Tag) With(g Grammeme) Tag {
	if g < 64 {
		t.lo |= 1 << g
	} else if g < numGrammemes {
		t.hi |= 1 << (g - 64)
	}
	return t
}

// Has reports whether the tag holds g.
func (t Tag) Has(g Grammeme) bool {
	if g < 64 {
		return t.lo&(1<<g) != 0
	}
	return g < numGrammemes && t.hi&(1<<(g-64)) != 0
}

// Contains reports whether the tag holds every grammeme of u.
func (t Tag) Contains(u Tag) bool { return t.lo&u.lo == u.lo && t.hi&u.hi == u.hi }

// IsZero reports whether the tag is empty.
func (t Tag) IsZero() bool { return t.lo == 0 && t.hi == 0 }

func (t Tag) common(u Tag) int { return bits.OnesCount64(t.lo&u.lo) + bits.OnesCount64(t.hi&u.hi) }

// Grammemes lists the tag's grammemes in OpenCorpora's order.
func (t Tag) Grammemes() []Grammeme {
	var gs []Grammeme
	for g := Grammeme(1); g < numGrammemes; g++ {
		if t.Has(g) {
			gs = append(gs, g)
		}
	}
	return gs
}

// String is the tag in OpenCorpora notation, grammemes in OpenCorpora's order, comma-separated.
func (t Tag) String() string {
	var sb strings.Builder
	for _, g := range t.Grammemes() {
		if sb.Len() > 0 {
			sb.WriteByte(',')
		}
		sb.WriteString(grammemeNames[g])
	}
	return sb.String()
}

func (t Tag) first(of []Grammeme) Grammeme {
	for _, g := range of {
		if t.Has(g) {
			return g
		}
	}
	return none
}

// POS is the part of speech (NOUN, VERB, ...), or 0 when the tag has none.
func (t Tag) POS() Grammeme { return t.first(partsOfSpeech) }

// Case is the case (Nomn, Gent, ...), or 0.
func (t Tag) Case() Grammeme { return t.first(cases) }

// Number is Sing or Plur, or 0.
func (t Tag) Number() Grammeme { return t.first(numbers) }

// Gender is Masc, Femn, Neut or MsF, or 0.
func (t Tag) Gender() Grammeme { return t.first(genders) }

// Tense is Pres, Past or Futr, or 0.
func (t Tag) Tense() Grammeme { return t.first(tenses) }

// Person is Per1, Per2 or Per3, or 0.
func (t Tag) Person() Grammeme { return t.first(persons) }

// Aspect is Perf or Impf, or 0.
func (t Tag) Aspect() Grammeme { return t.first(aspects) }

// Mood is Indc or Impr, or 0.
func (t Tag) Mood() Grammeme { return t.first(moods) }

// Voice is Actv or Pssv, or 0.
func (t Tag) Voice() Grammeme { return t.first(voices) }

// Animacy is Anim or Inan, or 0.
func (t Tag) Animacy() Grammeme { return t.first(animacies) }
