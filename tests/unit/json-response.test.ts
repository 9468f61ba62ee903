import { json } from "~/utils/json.server";

describe("a loader's JSON response without the round trip", () => {
  it("hands the data itself to Remix, and writes the same JSON as Remix's json() for anyone who reads the body", async () => {
    const data = { title: "Action plan", rows: [{ id: 1, ref: "1.2", flags: [] }], note: "Quotes \" and <tags> & ünïcode" };
    const response = json(data, { status: 400, headers: { ETag: 'W/"x"' } });
    expect(response.status).toBe(400);
    expect(response.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("ETag")).toBe('W/"x"');
    // What Remix's router reads for the page: the very object, not a copy parsed back.
    expect(await response.json()).toBe(data);
    // What a client-side navigation (?_data=) reads: the body, as JSON.
    const body = await json(data).text();
    expect(JSON.parse(body)).toEqual(data);
    expect(body).toBe(JSON.stringify(data));
    expect(json({ ok: true }, 201).status).toBe(201);
  });
});
