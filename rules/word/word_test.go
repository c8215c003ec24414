package word

import "testing"

func TestOf(t *testing.T) {
	tests := []struct {
		r    rune
		want Class
		why  string
	}{
		{'a', Letter, "ASCII letter"},
		{'Z', Letter, "ASCII capital"},
		{'ж', Letter, "Cyrillic"},
		{'ё', Letter, "ё"},
		{'Ё', Letter, "Ё"},
		{'ї', Letter, "Ukrainian, in the fast range"},
		{'ß', Letter, "Latin-1 letter"},
		{'_', Other, "separates: {{manager_email}} stands for what the agent fills in"},
		{'\u093e', Letter, "Devanagari vowel sign (Mc), inside Hindi words"},
		{'7', Digit, "ASCII digit"},
		{'٣', Digit, "Arabic-Indic digit"},
		{'\u00ad', Invisible, "soft hyphen"},
		{'\u200b', Invisible, "zero-width space"},
		{'\u200d', Invisible, "zero-width joiner"},
		{'\u2060', Invisible, "word joiner"},
		{'\ufeff', Invisible, "BOM / zero-width no-break space"},
		{'\u0301', Invisible, "stress mark"},
		{'\u0306', Invisible, "combining breve (composed by Compose)"},
		{'\ufe0f', Invisible, "variation selector"},
		{' ', Other, "space"},
		{'\u00a0', Other, "no-break space"},
		{'-', Other, "hyphen: compounds are Joins' business"},
		{'‐', Other, "Unicode hyphen"},
		{'—', Other, "em dash"},
		{'\'', Other, "apostrophe"},
		{'’', Other, "right single quotation mark"},
		{'«', Other, "guillemet"},
		{'»', Other, "guillemet"},
		{'"', Other, "quotation mark"},
		{'“', Other, "curly quote"},
		{'.', Other, "point"},
		{'%', Other, "symbol"},
		{'😀', Other, "emoji"},
	}
	for _, tt := range tests {
		if got := Of(tt.r); got != tt.want {
			t.Errorf("Of(%U) = %d, want %d (%s)", tt.r, got, tt.want, tt.why)
		}
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[rune]rune{'Ё': 'е', 'ё': 'е', 'Ж': 'ж', 'Q': 'q', 'É': 'é', 'е': 'е', '5': '5'} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCompose(t *testing.T) {
	tests := []struct {
		prev, mark, want rune
		ok               bool
	}{
		{'и', '\u0306', 'й', true},
		{'е', '\u0308', 'е', true}, // ё, folded
		{'а', '\u0301', 'а', false},
		{'у', '\u0306', 'у', false}, // ў is Belarusian; Russian composes only й
	}
	for _, tt := range tests {
		if got, ok := Compose(tt.prev, tt.mark); got != tt.want || ok != tt.ok {
			t.Errorf("Compose(%q, %U) = %q, %v; want %q, %v", tt.prev, tt.mark, got, ok, tt.want, tt.ok)
		}
	}
}

func TestJoins(t *testing.T) {
	tests := []struct {
		prev, sep, next rune
		want            bool
		why             string
	}{
		{'о', '-', 'т', true, "кто-то"},
		{'5', '-', 'й', true, "5-й"},
		{'d', '-', '1', true, "covid-19"},
		{'2', '-', '3', false, "2-3 is a range"},
		{'д', '\'', 'а', true, "д'артаньян"},
		{'1', '\'', '2', false, "an apostrophe joins letters only"},
		{'1', '.', '5', true, "1.5"},
		{'0', ',', '5', true, "100,5"},
		{'а', '.', 'б', false, "т.е: a point joins digits only"},
		{'а', '_', 'б', false, "'_' separates"},
		{'а', ' ', 'б', false, "space"},
	}
	for _, tt := range tests {
		if got := Joins(tt.prev, tt.sep, tt.next); got != tt.want {
			t.Errorf("Joins(%q, %q, %q) = %v, want %v (%s)", tt.prev, tt.sep, tt.next, got, tt.want, tt.why)
		}
	}
}

// TestClasses: In, IsLetter and IsDigit say what Of says, for every rune.
func TestClasses(t *testing.T) {
	for r := rune(0); r <= 0x10FFFF; r++ {
		c := Of(r)
		if In(r) != (c == Letter || c == Digit) || IsLetter(r) != (c == Letter) || IsDigit(r) != (c == Digit) {
			t.Fatalf("%U: class %d, In %v, IsLetter %v, IsDigit %v", r, c, In(r), IsLetter(r), IsDigit(r))
		}
	}
}
