package index

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	bleveindex "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
	"github.com/blevesearch/vellum"
	zap "github.com/blevesearch/zapx/v16"
	"github.com/sufler/sufler/knowledge/pack"
)

// An index image is a pack's built search index as bytes: the one zap segment its slices
// were merged into (merge.go). The engine carries one for each default pack, so a start
// takes their index in without analysing a word (building them was most of a second of
// cold wasm before search answered). The format:
//
//	"sufler-index 1\n", then per segment: uvarint length, a zap v16 file (data and footer)
//
// The format allows several segments (images made before merging had one per slice), but
// images only hold what buildIndex builds: loadImage checks that the image is one segment
// holding the pack's entries in the order of its slices, and TestPrebuilt (wasm/engine) that an image holds
// what building the pack gives today (Digest).

const imageMagic = "sufler-index 1\n"

// segmentType names Sufler's segment plugin: zap v16 with documents in id order, and a
// way in for image segments.
const segmentType = "sufler-zap"

func init() { scorch.RegisterSegmentPlugin(&sortedZap{&zap.ZapPlugin{}}, false) }

// indexConfig makes scorch use sortedZap. It is a new map every time: bleve writes into it.
func indexConfig() map[string]any {
	return map[string]any{"forceSegmentType": segmentType, "forceSegmentVersion": int(zap.Version)}
}

// sortedZap is zap v16 with two changes to New. Documents are numbered in id order:
// scorch hands them over in the order its analysis workers finish, so without the sort two
// builds of a pack would number its entries differently (and Digest would differ). And a batch that carries an image segment (see
// imageField) gets that segment back instead of a new one.
type sortedZap struct{ *zap.ZapPlugin }

func (*sortedZap) Type() string { return segmentType }

func (p *sortedZap) New(results []bleveindex.Document) (segment.Segment, uint64, error) {
	if seg := imageSegment(results); seg != nil {
		return seg, 0, nil
	}
	slices.SortFunc(results, func(a, b bleveindex.Document) int { return strings.Compare(a.ID(), b.ID()) })
	return p.ZapPlugin.New(results)
}

// imageField carries an image segment through a scorch batch, in a document of its own.
// It is not indexed, so analysis passes it by.
type imageField struct {
	*document.TextField
	seg segment.Segment
}

const imageFieldName = "\x00image"

func imageDoc(seg segment.Segment) *document.Document {
	d := document.NewDocument(imageFieldName)
	d.AddField(&imageField{document.NewTextFieldCustom(imageFieldName, nil, nil, 0, nil), seg})
	return d
}

func imageSegment(results []bleveindex.Document) segment.Segment {
	if len(results) != 1 {
		return nil
	}
	d, ok := results[0].(*document.Document)
	if !ok || d.ID() != imageFieldName {
		return nil
	}
	for _, f := range d.Fields {
		if f, ok := f.(*imageField); ok {
			return f.seg
		}
	}
	return nil
}

