import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "~/modules/auth/redirect";

const APP = "https://waymark.council.example";

describe("where sign-in may redirect to", () => {
  it.each([
    ["/", "/"],
    ["/projects/x?tab=1", "/projects/x?tab=1"],
    ["/projects/x/actions#a-12", "/projects/x/actions#a-12"],
    ["/my-actions?due=2026-03-27&owner=me", "/my-actions?due=2026-03-27&owner=me"],
    ["/projects/../admin", "/admin"],
    ["/search?q=%2F%2Fnot-a-host", "/search?q=%2F%2Fnot-a-host"],
  ])("keeps the same-origin path %j", (input, expected) => {
    expect(safeRedirectPath(input, APP)).toBe(expected);
  });

  it.each([
    ["scheme-relative", "//evil.example/"],
    ["scheme-relative with a backslash", "/\\evil.example"],
    ["backslashes only", "\\\\evil.example"],
    ["a tab the browser strips (the reported attack)", "/\t/evil.example/"],
    ["a newline the browser strips", "/\n/evil.example/"],
    ["carriage return and line feed (header injection)", "/x\r\nSet-Cookie: a=b"],
    ["a NUL byte", "/\u0000/evil.example"],
    ["a C1 control", "/\u0085/evil.example"],
    ["percent-encoded tab", "/%09/evil.example/"],
    ["percent-encoded slash pair", "/%2F/evil.example"],
    ["percent-encoded backslash", "/%5Cevil.example"],
    ["percent-encoded CR LF", "/%0D%0ASet-Cookie:%20a=b"],
    ["malformed percent-encoding", "/%E0%A4%A"],
    ["an absolute URL to another origin", "https://evil.example/"],
    ["an absolute URL to our own origin (not a path)", `${APP}/admin`],
    ["another scheme", "javascript:alert(1)"],
    ["a data URL", "data:text/html,hi"],
    ["a relative path without a leading slash", "evil.example"],
    ["a leading space", " /admin"],
    ["the empty string", ""],
    ["something very long", `/${"a".repeat(3000)}`],
  ])("refuses %s", (_why, input) => {
    expect(safeRedirectPath(input, APP)).toBe("/");
  });

  it.each([null, undefined, 42, {}, ["/admin"]])("refuses a value that is not text (%j)", (input) => {
    expect(safeRedirectPath(input, APP)).toBe("/");
  });

  it("uses the fallback given", () => {
    expect(safeRedirectPath("//evil.example", APP, "/my-actions")).toBe("/my-actions");
  });
});
