package knowledge

import (
	"fmt"
	"strings"

	"github.com/sufler/sufler/knowledge/pack"
)

// SegmentError reports a segment no loaded pack has. The HTTP layer answers it with 400.
type SegmentError struct {
	// Segment is the id asked for.
	Segment string
	// Valid lists the segment ids of the loaded packs, in pack order.
	Valid []string
}

func (e *SegmentError) Error() string {
	if len(e.Valid) == 0 {
		return fmt.Sprintf("unknown segment %q: no packs are loaded", e.Segment)
	}
	return fmt.Sprintf("unknown segment %q (valid: %s)", e.Segment, strings.Join(e.Valid, ", "))
}

// KindError reports an entry kind other than "template" or "case". The HTTP layer answers it with 400.
type KindError struct {
	// Kind is the kind asked for.
	Kind string
}

func (e *KindError) Error() string {
	return fmt.Sprintf("unknown kind %q (valid: %s, %s)", e.Kind, pack.KindTemplate, pack.KindCase)
}

// InvalidPackError reports a pack Put refused; nothing changed. The HTTP layer answers it
// with 400 and the problems.
type InvalidPackError struct {
	// ID is the pack's id when it could be read, else "".
	ID string
	// Problems lists everything wrong, as Parse reports it.
	Problems []pack.Problem
}

func (e *InvalidPackError) Error() string {
	name := "pack"
	if e.ID != "" {
		name = fmt.Sprintf("pack %q", e.ID)
	}
	switch n := len(e.Problems); n {
	case 0:
		return name + " is invalid"
	case 1:
		return fmt.Sprintf("%s has a problem: %s", name, e.Problems[0])
	default:
		return fmt.Sprintf("%s has %d problems, the first: %s", name, n, e.Problems[0])
	}
}
