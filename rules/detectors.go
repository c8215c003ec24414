package rules

// The detectors, one per kind of personal data. Each accepts only its layouts and, where
// the number carries one, a valid checksum; bare digit strings that could be anything
// (an order, a tracking number) also need a context word a few words before them.

const contextWindow = 6 // tokens before a number searched for a context word

var (
	passportContext = contextWords("пасп*|сери*")
	snilsContext    = contextWords("снилс*|страхов*|пенсион*")
	innContext      = contextWords("инн|налогоплательщик*|ип")
)

// detectPassport finds a Russian internal passport: series (2-digit region, 2-digit year
// of the form) and a 6-digit number. "45 06 123456" and "4506 № 123456" / "4506 номер
// 123456" are distinctive and flagged alone; "4506 123456" and "4506123456" only with
// паспорт/серия nearby.
func detectPassport(t *Text, n *number, _ map[string]bool) (span, bool) {
	d := n.digits
	if len(d) != 10 || d[0] == '0' && d[1] == '0' || !passportYear(d[2], d[3]) {
		return span{}, false
	}
	switch {
	case n.layout(2, 2, 6) && n.joins(joinSpace, joinDoc):
	case n.layout(4, 6) && n.joins(joinDoc):
	case n.layout(4, 6) && n.joins(joinSpace, joinDash) || n.layout(10):
		if !t.hasContext(n.a, passportContext, contextWindow) {
			return span{}, false
		}
	default:
		return span{}, false
	}
	return span{n.a, n.b}, true
}

// passportYear reports whether two digits can be the year a passport form was printed:
// the current forms date from 1997; the range reaches 2045 so the rule does not expire.
func passportYear(a, b byte) bool {
	y := int(a-'0')*10 + int(b-'0')
	return y >= 97 || y <= 45
}

// detectSNILS finds an insurance number: 9 digits and a 2-digit checksum, written
// "112-233-445 95" (flagged alone) or as 11 bare digits (only with СНИЛС nearby, since
// phone numbers are 11 digits too).
func detectSNILS(t *Text, n *number, _ map[string]bool) (span, bool) {
	if len(n.digits) != 11 {
		return span{}, false
	}
	switch {
	case n.layout(3, 3, 3, 2) && n.joins(joinSpace, joinDash):
	case n.layout(11):
		if !t.hasContext(n.a, snilsContext, contextWindow) {
			return span{}, false
		}
	default:
		return span{}, false
	}
	if !validSNILS(n.digits) {
		return span{}, false
	}
	return span{n.a, n.b}, true
}

// validSNILS checks the SNILS control number: the sum of the first nine digits weighted
// 9..1, taken mod 101, with 100 becoming 00. Numbers up to 001-001-998 were issued
// without a checksum; they are rejected rather than flagged on faith.
func validSNILS(d []byte) bool {
	if len(d) != 11 || atoi(d[:9]) <= 1001998 {
		return false
	}
	sum := 0
	for i := 0; i < 9; i++ {
		sum += int(d[i]-'0') * (9 - i)
	}
	check := sum % 101
	if check == 100 {
		check = 0
	}
	return check == atoi(d[9:])
}

// detectINN finds a taxpayer number written as one run of digits: 12 digits (a person,
// two check digits) is flagged alone; 10 digits (an organisation, one check digit, so one
// random number in ten passes) only with ИНН nearby.
func detectINN(t *Text, n *number, _ map[string]bool) (span, bool) {
	if !n.layout(len(n.digits)) || !validINN(n.digits) {
		return span{}, false
	}
	if len(n.digits) == 10 && !t.hasContext(n.a, innContext, contextWindow) {
		return span{}, false
	}
	return span{n.a, n.b}, true
}

var (
	inn10Weights = []int{2, 4, 10, 3, 5, 9, 4, 6, 8}
	inn11Weights = []int{7, 2, 4, 10, 3, 5, 9, 4, 6, 8}
	inn12Weights = []int{3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8}
)

// validINN checks the control digits of a 10- or 12-digit INN (weighted sum mod 11 mod 10).
func validINN(d []byte) bool {
	if d[0] == '0' && d[1] == '0' {
		return false // no region 00
	}
	switch len(d) {
	case 10:
		return innCheck(d, inn10Weights) == d[9]-'0'
	case 12:
		return innCheck(d, inn11Weights) == d[10]-'0' && innCheck(d, inn12Weights) == d[11]-'0'
	}
	return false
}

func innCheck(d []byte, w []int) byte {
	sum := 0
	for i, k := range w {
		sum += int(d[i]-'0') * k
	}
	return byte(sum % 11 % 10)
}

// detectCard finds a payment card: 13–19 digits, bare or grouped by single spaces or
// hyphens, starting as real schemes do (2 Mir/Mastercard, 3 Amex/JCB, 4 Visa, 5 Mastercard
// and Maestro, 6 UnionPay/Maestro), passing Luhn and not all one digit.
func detectCard(_ *Text, n *number, _ map[string]bool) (span, bool) {
	d := n.digits
	if len(d) < 13 || len(d) > 19 || d[0] < '2' || d[0] > '6' || allSame(d) {
		return span{}, false
	}
	if !n.joins(joinSpace, joinDash) || !luhn(d) {
		return span{}, false
	}
	return span{n.a, n.b}, true
}

// luhn checks the Luhn checksum: double every second digit from the right.
func luhn(d []byte) bool {
	sum := 0
	for i := range d {
		x := int(d[len(d)-1-i] - '0')
		if i%2 == 1 {
			x *= 2
			if x > 9 {
				x -= 9
			}
		}
		sum += x
	}
	return sum%10 == 0
}

// detectPhone finds a Russian phone number a customer left: +7/8 and ten digits, or ten
// digits alone when they are a mobile (9xx) or written with a 3-digit area code first.
// Toll-free 8-800/8-804 numbers and the rule's allow list are the company's, not personal data.
func detectPhone(_ *Text, n *number, allow map[string]bool) (span, bool) {
	if !n.joins(joinSpace, joinDash, joinMixed) {
		return span{}, false // № and «номер» belong to documents
	}
	d, sz := n.digits, n.sizes
	var nat []byte
	switch {
	case len(d) == 11 && (d[0] == '7' || d[0] == '8' && !n.plus):
		// 8 916 …, +7 (916) …, 8916 …, or all eleven digits together.
		if len(sz) > 1 && sz[0] != 1 && sz[0] != 4 {
			return span{}, false
		}
		nat = d[1:]
	case len(d) == 10 && !n.plus && !n.inside:
		// 916 123-45-67, (495) 123-45-67, or a bare mobile 9161234567.
		if len(sz) > 1 && sz[0] != 3 || len(sz) == 1 && d[0] != '9' {
			return span{}, false
		}
		nat = d
	default:
		return span{}, false
	}
	if nat[0] != '3' && nat[0] != '4' && nat[0] != '8' && nat[0] != '9' {
		return span{}, false
	}
	if string(nat[:3]) == "800" || string(nat[:3]) == "804" || allow[string(nat)] {
		return span{}, false
	}
	s := span{n.a, n.b}
	if n.plus || n.paren {
		s.a--
	}
	return s, true
}

// nationalNumber turns phone digits into the 10-digit national number used to compare
// numbers however they were written.
func nationalNumber(d string) (string, bool) {
	switch {
	case len(d) == 11 && (d[0] == '7' || d[0] == '8'):
		return d[1:], true
	case len(d) == 10:
		return d, true
	}
	return "", false
}

func atoi(d []byte) int {
	x := 0
	for _, c := range d {
		x = x*10 + int(c-'0')
	}
	return x
}
