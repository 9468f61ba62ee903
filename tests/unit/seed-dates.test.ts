import { addDays, dateShifter, daysBetween, fmt, londonToday } from "../../seeds/dates";

describe("demo date shifting", () => {
  it("moves the anchor onto today and keeps every gap", () => {
    const shift = dateShifter("2005-07-25", "2026-11-22");
    expect(shift("2005-07-25")).toBe("2026-11-22");
    expect(daysBetween(shift("2005-06-30"), shift("2005-10-31"))).toBe(daysBetween("2005-06-30", "2005-10-31"));
    expect(shift("2005-06-30") < "2026-11-22").toBe(true);
    expect(shift("2005-10-31") > "2026-11-22").toBe(true);
    expect(Number.isInteger(shift.days)).toBe(true);
  });

  it("crosses month ends, leap days and years", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
    expect(addDays("2008-12-31", 1)).toBe("2009-01-01");
    expect(daysBetween("2009-01-08", "2008-12-29")).toBe(-10);
  });

  it("refuses something that is not a date", () => {
    expect(() => addDays("2008-13-45", 1)).toThrow(/calendar date|YYYY-MM-DD/);
    expect(() => dateShifter("8 Jan 09", "2026-11-22")).toThrow(/YYYY-MM-DD/);
  });

  it("writes dates the way the action plan does", () => {
    expect(fmt.monYY("2008-11-30")).toBe("Nov 08");
    expect(fmt.dMonYY("2009-01-05")).toBe("5 Jan 09");
    expect(fmt.monthYYYY("2009-04-30")).toBe("April 2009");
  });

  it("takes today's date in London, not UTC", () => {
    // 23:30 UTC on 30 June is already 1 July in British Summer Time.
    expect(londonToday(new Date("2026-06-30T23:30:00Z"))).toBe("2026-07-01");
    expect(londonToday(new Date("2026-12-31T23:30:00Z"))).toBe("2026-12-31");
  });
});
