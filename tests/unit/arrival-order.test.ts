import { describe, expect, it } from "vitest";
import { arrivalOrder } from "~/utils/arrival-order.server";

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("requests start in the order they arrived", () => {
  it("starts one queued request per turn of the event loop, oldest first, and queues later arrivals behind them", async () => {
    const middleware = arrivalOrder();
    const started: string[] = [];
    const arrive = (name: string) => middleware(null, null, () => started.push(name));
    arrive("a");
    arrive("b");
    arrive("c");
    expect(started).toEqual([]); // none starts in the turn that read it
    await turn();
    expect(started).toEqual(["a"]);
    arrive("d"); // read while the others wait: behind them
    await turn();
    expect(started).toEqual(["a", "b"]);
    await turn();
    await turn();
    expect(started).toEqual(["a", "b", "c", "d"]);
    await turn();
    arrive("e"); // an idle server starts the next arrival on the following turn
    await turn();
    expect(started).toEqual(["a", "b", "c", "d", "e"]);
  });

  it("keeps going when a request's handler throws", async () => {
    const middleware = arrivalOrder();
    const started: string[] = [];
    const errors: unknown[] = [];
    const onError = (e: unknown) => errors.push(e);
    process.on("uncaughtException", onError);
    try {
      middleware(null, null, () => {
        started.push("bad");
        throw new Error("boom");
      });
      middleware(null, null, () => started.push("next"));
      for (let i = 0; i < 4; i++) await turn();
    } finally {
      process.off("uncaughtException", onError);
    }
    expect(started).toEqual(["bad", "next"]);
  });
});
