import { parseDeadline } from "~/modules/action/deadline";

const today = "2008-10-15";
const read = (text: string, on = today) => parseDeadline(text, { today: on });

describe("parseDeadline", () => {
  it("reads nothing from a deadline with no date in it", () => {
    expect(read("Ongoing")).toBeNull();
    expect(read("")).toBeNull();
    expect(read("   ")).toBeNull();
    expect(read("tba")).toBeNull();
    expect(read("Process design is Delivered")).toBeNull();
    // "may" in a sentence is not a month
    expect(read("This may slip")).toBeNull();
  });

  it("reads 'end of' a month as its last day", () => {
    expect(read("end of Nov 08")).toBe("2008-11-30");
    expect(read("Analysis by end of Nov 08")).toBe("2008-11-30");
    expect(read("End Feb 2008")).toBe("2008-02-29"); // leap year
    expect(read("end of February 09")).toBe("2009-02-28");
  });

  it("reads 'w/c' and 'week commencing' as that date", () => {
    expect(read("w/c 5 Jan 09")).toBe("2009-01-05");
    expect(read("Week commencing 5 Dec 08")).toBe("2008-12-05");
    expect(read("w/c 27 Oct 08")).toBe("2008-10-27");
  });

  it("reads a day, month and year written out", () => {
    expect(read("06 October 2008")).toBe("2008-10-06");
    expect(read("31 Jan 09")).toBe("2009-01-31");
    expect(read("4th Dec 08")).toBe("2008-12-04");
    expect(read("19 Sept. 2008")).toBe("2008-09-19");
  });

  it("reads GB numeric dates, day first, with two- or four-digit years", () => {
    expect(read("29/09/08")).toBe("2008-09-29");
    expect(read("01.12.2008")).toBe("2008-12-01");
    expect(read("5-1-09")).toBe("2009-01-05");
    expect(read("31/02/09")).toBeNull(); // no 31 February
    expect(read("12/13/08")).toBeNull(); // no month 13: not read as US 13 December
  });

  it("reads ISO dates", () => {
    expect(read("2026-03-27")).toBe("2026-03-27");
  });

  it("reads a month and year alone as the end of that month", () => {
    expect(read("April 09")).toBe("2009-04-30");
    expect(read("Sept 2008")).toBe("2008-09-30");
    expect(read("June 08")).toBe("2008-06-30");
  });

  it("places two-digit years within 50 years of today", () => {
    expect(read("31 Jan 09", "2026-11-22")).toBe("2009-01-31");
    expect(read("31 Jan 30", "2026-11-22")).toBe("2030-01-31");
    expect(read("31 Jan 98", "2026-11-22")).toBe("1998-01-31");
    expect(read("31/01/76", "2026-11-22")).toBe("2076-01-31");
    expect(read("31/01/77", "2026-11-22")).toBe("1977-01-31");
  });

  it("places a date with no year at the coming such date", () => {
    expect(read("5 Jan", "2008-11-20")).toBe("2009-01-05");
    expect(read("5 Oct", "2008-11-20")).toBe("2008-10-05");
    expect(read("end of March", "2008-11-20")).toBe("2009-03-31");
  });

  it("takes the latest date when several are written", () => {
    expect(read("Start September 08 for 1st Pilot End Mar 09")).toBe("2009-03-31");
    expect(read("Implement Programme board recommendation Jan 09 to Feb 09")).toBe("2009-02-28");
    expect(read("Scope by w/c 5 Dec 08. Implement 19 Jan 09")).toBe("2009-01-19");
  });
});
