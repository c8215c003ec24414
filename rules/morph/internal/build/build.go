// Package build compiles the OpenCorpora dictionary, as the npm package az ships it (the
// pymorphy2 format), into the compact file package morph embeds. It is shared by the
// generator command and by morph's test that checks the committed file is up to date.
package build

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Magic opens every compiled dictionary; the byte after it is the format version.
const Magic = "SUFMORPH"

// Version is the format version Build writes.
const Version = 5

// Options are the limits of the suffix guesser's table.
type Options struct {
	MaxEnding      int // letters in the longest ending
	MinEndingCount int // word forms an ending needs to be kept
	MaxCandidates  int // readings an ending proposes at most
	MinShare       int // a reading needs at least 1/MinShare of its ending's word forms
	MinParadigm    int // lexemes a paradigm needs for the guesser to propose it
}

// DefaultOptions are the limits dict.bin is built with (DESIGN.md has the measurements).
var DefaultOptions = Options{MaxEnding: 5, MinEndingCount: 20, MaxCandidates: 4, MinShare: 10, MinParadigm: 50}

// proper marks lexemes that are names of people, places and organisations: the guesser never
// learns from them and the engine keeps only those the corpus attests.
var proper = []string{"Surn", "Patr", "Geox", "Orgn", "Name", "Abbr", "Init"}

// closedPOS are the parts of speech whose lexemes are all kept: few, frequent, and not
// guessable from their endings.
var closedPOS = map[string]bool{"NPRO": true, "PREP": true, "CONJ": true, "PRCL": true, "INTJ": true, "NUMR": true, "PRED": true}

// productivePOS are the parts of speech the guesser proposes.
var productivePOS = map[string]bool{"NOUN": true, "ADJF": true, "ADJS": true, "COMP": true, "VERB": true, "INFN": true, "PRTF": true, "PRTS": true, "GRND": true, "ADVB": true}

type lexeme struct {
	stem string
	para uint16
}

// Build reads the az dicts directory and the vocabulary file (one word a line; may be absent)
// and returns the compiled dictionary with a human-readable report of what it holds.
func Build(dir, vocabulary string) ([]byte, string, error) {
	return BuildWith(dir, vocabulary, DefaultOptions)
}

