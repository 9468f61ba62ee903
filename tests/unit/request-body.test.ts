import { FORM_ONLY_MESSAGE, guardFormData, UNREADABLE_FORM_MESSAGE, withGuardedActions } from "~/utils/request-body.server";

const post = (contentType: string | null, body: string) =>
  new Request("http://localhost/x", { method: "POST", headers: contentType ? { "Content-Type": contentType } : {}, body });

async function thrown(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected formData() to throw");
}

describe("reading a form body", () => {
  it("reads real forms as before", async () => {
    expect((await guardFormData(post("application/x-www-form-urlencoded", "a=1&b=2")).formData()).get("b")).toBe("2");
    const multipart = '--B\r\nContent-Disposition: form-data; name="a"\r\n\r\nhello\r\n--B--\r\n';
    expect((await guardFormData(post("multipart/form-data; boundary=B", multipart)).formData()).get("a")).toBe("hello");
  });

  it.each([
    ["application/json", '{"title":"x"}'],
    ["text/plain", "title=x"],
    ["application/xml", "<x/>"],
    [null, "title=x"],
  ])("answers 415 with a message for %s", async (type, body) => {
    const error = await thrown(guardFormData(post(type, body)).formData());
    expect(error).toBeInstanceOf(Response);
    expect((error as Response).status).toBe(415);
    expect(await (error as Response).text()).toBe(FORM_ONLY_MESSAGE);
  });

  it.each([
    ["multipart/form-data; boundary=B", "this is not multipart"],
    ["multipart/form-data", '--B\r\nContent-Disposition: form-data; name="a"\r\n\r\nx\r\n--B--'],
  ])("answers 400 with a message for broken multipart (%s)", async (type, body) => {
    const error = await thrown(guardFormData(post(type, body)).formData());
    expect((error as Response).status).toBe(400);
    expect(await (error as Response).text()).toBe(UNREADABLE_FORM_MESSAGE);
  });

  it("wraps every action of a build, and leaves routes without one alone", async () => {
    const build = {
      routes: {
        withAction: { id: "a", module: { action: async ({ request }: { request: Request }) => (await request.formData()).get("a") } },
        loaderOnly: { id: "b", module: {} },
      },
      other: 1,
    };
    const guarded = withGuardedActions(build);
    expect(guarded.other).toBe(1);
    expect(guarded.routes.loaderOnly).toBe(build.routes.loaderOnly);
    const action = guarded.routes.withAction.module.action!;
    expect(await action({ request: post("application/x-www-form-urlencoded", "a=ok") })).toBe("ok");
    expect(((await thrown(Promise.resolve().then(() => action({ request: post("application/json", "{}") })))) as Response).status).toBe(415);
  });
});
