// Package lanes keeps superseded work out of the engine. The engine is one single-threaded Go program: a check it
// runs for text the agent has already typed past delays the check they are waiting for. Requests on one lane (one
// field's checks, one frame's suggestions) go to the engine one at a time; while one runs, only the newest waits,
// and every older waiting one is answered "superseded" without the engine hearing of it. A cancel drops the waiting
// one too, and a request arriving after a newer seq was seen on its lane never starts. Pure (no timers, no DOM).

/**
 * Creates the lanes. `max` bounds how many idle lanes are remembered (their latest seq) before the oldest idle ones
 * are forgotten.
 */
export function createLanes({ max = 1000 } = {}) {
  /** @type {Map<string, {busy: boolean, latest: number, waiting: null | {seq: number, go: (ok: boolean) => void}}>} */
  const lanes = new Map();
  const stats = { started: 0, superseded: 0 };

  function lane(name) {
    let l = lanes.get(name);
    if (!l) {
      l = { busy: false, latest: -1, waiting: null };
      lanes.set(name, l);
      if (lanes.size > max) {
        for (const [k, v] of lanes) {
          if (lanes.size <= max) break;
          if (!v.busy && !v.waiting) lanes.delete(k);
        }
      }
    }
    return l;
  }

  function drop(l) {
    if (!l.waiting) return;
    stats.superseded++;
    l.waiting.go(false);
    l.waiting = null;
  }

  return {
    /**
     * Enter resolves true when the request may go to the engine now, false when it was superseded (by a newer seq
     * on its lane, or a cancel) first. A true must be followed by leave(name) once the engine answered. Requests
     * without a lane always go at once.
     */
    enter(name, seq) {
      if (!name) return Promise.resolve(true);
      const l = lane(name);
      if (seq <= l.latest) {
        stats.superseded++;
        return Promise.resolve(false);
      }
      l.latest = seq;
      drop(l);
      if (!l.busy) {
        l.busy = true;
        stats.started++;
        return Promise.resolve(true);
      }
      return new Promise((go) => { l.waiting = { seq, go }; });
    },
    /** Leave says the lane's running request got its answer; the newest waiting one (if any) starts. */
    leave(name) {
      if (!name) return;
      const l = lanes.get(name);
      if (!l) return;
      if (l.waiting) {
        const w = l.waiting;
        l.waiting = null;
        stats.started++;
        w.go(true);
      } else {
        l.busy = false;
      }
    },
    /** Cancel drops the lane's waiting request if its seq is at most `seq`, and refuses such seqs from now on. */
    cancel(name, seq) {
      const l = lane(name);
      l.latest = Math.max(l.latest, seq);
      if (l.waiting && l.waiting.seq <= seq) drop(l);
    },
    /** Counts requests started and superseded (tests, status). */
    stats,
    /** How many lanes are remembered. */
    get size() { return lanes.size; },
  };
}