// BuildWith is Build with other guesser limits, for measuring them.
func BuildWith(dir, vocabulary string, o Options) ([]byte, string, error) {
	s, err := readSource(dir)
	if err != nil {
		return nil, "", err
	}
	corpus, err := readCorpusWords(dir)
	if err != nil {
		return nil, "", err
	}
	priors, err := readTagPriors(dir)
	if err != nil {
		return nil, "", err
	}
	vocab, err := readWords(vocabulary)
	if err != nil {
		return nil, "", err
	}
	// Suffixes and prefixes with ё become е; equal strings then share one id.
	sufID := map[string]int{}
	var sufs []string
	sufMap := make([]int, len(s.suffixes))
	for i, x := range s.suffixes {
		x = normalize(x)
		id, ok := sufID[x]
		if !ok {
			id = len(sufs)
			sufID[x] = id
			sufs = append(sufs, x)
		}
		sufMap[i] = id
	}
	prefs := make([]string, len(s.prefixes))
	for i, p := range s.prefixes {
		prefs[i] = normalize(p)
	}
	formOf := func(para, form uint16) (suf, tag, pre int) {
		p := s.paradigms[para]
		n := len(p) / 3
		return int(p[form]), int(p[n+int(form)]), int(p[2*n+int(form)])
	}
	isProper := func(para uint16) bool {
		_, tag, _ := formOf(para, 0)
		for _, g := range proper {
			if strings.Contains(s.tags[tag], g) {
				return true
			}
		}
		return false
	}
	pos := func(tag int) string {
		return strings.FieldsFunc(s.tags[tag], func(r rune) bool { return r == ',' || r == ' ' })[0]
	}

	all := map[lexeme]bool{}
	keep := map[lexeme]bool{}
	for _, e := range s.entries {
		suf, tag, pre := formOf(e.para, e.form)
		w := e.word
		if !strings.HasPrefix(w, s.prefixes[pre]) || !strings.HasSuffix(w, s.suffixes[suf]) || len(s.prefixes[pre])+len(s.suffixes[suf]) > len(w) {
			continue
		}
		l := lexeme{normalize(w[len(s.prefixes[pre]) : len(w)-len(s.suffixes[suf])]), e.para}
		all[l] = true
		nw := normalize(w)
		if corpus[w] || corpus[nw] || vocab[nw] || closedPOS[pos(tag)] {
			keep[l] = true
		}
	}

	endings, endKeys := learnEndings(s, all, formOf, pos, isProper, sufs, sufMap, o)

	// Paradigms: only those a kept lexeme or a guess uses, renumbered in source order.
	used := map[uint16]bool{}
	for l := range keep {
		used[l.para] = true
	}
	for _, end := range endKeys {
		for _, c := range endings[end] {
			used[c.para] = true
		}
	}
	var paraList []uint16
	for p := range used {
		paraList = append(paraList, p)
	}
	sort.Slice(paraList, func(i, j int) bool { return paraList[i] < paraList[j] })
	paraID := map[uint16]int{}
	for i, p := range paraList {
		paraID[p] = i
	}
	// Tags: only those a kept paradigm uses, in source order.
	tagUsed := map[int]bool{}
	for _, p := range paraList {
		n := len(s.paradigms[p]) / 3
		for f := 0; f < n; f++ {
			_, t, _ := formOf(p, uint16(f))
			tagUsed[t] = true
		}
	}
	tagID := map[int]int{}
	var tags []string
	for t := range s.tags {
		if tagUsed[t] {
			tagID[t] = len(tags)
			tags = append(tags, s.tags[t])
		}
	}
	// Suffixes likewise.
	sufUsed := map[int]bool{}
	for _, p := range paraList {
		n := len(s.paradigms[p]) / 3
		for f := 0; f < n; f++ {
			su, _, _ := formOf(p, uint16(f))
			sufUsed[sufMap[su]] = true
		}
	}
	var sufList []string
	for _, x := range sufs {
		if sufUsed[sufID[x]] {
			sufList = append(sufList, x)
		}
	}
	sort.Strings(sufList)
	newSuf := map[string]int{}
	for i, x := range sufList {
		newSuf[x] = i
	}

	if len(tags) > 1<<16 || len(sufList) > 1<<16 || len(prefs) > 1<<8 || len(paraList) > 1<<31 {
		return nil, "", fmt.Errorf("%d tags, %d suffixes or %d prefixes overflow the format", len(tags), len(sufList), len(prefs))
	}
	var w writer
	w.raw([]byte(Magic))
	w.raw([]byte{Version})
	srcSum, err := sourceSum(dir)
	if err != nil {
		return nil, "", err
	}
	meta := fmt.Sprintf("source=OpenCorpora %v rev %v via npm az 0.2.3 (pymorphy2 %v format %v)\nsource_sha256=%s\nlicense=CC BY-SA 3.0 (LICENSE-dictionary.txt)\nlexemes=%d of %d\nendings=%d\n",
		s.meta["source_version"], s.meta["source_revision"], s.meta["pymorphy2_version"], s.meta["format_version"], srcSum, len(keep), len(all), len(endKeys))
	w.section(func(b *writer) { b.raw([]byte(meta)) })
	w.section(func(b *writer) { b.strings(tags) })
	// How often each tag is the right reading of an ambiguous corpus word, in hundredths.
	w.section(func(b *writer) {
		for _, t := range tags {
			b.uvarint(int(priors[t]*100 + 0.5))
		}
	})
	w.section(func(b *writer) { b.strings(sufList) })
	w.section(func(b *writer) { b.strings(prefs) })
	// Paradigms share their column of tags and prefixes far more often than their suffixes:
	// the columns are stored once and each paradigm names its column.
	colID := map[string]int{}
	var cols [][]int
	paraCol := make([]int, len(paraList))
	for i, p := range paraList {
		n := len(s.paradigms[p]) / 3
		col := make([]int, 0, 2*n)
		for f := 0; f < n; f++ {
			_, t, pre := formOf(p, uint16(f))
			col = append(col, tagID[t], pre)
		}
		key := fmt.Sprint(col)
		id, ok := colID[key]
		if !ok {
			id = len(cols)
			colID[key] = id
			cols = append(cols, col)
		}
		paraCol[i] = id
	}
	// Columns and paradigms are fixed-width little-endian arrays the reader indexes in
	// place: where each column starts (uint32, one more than there are columns), then
	// every form's tag (uint16) and prefix (uint8).
	w.section(func(b *writer) {
		total := 0
		for _, col := range cols {
			total += len(col) / 2
		}
		b.uvarint(len(cols))
		b.uvarint(total)
		at := 0
		for _, col := range cols {
			b.u32(at)
			at += len(col) / 2
		}
		b.u32(at)
		for _, col := range cols {
			for i := 0; i < len(col); i += 2 {
				b.u16(col[i])
			}
		}
		for _, col := range cols {
			for i := 1; i < len(col); i += 2 {
				b.raw([]byte{byte(col[i])})
			}
		}
	})
	// Paradigms: each one's column (uint16), where its suffixes start (uint32, one more
	// than there are paradigms), then every form's suffix (uint16).
	w.section(func(b *writer) {
		total := 0
		for _, p := range paraList {
			total += len(s.paradigms[p]) / 3
		}
		b.uvarint(len(paraList))
		b.uvarint(total)
		for i := range paraList {
			b.u16(paraCol[i])
		}
		at := 0
		for _, p := range paraList {
			b.u32(at)
			at += len(s.paradigms[p]) / 3
		}
		b.u32(at)
		for _, p := range paraList {
			n := len(s.paradigms[p]) / 3
			for f := 0; f < n; f++ {
				su, _, _ := formOf(p, uint16(f))
				b.u16(newSuf[sufs[sufMap[su]]])
			}
		}
	})
	// Stems: each stem with the paradigms of its lexemes.
	stems := map[string][]int{}
	for l := range keep {
		stems[l.stem] = append(stems[l.stem], paraID[l.para])
	}
	var stemKeys []string
	for st, ps := range stems {
		sort.Ints(ps)
		stemKeys = append(stemKeys, st)
	}
	sort.Strings(stemKeys)
	w.section(func(b *writer) {
		b.table(stemKeys, func(k string, p *writer) {
			p.uvarint(len(stems[k]))
			for _, x := range stems[k] {
				p.uvarint(x)
			}
		})
	})
	w.section(func(b *writer) {
		b.table(endKeys, func(k string, p *writer) {
			list := endings[k]
			p.uvarint(len(list))
			for _, c := range list {
				p.uvarint(paraID[c.para])
				p.uvarint(int(c.form))
				p.uvarint(c.n)
			}
		})
	})
	sum := sha256.Sum256(w.buf)
	w.raw(sum[:])
	report := fmt.Sprintf("%s%d bytes: %d tags, %d suffixes, %d paradigms over %d tag columns, %d stems\n", meta, len(w.buf), len(tags), len(sufList), len(paraList), len(cols), len(stemKeys))
	return w.buf, report, nil
}

// sourceSum fingerprints the source files Build reads, for the compiled file's meta.
func sourceSum(dir string) (string, error) {
	h := sha256.New()
	for _, f := range []string{"meta.json", "suffixes.json", "gramtab-opencorpora-int.json", "paradigms.array", "words.dawg", "p_t_given_w.intdawg"} {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			return "", err
		}
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func readWords(path string) (map[string]bool, error) {
	words := map[string]bool{}
	if path == "" {
		return words, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if w := strings.TrimSpace(sc.Text()); w != "" {
			words[normalize(w)] = true
		}
	}
	return words, sc.Err()
}
