package rules

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"
)

// The checksum helpers below compute numbers by the official algorithms, independently
// of the detectors' code, so a wrong detector cannot agree with a wrong generator.

func snilsWith(body int) string {
	s := fmt.Sprintf("%09d", body)
	sum := 0
	for i := 0; i < 9; i++ {
		sum += int(s[i]-'0') * (9 - i)
	}
	var check int
	switch {
	case sum < 100:
		check = sum
	case sum == 100 || sum == 101:
		check = 0
	default:
		check = sum % 101
		if check == 100 {
			check = 0
		}
	}
	return fmt.Sprintf("%s-%s-%s %02d", s[0:3], s[3:6], s[6:9], check)
}

func innWith(prefix string) string {
	check := func(s string, weights ...int) string {
		sum := 0
		for i, w := range weights {
			sum += int(s[i]-'0') * w
		}
		return strconv.Itoa(sum % 11 % 10)
	}
	if len(prefix) == 9 {
		return prefix + check(prefix, 2, 4, 10, 3, 5, 9, 4, 6, 8)
	}
	s := prefix + check(prefix, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
	return s + check(s, 3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
}

func cardWith(prefix string) string {
	// Append the digit that makes the Luhn sum a multiple of 10.
	for d := 0; d <= 9; d++ {
		s := prefix + strconv.Itoa(d)
		sum := 0
		for i := range s {
			x := int(s[len(s)-1-i] - '0')
			if i%2 == 1 {
				if x *= 2; x > 9 {
					x -= 9
				}
			}
			sum += x
		}
		if sum%10 == 0 {
			return s
		}
	}
	panic("unreachable")
}

// bump changes the last digit of s, so its checksum fails.
func bump(s string) string {
	b := []byte(s)
	b[len(b)-1] = '0' + (b[len(b)-1]-'0'+1)%10
	return string(b)
}

func TestChecksumGenerators(t *testing.T) {
	// Known-valid numbers from public examples agree with the generators.
	if got := snilsWith(112233445); got != "112-233-445 95" {
		t.Errorf("snilsWith = %q", got)
	}
	if got := innWith("770708389"); got != "7707083893" {
		t.Errorf("innWith 10 = %q", got)
	}
	if got := innWith("5001007322"); got != "500100732259" {
		t.Errorf("innWith 12 = %q", got)
	}
	if got := cardWith("411111111111111"); got != "4111111111111111" {
		t.Errorf("cardWith = %q", got)
	}
}

func TestChecksums(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 2000; i++ {
		body := 1001999 + rng.IntN(998998000)
		s := digitsOf(snilsWith(body))
		if !validSNILS([]byte(s)) {
			t.Fatalf("SNILS %s rejected", s)
		}
		if validSNILS([]byte(bump(s))) {
			t.Fatalf("SNILS %s with a wrong checksum accepted", bump(s))
		}
		inn10 := innWith(fmt.Sprintf("%02d%07d", 1+rng.IntN(99), rng.IntN(1e7)))
		inn12 := innWith(fmt.Sprintf("%02d%08d", 1+rng.IntN(99), rng.IntN(1e8)))
		for _, s := range []string{inn10, inn12} {
			if !validINN([]byte(s)) {
				t.Fatalf("INN %s rejected", s)
			}
			if validINN([]byte(bump(s))) {
				t.Fatalf("INN %s with a wrong check digit accepted", bump(s))
			}
		}
		card := cardWith(fmt.Sprintf("4%014d", rng.Int64N(1e14)))
		if !luhn([]byte(card)) || luhn([]byte(bump(card))) {
			t.Fatalf("Luhn wrong on %s / %s", card, bump(card))
		}
	}
	// The mod-101 edge cases: sums of exactly 100 and 101 give 00, and a sum over 101
	// whose remainder is 100 gives 00 too.
	edges := map[string]bool{}
	for try := 0; try < 1_000_000 && len(edges) < 3; try++ {
		s := fmt.Sprintf("%09d", 1001999+rng.IntN(998998000))
		sum := 0
		for i := 0; i < 9; i++ {
			sum += int(s[i]-'0') * (9 - i)
		}
		var key string
		switch {
		case sum == 100:
			key = "100"
		case sum == 101:
			key = "101"
		case sum > 101 && sum%101 == 100:
			key = "over"
		default:
			continue
		}
		if edges[key] {
			continue
		}
		edges[key] = true
		if !validSNILS([]byte(s + "00")) {
			t.Errorf("SNILS %s00 (sum %d) rejected", s, sum)
		}
		for _, bad := range []string{"01", fmt.Sprintf("%02d", sum%100)} {
			if bad != "00" && validSNILS([]byte(s+bad)) {
				t.Errorf("SNILS %s%s (sum %d) accepted", s, bad, sum)
			}
		}
	}
	if len(edges) != 3 {
		t.Errorf("found edge cases %v, want 100, 101 and over", edges)
	}
	// Hard-coded known-valid and known-invalid numbers.
	for _, c := range []struct {
		check func([]byte) bool
		num   string
		want  bool
	}{
		{validSNILS, "11223344595", true},
		{validSNILS, "11223344596", false},
		{validSNILS, "00100199800", false}, // issued without a checksum: not flagged
		{validINN, "7707083893", true},
		{validINN, "7707083894", false},
		{validINN, "500100732259", true},
		{validINN, "500100732258", false},
		{validINN, "0000000000", false},
		{luhn, "4111111111111111", true},
		{luhn, "5555555555554444", true},
		{luhn, "378282246310005", true},
		{luhn, "4111111111111112", false},
	} {
		if got := c.check([]byte(c.num)); got != c.want {
			t.Errorf("check(%s) = %v, want %v", c.num, got, c.want)
		}
	}
}

func piiRule(detector string, allow ...string) Spec {
	s := spec("pii-"+detector, "pii")
	s.Category = "pii"
	s.Detector = detector
	s.Allow = allow
	return s
}

func TestDetectors(t *testing.T) {
	snils := snilsWith(123456789)
	inn12 := innWith("7712345678")
	mir := cardWith("220070012345678")
	tests := []struct {
		rule Spec
		text string
		want []string
	}{
		{piiRule("passport"), "Паспорт 45 06 123456 выдан", []string{"45 06 123456"}},
		{piiRule("passport"), "данные: 45 06 123456", []string{"45 06 123456"}},
		{piiRule("passport"), "Паспорт: серия 4506 номер 123456", []string{"4506 номер 123456"}},
		{piiRule("passport"), "4506 № 123456", []string{"4506 № 123456"}},
		{piiRule("passport"), "паспорт 4506 123456", []string{"4506 123456"}},
		{piiRule("passport"), "Паспорт РФ 4506123456.", []string{"4506123456"}},
		{piiRule("passport"), "Заказ 4506 123456", nil},
		{piiRule("passport"), "Заказ 4506123456", nil},
		{piiRule("passport"), "Паспорт. Заказ 4506123456", nil}, // context in another sentence
		{piiRule("passport"), "00 06 123456", nil},              // no region 00
		{piiRule("passport"), "45 60 123456", nil},              // no 1960 forms
		{piiRule("passport"), "паспорт 45 06 12345", nil},
		{piiRule("passport"), "Паспорт 4506 123456 8 916 123-45-67", []string{"4506 123456"}},

		{piiRule("snils"), "СНИЛС " + snils, []string{snils}},
		{piiRule("snils"), "Номер " + snils + ".", []string{snils}},
		{piiRule("snils"), "112-233-445 95", []string{"112-233-445 95"}},
		{piiRule("snils"), "112 233 445 95", []string{"112 233 445 95"}},
		{piiRule("snils"), "112-233-445 96", nil},
		{piiRule("snils"), "снилс: 11223344595", []string{"11223344595"}},
		{piiRule("snils"), "11223344595", nil},
		{piiRule("snils"), "СНИЛС 11223344596", nil},

		{piiRule("inn"), "ИНН 7707083893", []string{"7707083893"}},
		{piiRule("inn"), "ИНН: 7707083894", nil},
		{piiRule("inn"), "Заказ 7707083893", nil},
		{piiRule("inn"), "ИП Иванов, " + inn12, []string{inn12}},
		{piiRule("inn"), "Номер " + inn12, []string{inn12}},
		{piiRule("inn"), "Номер " + bump(inn12), nil},
		{piiRule("inn"), "ИНН 7707 083893", nil}, // INN is written in one run

		{piiRule("card"), "Карта 4111 1111 1111 1111", []string{"4111 1111 1111 1111"}},
		{piiRule("card"), "4111-1111-1111-1111", []string{"4111-1111-1111-1111"}},
		{piiRule("card"), "номер 4111111111111111, спасибо", []string{"4111111111111111"}},
		{piiRule("card"), "Amex 3782 822463 10005", []string{"3782 822463 10005"}},
		{piiRule("card"), "Мир " + mir, []string{mir}},
		{piiRule("card"), "4111 1111 1111 1112", nil},
		{piiRule("card"), "1111 1111 1111 1117", nil}, // no scheme starts with 1
		{piiRule("card"), "0000 0000 0000 0000", nil},
		{piiRule("card"), "4111 1111 1111 1111шт", nil},
		{piiRule("card"), "(4111) 1111 1111 1111", nil},

		{piiRule("phone"), "Звоните: +7 (916) 123-45-67", []string{"+7 (916) 123-45-67"}},
		{piiRule("phone"), "тел. 8 916 123 45 67", []string{"8 916 123 45 67"}},
		{piiRule("phone"), "тел.89161234567", []string{"89161234567"}},
		{piiRule("phone"), "7 916 123 45 67", []string{"7 916 123 45 67"}},
		{piiRule("phone"), "мобильный 9161234567", []string{"9161234567"}},
		{piiRule("phone"), "офис (495) 123-45-67", []string{"(495) 123-45-67"}},
		{piiRule("phone"), "офис 495 123-45-67", []string{"495 123-45-67"}},
		{piiRule("phone"), "Горячая линия 8 800 555-35-35", nil},
		{piiRule("phone"), "+7 800 555 35 35", nil},
		{piiRule("phone"), "8-804-333-22-11", nil},
		{piiRule("phone"), "+375 29 123 45 67", nil},
		{piiRule("phone"), "+8 916 123 45 67", nil},
		{piiRule("phone"), "заказ 1234567890", nil},
		{piiRule("phone"), "заказ 5161234567", nil},
		{piiRule("phone"), "123-45-67", nil},
		{piiRule("phone"), "id9161234567", nil},
		{piiRule("phone", "+7 (495) 111-22-33"), "Наш номер 8 495 111 22 33", nil},
		{piiRule("phone", "+7 (495) 111-22-33"), "Ваш номер 8 495 111 22 34", []string{"8 495 111 22 34"}},
		{piiRule("phone"), "Паспорт 4506 123456 8 916 123-45-67", []string{"8 916 123-45-67"}},
		{piiRule("phone"), "8 916 123 45 67, 8 903 765 43 21", []string{"8 916 123 45 67", "8 903 765 43 21"}},
		{piiRule("phone"), "тел. +7\u00a0916\u2009123\u201145\u201167 🙂", []string{"+7\u00a0916\u2009123\u201145\u201167"}},
		{piiRule("card"), "🙂 ４１１１ １１１１ １１１１ １１１１", []string{"４１１１ １１１１ １１１１ １１１１"}},
		{piiRule("passport"), "паспорт 45\u00a006\u00a0123456", []string{"45\u00a006\u00a0123456"}},
	}
	for _, tt := range tests {
		set := mustSet(t, tt.rule)
		got := matches(t, set, tt.text)
		if !slices.Equal(got, tt.want) && !(len(got) == 0 && len(tt.want) == 0) {
			t.Errorf("%s in %q: flagged %q, want %q", tt.rule.Detector, tt.text, got, tt.want)
		}
	}
}

// TestGeneratedNumbers runs the detectors over many numbers made by the algorithms.
func TestGeneratedNumbers(t *testing.T) {
	set := mustSet(t, piiRule("snils"), piiRule("inn"), piiRule("card"))
	rng := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 300; i++ {
		snils := snilsWith(1001999 + rng.IntN(998998000))
		inn := innWith(fmt.Sprintf("%02d%08d", 1+rng.IntN(99), rng.IntN(1e8)))
		card := cardWith(fmt.Sprintf("5%014d", rng.Int64N(1e14)))
		for _, c := range []struct{ rule, text, num string }{
			{"pii-snils", "СНИЛС " + snils, snils},
			{"pii-inn", "ИНН " + inn, inn},
			{"pii-card", "карта " + card, card},
		} {
			fs := set.Check(c.text, "")
			if len(fs) != 1 || fs[0].Rule != c.rule || fs[0].Match != c.num {
				t.Fatalf("%q: findings %+v, want %s on %q", c.text, fs, c.rule, c.num)
			}
			if fs := set.Check(bump(c.text), ""); len(fs) != 0 {
				t.Fatalf("%q with a wrong checksum: findings %+v", bump(c.text), fs)
			}
		}
	}
}
