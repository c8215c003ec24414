// Claims on a document must be seen by every copy of the content script. In Firefox each frame's copy reaches the
// DOM through its own Xray wrapper, whose properties (expandos) the other copies do not see; only the DOM itself
// (events, attributes) is shared. The fake below gives each copy its own wrapper over one event target, like that.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { claim, served } from '../../src/content/frames.js';

// XrayLike is one copy's view of a shared document: DOM methods reach the target, own properties stay private.
function xrayLike(target) {
  return {
    addEventListener: (...a) => target.addEventListener(...a),
    removeEventListener: (...a) => target.removeEventListener(...a),
    dispatchEvent: (e) => target.dispatchEvent(e),
  };
}

test('a document claimed through one wrapper is served for a copy with another', () => {
  const doc = new EventTarget();
  const parentCopy = xrayLike(doc);
  const frameCopy = xrayLike(doc);
  const life = new AbortController();
  assert.equal(served(frameCopy), false, 'nobody serves it yet');
  assert.equal(claim(parentCopy, life.signal), true);
  assert.equal(served(frameCopy), true, 'the frame’s own copy sees the parent’s claim');
  assert.equal(claim(frameCopy, new AbortController().signal), false, 'and steps back');
  life.abort();
  assert.equal(served(frameCopy), false, 'a stopped copy releases the document');
  assert.equal(claim(frameCopy, new AbortController().signal), true, 'so another copy can take it');
});
