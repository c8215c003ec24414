package morph

import (
	"bytes"
	"compress/gzip"
	"os"
	"testing"

	"github.com/sufler/sufler/rules/morph/internal/build"
)

func TestTune(t *testing.T) {
	if os.Getenv("TUNE") == "" {
		t.Skip()
	}
	for _, o := range []build.Options{
		build.DefaultOptions,
	} {
		data, _, err := build.BuildWith("internal/gen/node_modules/az/dicts", "internal/gen/vocabulary.txt", o)
		if err != nil {
			t.Fatal(err)
		}
		var z bytes.Buffer
		g, _ := gzip.NewWriterLevel(&z, 9)
		g.Write(data)
		g.Close()
		d, err := Load(data)
		if err != nil {
			t.Fatal(err)
		}
		n, any, first, la, lf := guessAccuracy(d, 7)
		r := func(k int) float64 { return float64(k) / float64(n) }
		t.Logf("%+v raw %d gzip %d: reading any %.3f first %.3f; lemma any %.3f first %.3f", o, len(data), z.Len(), r(any), r(first), r(la), r(lf))
	}
}
