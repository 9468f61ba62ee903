import { json } from "~/utils/json.server";

describe("a loader's JSON response without the round trip", () => {
  it("hands the data itself to Remix, and writes the same JSON as Remix's json() for anyone who reads the body", async () => {
    let serialised = 0;
    const data = {
      title: "Action plan",
      rows: [{ id: 1, ref: "1.2", flags: [] }],
      note: "Quotes \" and <tags> & ünïcode",
      toJSON() {
        serialised++;
        return { title: this.title, rows: this.rows, note: this.note };
      },
    };
    const response = json(data, { status: 400, headers: { ETag: 'W/"x"' } });
    expect(response.status).toBe(400);
    expect(response.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("ETag")).toBe('W/"x"');
    // What Remix's router reads for the page: the very object, not a copy parsed back.
    expect(await response.json()).toBe(data);
    await new Promise((r) => setTimeout(r, 10));
    expect(serialised).toBe(0);
    // What a client-side navigation (?_data=) reads: the body, as JSON.
    const body = await json(data).text();
    expect(serialised).toBe(1);
    expect(JSON.parse(body)).toEqual({ title: data.title, rows: data.rows, note: data.note });
    expect(body).toBe(JSON.stringify(data));
    expect(json({ ok: true }, 201).status).toBe(201);
  });
});
