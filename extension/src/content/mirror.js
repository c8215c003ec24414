// Package mirror: measures where characters of a textarea or text input land, with a hidden div styled like the
// field (a textarea has no API for the position of its characters). The arithmetic is in mirror-math.js.
import { mirrorStyle, toField, split } from './mirror-math.js';

/** Mirror measures one text control. It lives in the overlay's shadow root of the field's document. */
export class Mirror {
  /**
   * @param {HTMLTextAreaElement|HTMLInputElement} field
   * @param {ShadowRoot|Element} container where the hidden div goes (same document as the field)
   */
  constructor(field, container) {
    this.field = field;
    this.div = field.ownerDocument.createElement('div');
    this.div.setAttribute('aria-hidden', 'true');
    this.div.dataset.suflerMirror = '';
    this.text = this.div.appendChild(field.ownerDocument.createTextNode(''));
    container.appendChild(this.div);
  }

  // Sync copies the field's style and text; returns the field's and mirror's border boxes.
  sync() {
    const f = this.field;
    const cs = f.ownerDocument.defaultView.getComputedStyle(f);
    const multiline = f.localName === 'textarea';
    const st = mirrorStyle((p) => cs[p], { clientWidth: f.clientWidth, multiline });
    const s = this.div.style;
    for (const [k, v] of Object.entries(st)) s[k] = v;
    const value = f.value + '\u200b';
    if (this.text.nodeValue !== value) this.text.nodeValue = value;
    return { field: f.getBoundingClientRect(), mirror: this.div.getBoundingClientRect(), cs, multiline };
  }

  /**
   * Rects returns, for each [start, end) range of the field's value, the viewport rects of its characters as they
   * sit in the field now (scroll included; not clipped).
   * @param {{start:number, end:number}[]} ranges
   */
  rects(ranges) {
    const { field, mirror, cs, multiline } = this.sync();
    const doc = this.field.ownerDocument;
    const scroll = { scrollLeft: this.field.scrollLeft, scrollTop: this.field.scrollTop };
    // A single-line input centres its line vertically; the mirror puts it at the top of the content box.
    let dy = 0;
    if (!multiline) {
      const pad = (p) => parseFloat(cs[p]) || 0;
      const fieldH = this.field.clientHeight - pad('paddingTop') - pad('paddingBottom');
      const lineH = this.div.clientHeight - pad('paddingTop') - pad('paddingBottom');
      dy = Math.max(0, (fieldH - lineH) / 2);
    }
    const r = doc.createRange();
    return ranges.map(({ start, end }) => {
      const len = this.text.nodeValue.length;
      r.setStart(this.text, Math.min(start, len));
      r.setEnd(this.text, Math.min(Math.max(start, end), len));
      let list = Array.from(r.getClientRects());
      if (start === end) {
        // A collapsed range has no box in some engines: measure the next character's left edge instead.
        r.setEnd(this.text, Math.min(start + 1, len));
        const b = r.getClientRects()[0];
        list = b ? [{ left: b.left, right: b.left, top: b.top, bottom: b.bottom }] : [];
      }
      return toField(list, mirror, field, scroll).map((x) => ({ ...x, top: x.top + dy, bottom: x.bottom + dy }));
    });
  }

  /** Split is exported for tests of the text the mirror holds. */
  static split = split;

  /** Remove takes the mirror out of the document. */
  remove() {
    this.div.remove();
  }
}
