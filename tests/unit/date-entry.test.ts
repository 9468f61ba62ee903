import { describe, expect, it } from "vitest";
import { formatDateEntry, parseDateEntry } from "~/utils/dates";
import { optionalDate, requiredDate } from "~/utils/forms";

const ok = (date: string) => ({ ok: true, date });

describe("parseDateEntry: dates as people type them", () => {
  it.each([
    ["27/3/2027", "2027-03-27"],
    ["27/03/2027", "2027-03-27"],
    ["27 3 2027", "2027-03-27"],
    ["27-3-2027", "2027-03-27"],
    ["27.3.2027", "2027-03-27"],
    ["27 March 2027", "2027-03-27"],
    ["27 march 2027", "2027-03-27"],
    ["27 Mar 2027", "2027-03-27"],
    ["27 Mar. 2027", "2027-03-27"],
    ["27th March 2027", "2027-03-27"],
    ["1 Sept 2027", "2027-09-01"],
    ["3 June, 2027", "2027-06-03"],
    ["2027-03-27", "2027-03-27"],
    ["2027-3-7", "2027-03-07"],
  ])("reads %s as %s", (input, iso) => {
    expect(parseDateEntry(input)).toEqual(ok(iso));
  });

  it("ignores spaces around and between the parts", () => {
    expect(parseDateEntry("  27 /  3 / 2027 ")).toEqual(ok("2027-03-27"));
    expect(parseDateEntry("\t27   March\n2027 ")).toEqual(ok("2027-03-27"));
    expect(parseDateEntry(" 2027-03-27 ")).toEqual(ok("2027-03-27"));
  });

  it("knows leap years: 29 February only when the year has one", () => {
    expect(parseDateEntry("29/2/2028")).toEqual(ok("2028-02-29"));
    expect(parseDateEntry("29 Feb 2000")).toEqual(ok("2000-02-29"));
    expect(parseDateEntry("29/2/2027")).toEqual({ ok: false, problem: "date" });
    expect(parseDateEntry("29 February 1900")).toEqual({ ok: false, problem: "date" });
    expect(parseDateEntry("2027-02-29")).toEqual({ ok: false, problem: "date" });
  });

  it("refuses days a month does not have and months that do not exist", () => {
    expect(parseDateEntry("31/4/2027")).toEqual({ ok: false, problem: "date" });
    expect(parseDateEntry("31 April 2027")).toEqual({ ok: false, problem: "date" });
    expect(parseDateEntry("0/4/2027")).toEqual({ ok: false, problem: "date" });
    expect(parseDateEntry("12/13/2027")).toEqual({ ok: false, problem: "date" });
    expect(parseDateEntry("3/27/2027")).toEqual({ ok: false, problem: "date" }); // US order is not guessed
    expect(parseDateEntry("27 Marchember 2027")).toEqual({ ok: false, problem: "date" });
    expect(parseDateEntry("27 Ma 2027")).toEqual({ ok: false, problem: "date" });
  });

  it("refuses a two-digit (or five-digit) year instead of guessing the century", () => {
    expect(parseDateEntry("27/3/27")).toEqual({ ok: false, problem: "year" });
    expect(parseDateEntry("27 Mar 27")).toEqual({ ok: false, problem: "year" });
    expect(parseDateEntry("27/3/20277")).toEqual({ ok: false, problem: "year" });
  });

  it("refuses text that is not a date", () => {
    for (const input of ["", "soon", "next Tuesday", "27/3", "2027", "27//3/2027", "0099-01-01"]) {
      expect(parseDateEntry(input).ok, input).toBe(false);
    }
  });

  it("shows a stored date the way it is typed, and reads it back", () => {
    expect(formatDateEntry("2027-03-27")).toBe("27 March 2027");
    expect(formatDateEntry("2027-09-01")).toBe("1 September 2027");
    expect(formatDateEntry(null)).toBe("");
    expect(parseDateEntry(formatDateEntry("2028-02-29"))).toEqual(ok("2028-02-29"));
  });
});

describe("the date schemas", () => {
  it("give the ISO date, or a message naming the field with an example", () => {
    expect(requiredDate("the target date").parse(" 27/3/2027 ")).toBe("2027-03-27");
    const bad = requiredDate("the target date").safeParse("31/4/2027");
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0].message).toBe("The target date must be a real date, for example 27 3 2027");
    expect(requiredDate("the target date").safeParse("").error!.issues[0].message).toBe("Enter the target date");
    expect(requiredDate("the target date").safeParse("1/1/27").error!.issues[0].message).toMatch(/4 numbers of the year/);
  });

  it("leave an optional date blank as null", () => {
    expect(optionalDate("due date").parse("")).toBeNull();
    expect(optionalDate("due date").parse("  ")).toBeNull();
    expect(optionalDate("due date").parse(undefined)).toBeNull();
    expect(optionalDate("due date").parse("27 Mar 2027")).toBe("2027-03-27");
    expect(optionalDate("due date").safeParse("soon").error!.issues[0].message).toBe("Due date must be a real date, for example 27 3 2027");
  });
});
