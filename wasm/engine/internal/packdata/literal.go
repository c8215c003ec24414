package packdata

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// Literal writes v as a Go expression: a composite literal for structs, slices and maps,
// with types named as the generated file imports them (pack.Segment, rules.Examples).
// Zero fields are left out; a nil slice or map stays nil and an empty one stays empty, so
// the data reads back reflect.DeepEqual to what was written. It walks the value itself,
// field by field, so a field added to a pack's types is generated without a change here.
func Literal(v any) (string, error) {
	var b strings.Builder
	if err := literal(&b, reflect.ValueOf(v), true); err != nil {
		return "", err
	}
	return b.String(), nil
}

// element is Literal for an element of a slice literal, whose type Go lets be left out.
func element(v any) (string, error) {
	var b strings.Builder
	if err := literal(&b, reflect.ValueOf(v), false); err != nil {
		return "", err
	}
	return b.String(), nil
}

// literal writes v; typed says whether a composite literal needs its type (false for the
// elements of a slice or map, where Go lets it be left out).
func literal(b *strings.Builder, v reflect.Value, typed bool) error {
	switch v.Kind() {
	case reflect.String:
		b.WriteString(strconv.Quote(v.String()))
	case reflect.Bool:
		b.WriteString(strconv.FormatBool(v.Bool()))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		b.WriteString(strconv.FormatInt(v.Int(), 10))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		b.WriteString(strconv.FormatUint(v.Uint(), 10))
	case reflect.Float32, reflect.Float64:
		b.WriteString(strconv.FormatFloat(v.Float(), 'g', -1, 64))
	case reflect.Slice:
		if v.IsNil() {
			b.WriteString("nil")
			return nil
		}
		b.WriteString(v.Type().String() + "{")
		for i := range v.Len() {
			if i > 0 {
				b.WriteString(", ")
			}
			if err := literal(b, v.Index(i), false); err != nil {
				return err
			}
		}
		b.WriteString("}")
	case reflect.Map:
		if v.IsNil() {
			b.WriteString("nil")
			return nil
		}
		b.WriteString(v.Type().String() + "{")
		keys := v.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(fmt.Sprint(a), fmt.Sprint(b)) })
		for i, k := range keys {
			if i > 0 {
				b.WriteString(", ")
			}
			if err := literal(b, k, false); err != nil {
				return err
			}
			b.WriteString(": ")
			if err := literal(b, v.MapIndex(k), false); err != nil {
				return err
			}
		}
		b.WriteString("}")
	case reflect.Struct:
		if typed {
			b.WriteString(v.Type().String())
		}
		b.WriteString("{")
		n := 0
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if v.Field(i).IsZero() {
				continue
			}
			if !f.IsExported() {
				return fmt.Errorf("%s.%s is unexported: the generated data cannot set it", v.Type(), f.Name)
			}
			if n > 0 {
				b.WriteString(", ")
			}
			n++
			b.WriteString(f.Name + ": ")
			if err := literal(b, v.Field(i), true); err != nil {
				return err
			}
		}
		b.WriteString("}")
	case reflect.Interface:
		if v.IsNil() {
			b.WriteString("nil")
			return nil
		}
		return literal(b, v.Elem(), true)
	default:
		return fmt.Errorf("cannot write a %s as Go data", v.Type())
	}
	return nil
}
