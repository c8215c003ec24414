package packdata

import (
	"testing"

	"github.com/sufler/sufler/knowledge/pack"
	"github.com/sufler/sufler/rules"
)

func TestLiteral(t *testing.T) {
	tests := []struct {
		v    any
		want string
	}{
		{"«кавычки» \"и\" \n", `"«кавычки» \"и\" \n"`},
		{[]string(nil), "nil"},
		{[]string{}, "[]string{}"},
		{[]string{"а", "б"}, `[]string{"а", "б"}`},
		{pack.Segment{}, "pack.Segment{}"},
		{pack.Segment{ID: "smb", Signals: []string{}}, `pack.Segment{ID: "smb", Signals: []string{}}`},
		{rules.Spec{ID: "r", Max: 3, Examples: rules.Examples{Flag: []string{"x"}}},
			`rules.Spec{ID: "r", Max: 3, Examples: rules.Examples{Flag: []string{"x"}}}`},
		{map[string][]string{"b": {"2"}, "a": nil}, `map[string][]string{"a": nil, "b": []string{"2"}}`},
		{[]pack.Variant{{Text: "т"}}, `[]pack.Variant{{Text: "т"}}`},
	}
	for _, tt := range tests {
		got, err := Literal(tt.v)
		if err != nil || got != tt.want {
			t.Errorf("Literal(%#v) = %s, %v; want %s", tt.v, got, err, tt.want)
		}
	}
	if _, err := Literal(struct{ f chan int }{make(chan int)}); err == nil {
		t.Error("an unexported field was written")
	}
}
