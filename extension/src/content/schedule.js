// Package schedule: debounced, latest-wins work for checks and suggestions. Pure (timers and AbortController only),
// so Node tests cover it.

/**
 * Latest runs `run` for the last input pushed, `delay` ms after the pushes stop. A newer push aborts the older run's
 * signal: an engine call given that signal and a lane (shared/protocol.js) is then cancelled before the engine runs
 * it, and an answer that still arrives is dropped: the agent only ever sees answers about the text they have now.
 * @template I, R
 * @param {object} o
 * @param {number} o.delay debounce in ms
 * @param {(input: I, signal: AbortSignal, seq: number) => Promise<R>} o.run does the work
 * @param {(result: R, input: I, seq: number) => void} o.onResult gets only current answers
 * @param {(err: any, input: I) => void} [o.onError] gets only current failures
 * @param {AbortSignal} [o.signal] stops everything when aborted
 */
export function latest({ delay, run, onResult, onError, signal }) {
  let timer = null;
  let seq = 0;
  let ctrl = null;
  const stats = { started: 0, delivered: 0, dropped: 0 };

  const stop = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (ctrl) ctrl.abort();
    ctrl = null;
  };
  signal?.addEventListener('abort', stop, { once: true });

  const fire = async (input, my) => {
    timer = null;
    const c = new AbortController();
    ctrl = c;
    stats.started++;
    let result;
    try {
      result = await run(input, c.signal, my);
    } catch (err) {
      if (my === seq && !c.signal.aborted) onError?.(err, input);
      else stats.dropped++;
      return;
    }
    if (my !== seq || c.signal.aborted || signal?.aborted) {
      stats.dropped++;
      return;
    }
    if (ctrl === c) ctrl = null;
    stats.delivered++;
    onResult(result, input, my);
  };

  return {
    /** Push schedules work for a new input and makes every older one stale. */
    push(input, wait = delay) {
      if (signal?.aborted) return;
      stop();
      const my = ++seq;
      timer = setTimeout(() => fire(input, my), wait);
    },
    /** Cancel drops pending and running work. */
    cancel() {
      seq++;
      stop();
    },
    /** Busy is true while work is scheduled or running. */
    get busy() {
      return timer !== null || ctrl !== null;
    },
    /** Stats counts started, delivered and dropped (stale) runs. */
    stats,
  };
}

/**
 * Debounce calls fn `ms` after the last call; cancel() forgets a pending call.
 * @param {(...a: any[]) => void} fn
 * @param {number} ms
 */
export function debounce(fn, ms) {
  let t = null;
  const d = (...a) => {
    if (t !== null) clearTimeout(t);
    t = setTimeout(() => {
      t = null;
      fn(...a);
    }, ms);
  };
  d.cancel = () => {
    if (t !== null) clearTimeout(t);
    t = null;
  };
  return d;
}
