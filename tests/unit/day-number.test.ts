import { dayNumber, fromDayNumber, isIsoDate } from "~/utils/dates";

// dayNumber counts days arithmetically (no Date.UTC): it must agree with Date.UTC everywhere.
describe("dayNumber", () => {
  it("agrees with Date.UTC on every day from 1899 to 2101", () => {
    const wrong: string[] = [];
    for (let day = Date.UTC(1899, 0, 1) / 86_400_000; day <= Date.UTC(2101, 11, 31) / 86_400_000; day++) {
      const iso = new Date(day * 86_400_000).toISOString().slice(0, 10);
      if (dayNumber(iso) !== day || fromDayNumber(dayNumber(iso)) !== iso) wrong.push(iso);
    }
    expect(wrong).toEqual([]);
  });

  it("rolls a day past the month's end over as Date.UTC does, so isIsoDate refuses it", () => {
    expect(dayNumber("2026-02-30")).toBe(Date.UTC(2026, 2, 2) / 86_400_000);
    expect(dayNumber("2024-02-30")).toBe(Date.UTC(2024, 2, 1) / 86_400_000);
    expect(dayNumber("2026-13-01")).toBe(Date.UTC(2027, 0, 1) / 86_400_000);
    expect(dayNumber("2026-00-10")).toBe(Date.UTC(2025, 11, 10) / 86_400_000);
    expect(isIsoDate("2026-02-30")).toBe(false);
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2026-13-01")).toBe(false);
  });

  it("refuses what is not YYYY-MM-DD", () => {
    for (const bad of ["", "2026-1-01", "2026-01-1", "2026/01/01", "20260101", "2026-01-01T00:00", "２０２６-01-01", "2026-0a-01", " 2026-01-01"])
      expect(() => dayNumber(bad), bad).toThrow(/not a date/);
  });
});
