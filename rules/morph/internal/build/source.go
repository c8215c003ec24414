package build

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// source is the az package's copy of the pymorphy2 OpenCorpora dictionary, read whole.
type source struct {
	suffixes  []string
	tags      []string   // OpenCorpora tags, "NOUN,inan,femn sing,nomn"
	paradigms [][]uint16 // per paradigm: n suffix ids, n tag ids, n prefix ids
	prefixes  []string
	entries   []entry // every (word, paradigm, form) of words.dawg
	meta      map[string]any
}

type entry struct {
	word       string
	para, form uint16
}

func readSource(dir string) (*source, error) {
	s := &source{prefixes: []string{"", "по", "наи"}, meta: map[string]any{}}
	if err := readJSON(filepath.Join(dir, "suffixes.json"), &s.suffixes); err != nil {
		return nil, err
	}
	if err := readJSON(filepath.Join(dir, "gramtab-opencorpora-int.json"), &s.tags); err != nil {
		return nil, err
	}
	var meta [][2]any
	if err := readJSON(filepath.Join(dir, "meta.json"), &meta); err != nil {
		return nil, err
	}
	for _, kv := range meta {
		if k, ok := kv[0].(string); ok {
			s.meta[k] = kv[1]
		}
	}
	if p, ok := s.meta["compile_options"].(map[string]any); ok {
		if pp, ok := p["paradigm_prefixes"].([]any); ok {
			s.prefixes = s.prefixes[:0]
			for _, x := range pp {
				s.prefixes = append(s.prefixes, fmt.Sprint(x))
			}
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, "paradigms.array"))
	if err != nil {
		return nil, err
	}
	u16 := func(i int) uint16 { return binary.LittleEndian.Uint16(b[2*i:]) }
	count, pos := int(u16(0)), 1
	for i := 0; i < count; i++ {
		if 2*(pos+1) > len(b) {
			return nil, fmt.Errorf("paradigms.array: truncated at paradigm %d", i)
		}
		n := int(u16(pos))
		pos++
		if n%3 != 0 || 2*(pos+n) > len(b) {
			return nil, fmt.Errorf("paradigms.array: bad paradigm %d of %d values", i, n)
		}
		p := make([]uint16, n)
		for j := range p {
			p[j] = u16(pos + j)
		}
		pos += n
		s.paradigms = append(s.paradigms, p)
	}
	b, err = os.ReadFile(filepath.Join(dir, "words.dawg"))
	if err != nil {
		return nil, err
	}
	d, err := readDAWG(b)
	if err != nil {
		return nil, err
	}
	var bad int
	err = d.walk(func(key []byte) {
		sep := strings.IndexByte(string(key), 1)
		if sep < 0 || len(key) != sep+5 {
			bad++
			return
		}
		k := key[sep+1:]
		para := uint16((int(k[0])^1)<<6 + int(k[1])>>1)
		form := uint16((int(k[2])^1)<<6 + int(k[3])>>1)
		w, ok := decode1251(key[:sep])
		if !ok || int(para) >= len(s.paradigms) || int(form) >= len(s.paradigms[para])/3 {
			bad++
			return
		}
		s.entries = append(s.entries, entry{w, para, form})
	})
	if err != nil {
		return nil, err
	}
	if bad > 0 {
		fmt.Fprintf(os.Stderr, "gen: %d undecodable words.dawg keys skipped\n", bad)
	}
	return s, nil
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// decode1251 turns the dictionary's Windows-1251 bytes into a string; only ASCII and Cyrillic
// occur in Russian words, anything else reports false.
func decode1251(b []byte) (string, bool) {
	var sb strings.Builder
	for _, c := range b {
		switch {
		case c < 0x80:
			sb.WriteByte(c)
		case c >= 0xC0:
			sb.WriteRune(rune(c-0xC0) + 'А')
		case c == 0xA8:
			sb.WriteRune('Ё')
		case c == 0xB8:
			sb.WriteRune('ё')
		default:
			return "", false
		}
	}
	return sb.String(), true
}
