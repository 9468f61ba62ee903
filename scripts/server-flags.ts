// How `npm start` runs the server (package.json's "start" script says the same; a unit test checks
// they agree), for the bench and the browser tests, so they measure and test the server as run.
// The old-space limit bounds the heap V8 keeps: without it V8 grows the heap with the allocation
// rate and a server that served a few large pages at once sat at 400-570 MB. The live heap under
// the bench's heaviest load (ten 1,000-row plans at once) fits in 96 MB; 192 MB leaves twice that.
// Raise it for very large installs: `node --max-old-space-size=512 server.js`. Decision 0024.
export const SERVER_NODE_FLAGS = ["--max-old-space-size=192"];