// Image builds p's search index, as a Put would, and returns it as an image. It
// writes temporary files, so it runs natively (the engine's generator), not in wasm.
//
// Each segment is rewritten by zap's merge, alone: a new segment lays out its postings in
// the order terms come out of bleve's token maps, which differs from build to build; a
// merge writes them in term order, so the same pack always gives the same image.
func Image(p *pack.Pack) ([]byte, error) {
	idx, err := buildIndex(p, nil)
	if err != nil {
		return nil, err
	}
	defer idx.Close()
	segs, err := segmentsOf(idx)
	if err != nil {
		return nil, fmt.Errorf("pack %s: %w", p.ID, err)
	}
	dir, err := os.MkdirTemp("", "sufler-image-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	out := []byte(imageMagic)
	for i, sb := range segs {
		path := filepath.Join(dir, strconv.Itoa(i))
		_, _, err := (&zap.ZapPlugin{}).Merge([]segment.Segment{sb}, []*roaring.Bitmap{nil}, path, nil, nil)
		if err != nil {
			return nil, fmt.Errorf("pack %s: rewrite segment %d: %w", p.ID, i, err)
		}
		seg, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		out = binary.AppendUvarint(out, uint64(len(seg)))
		out = append(out, seg...)
	}
	return out, nil
}

// ErrImage is wrapped by every reason an image is refused.
var ErrImage = errors.New("index image")

// readImage splits an image into its zap segments. The bytes must stay unchanged for as
// long as the segments are used: zap reads them in place.
func readImage(img []byte) ([]*zap.SegmentBase, error) {
	rest, ok := bytes.CutPrefix(img, []byte(imageMagic))
	if !ok {
		return nil, fmt.Errorf("%w: does not start with %q", ErrImage, strings.TrimSpace(imageMagic))
	}
	var segs []*zap.SegmentBase
	for len(rest) > 0 {
		n, k := binary.Uvarint(rest)
		if k <= 0 || n > uint64(len(rest)-k) || n < zap.FooterSize {
			return nil, fmt.Errorf("%w: segment %d: bad length", ErrImage, len(segs))
		}
		sb, err := openSegment(rest[k : k+int(n)])
		if err != nil {
			return nil, fmt.Errorf("%w: segment %d: %v", ErrImage, len(segs), err)
		}
		segs = append(segs, sb)
		rest = rest[k+int(n):]
	}
	return segs, nil
}

// openSegment reads a zap v16 file held in memory: its footer (read as zap's own Open
// reads it from a file), then the segment over the bytes before it.
func openSegment(file []byte) (*zap.SegmentBase, error) {
	foot := file[len(file)-zap.FooterSize:]
	u64 := func(i int) uint64 { return binary.BigEndian.Uint64(foot[i:]) }
	u32 := func(i int) uint32 { return binary.BigEndian.Uint32(foot[i:]) }
	// numDocs, storedIndexOffset, fieldsIndexOffset, sectionsIndexOffset, docValueOffset,
	// chunkMode, version, crc
	numDocs, stored, sections := u64(0), u64(8), u64(24)
	chunkMode, version, crc := u32(40), u32(44), u32(48)
	if version != zap.Version {
		return nil, fmt.Errorf("zap version %d, want %d", version, zap.Version)
	}
	mem := file[:len(file)-zap.FooterSize]
	memCRC := crc32.ChecksumIEEE(mem)
	if got := crc32.Update(memCRC, crc32.IEEETable, foot[:zap.FooterSize-4]); got != crc {
		return nil, fmt.Errorf("checksum %08x, want %08x", got, crc)
	}
	return zap.InitSegmentBase(mem, memCRC, chunkMode, numDocs, stored, sections)
}

// readPackImage reads an image and checks that it holds p's entries as buildIndex leaves
// them: one segment, the slices' entries in slice order, each slice's in id order.
func readPackImage(p *pack.Pack, img []byte) ([]*zap.SegmentBase, error) {
	segs, err := readImage(img)
	if err != nil {
		return nil, fmt.Errorf("pack %s: %w", p.ID, err)
	}
	var ids []string
	for i := range p.Templates {
		ids = append(ids, templateDocID(p.Templates[i].ID))
	}
	for i := range p.Cases {
		ids = append(ids, caseDocID(p.Cases[i].ID))
	}
	for chunk := range slices.Chunk(ids, sliceSize(len(ids))) {
		slices.Sort(chunk) // ids is ours: sorting a chunk in place is fine
	}
	if len(segs) != 1 {
		return nil, fmt.Errorf("pack %s: %w: %d segments, want 1", p.ID, ErrImage, len(segs))
	}
	if n := segs[0].Count(); n != uint64(len(ids)) {
		return nil, fmt.Errorf("pack %s: %w: %d entries, the pack has %d", p.ID, ErrImage, n, len(ids))
	}
	for k, id := range ids {
		got, err := segs[0].DocID(uint64(k))
		if err != nil || string(got) != id {
			return nil, fmt.Errorf("pack %s: %w: entry %d is %q, want %q (%v)", p.ID, ErrImage, k, got, id, err)
		}
	}
	return segs, nil
}

// loadImage makes p's index of its image, one segment per batch, calling yield (if set)
// after each (an image holds one segment today). Taking a segment in is cheap natively but not in cold wasm (tens of ms for
// the first pack), and a request that arrives meanwhile waits for the whole of it.
func loadImage(p *pack.Pack, img []byte, yield func()) (bleve.Index, error) {
	segs, err := readPackImage(p, img)
	if err != nil {
		return nil, err
	}
	idx, err := newIndex()
	if err != nil {
		return nil, fmt.Errorf("pack %s: create index: %w", p.ID, err)
	}
	for i, sb := range segs {
		b := idx.NewBatch()
		err := b.IndexAdvanced(imageDoc(sb))
		if err == nil {
			err = idx.Batch(b)
		}
		if err != nil {
			idx.Close()
			return nil, fmt.Errorf("pack %s: load segment %d: %w", p.ID, i, err)
		}
		if yield != nil {
			yield()
		}
	}
	return idx, nil
}

// Digest sums up what an image holds, whatever its layout: per segment, its entries
// and, field by field, every term with its postings (entry, frequency, norm). Two builds of
// one pack give the same digest; their bytes may differ, as zap writes a field's sections
// in map order.
func Digest(img []byte) (string, error) {
	segs, err := readImage(img)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	for i, sb := range segs {
		fmt.Fprintf(h, "segment %d: %d entries\n", i, sb.Count())
		for k := range sb.Count() {
			id, err := sb.DocID(k)
			if err != nil {
				return "", err
			}
			fmt.Fprintf(h, "%q\n", id)
		}
		for _, f := range slices.Sorted(slices.Values(sb.Fields())) {
			if err := digestField(h, sb, f); err != nil {
				return "", fmt.Errorf("segment %d field %s: %w", i, f, err)
			}
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func digestField(w io.Writer, sb *zap.SegmentBase, field string) error {
	d, err := sb.Dictionary(field)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "field %s\n", field)
	terms := d.AutomatonIterator(&vellum.AlwaysMatch{}, nil, nil)
	for {
		e, err := terms.Next()
		if err != nil || e == nil {
			return err
		}
		fmt.Fprintf(w, "%q %d:", e.Term, e.Count)
		pl, err := d.PostingsList([]byte(e.Term), nil, nil)
		if err != nil {
			return err
		}
		for it := pl.Iterator(true, true, false, nil); ; {
			p, err := it.Next()
			if err != nil {
				return err
			}
			if p == nil {
				break
			}
			fmt.Fprintf(w, " %d/%d/%g", p.Number(), p.Frequency(), p.Norm())
		}
		fmt.Fprintln(w)
	}
}
