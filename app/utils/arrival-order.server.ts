// Requests start in the order they arrived, one per turn of the event loop (server.js puts this
// first). A page is worked out in one go (SQLite answers synchronously), so the server runs one at
// a time anyway; but every request read in one turn used to start at once, in the order the
// sockets were polled rather than the order the requests came in, so under load some waited for
// two rounds of others and some for none (ten at once on a plan page: p50 76 ms, p99 231 ms; in
// arrival order, 90 and 180). A request waiting for I/O (a body, an email) still lets others run.
// Decision 26.

/** An Express middleware: queues each request and starts the oldest one per turn. */
export function arrivalOrder() {
  const waiting: Array<() => void> = [];
  let turnBooked = false;
  function startNext() {
    turnBooked = waiting.length > 1;
    // Booked before starting this one: it runs next turn, after the requests that arrive meanwhile are read and queued.
    if (turnBooked) setImmediate(startNext);
    waiting.shift()?.();
  }
  return (_req: unknown, _res: unknown, next: () => void) => {
    waiting.push(next);
    if (!turnBooked) {
      turnBooked = true;
      setImmediate(startNext);
    }
  };
}
