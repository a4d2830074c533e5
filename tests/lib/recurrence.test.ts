import { describe, expect, it } from "vitest";
import {
  expandDates,
  expandRecurrence,
  MAX_OCCURRENCES,
  type RecurrenceRule,
} from "../../app/lib/recurrence";
import { copenhagenToUtc, utcToCopenhagen } from "../../app/lib/zoned-time";

const firstTuesday: RecurrenceRule = { kind: "monthly", weekday: 2, nth: 1 };
const lastThursday: RecurrenceRule = { kind: "monthly", weekday: 4, nth: -1 };

/** The Copenhagen wall-clock time ("HH:MM") of each occurrence's start. */
const wallClock = (occurrences: { startsAt: string }[]) =>
  occurrences.map((o) => utcToCopenhagen(o.startsAt).time);

describe("expandDates", () => {
  it("finds the first Tuesday of each month", () => {
    expect(expandDates(firstTuesday, { firstDate: "2026-01-01", untilDate: "2026-04-30" })).toEqual(
      ["2026-01-06", "2026-02-03", "2026-03-03", "2026-04-07"],
    );
  });

  it("skips a month whose occurrence falls before the first date", () => {
    expect(expandDates(firstTuesday, { firstDate: "2026-01-07", untilDate: "2026-03-03" })).toEqual(
      ["2026-02-03", "2026-03-03"],
    );
  });

  it("finds the last Thursday, also in February and in a month of five Thursdays", () => {
    expect(expandDates(lastThursday, { firstDate: "2026-01-01", untilDate: "2026-04-30" })).toEqual(
      ["2026-01-29", "2026-02-26", "2026-03-26", "2026-04-30"],
    );
  });

  it("steps every second week from the first matching weekday on or after the first date", () => {
    // 2026-03-10 is a Tuesday; the first Wednesday is the day after.
    expect(
      expandDates(
        { kind: "weekly", weekday: 3, interval: 2 },
        { firstDate: "2026-03-10", untilDate: "2026-05-06" },
      ),
    ).toEqual(["2026-03-11", "2026-03-25", "2026-04-08", "2026-04-22", "2026-05-06"]);
  });

  it("stops at the until-date, inclusive", () => {
    const rule: RecurrenceRule = { kind: "weekly", weekday: 1, interval: 1 };
    expect(expandDates(rule, { firstDate: "2026-06-01", untilDate: "2026-06-15" })).toEqual([
      "2026-06-01",
      "2026-06-08",
      "2026-06-15",
    ]);
    expect(expandDates(rule, { firstDate: "2026-06-01", untilDate: "2026-06-14" })).toHaveLength(2);
  });

  it("caps the number of occurrences and the span", () => {
    const weekly: RecurrenceRule = { kind: "weekly", weekday: 1, interval: 1 };
    const many = expandDates(weekly, { firstDate: "2026-01-05", untilDate: "2040-01-01" });
    expect(many).toHaveLength(MAX_OCCURRENCES);
    expect(many.at(-1)).toBe("2027-02-22");
    // A monthly series far into the future stops about two years after its first date.
    const monthly = expandDates(firstTuesday, { firstDate: "2026-01-01", untilDate: "2040-01-01" });
    expect(monthly).toHaveLength(24);
    expect(monthly.at(-1)).toBe("2027-12-07");
    expect(
      expandDates(weekly, { firstDate: "2026-01-05", untilDate: "2040-01-01", max: 3 }),
    ).toEqual(["2026-01-05", "2026-01-12", "2026-01-19"]);
  });

  it("gives nothing for an until-date before the first date or a malformed date", () => {
    expect(expandDates(firstTuesday, { firstDate: "2026-05-01", untilDate: "2026-04-01" })).toEqual(
      [],
    );
    expect(expandDates(firstTuesday, { firstDate: "2026-02-30", untilDate: "2026-04-01" })).toEqual(
      [],
    );
  });
});

describe("expandRecurrence across daylight-saving changes", () => {
  it("keeps 17:00 in Copenhagen through the March and October changes of 2026", () => {
    const spring = expandRecurrence({
      rule: { kind: "weekly", weekday: 2, interval: 1 },
      firstDate: "2026-03-17",
      untilDate: "2026-04-07",
      startTime: "17:00",
      durationMinutes: 90,
    });
    expect(spring.map((o) => o.date)).toEqual([
      "2026-03-17",
      "2026-03-24",
      "2026-03-31",
      "2026-04-07",
    ]);
    expect(wallClock(spring)).toEqual(["17:00", "17:00", "17:00", "17:00"]);
    // Winter time is UTC+1, summer time UTC+2 (the change was on Sunday 29 March).
    expect(spring.map((o) => o.startsAt)).toEqual([
      "2026-03-17T16:00:00.000Z",
      "2026-03-24T16:00:00.000Z",
      "2026-03-31T15:00:00.000Z",
      "2026-04-07T15:00:00.000Z",
    ]);
    expect(spring[2]!.endsAt).toBe("2026-03-31T16:30:00.000Z");

    const autumn = expandRecurrence({
      rule: { kind: "weekly", weekday: 2, interval: 1 },
      firstDate: "2026-10-20",
      untilDate: "2026-10-27",
      startTime: "17:00",
      durationMinutes: 60,
    });
    expect(wallClock(autumn)).toEqual(["17:00", "17:00"]);
    expect(autumn.map((o) => o.startsAt)).toEqual([
      "2026-10-20T15:00:00.000Z",
      "2026-10-27T16:00:00.000Z",
    ]);
  });

  it("keeps the wall-clock time of a monthly series through 2027's changes", () => {
    const series = expandRecurrence({
      rule: lastThursday,
      firstDate: "2027-01-01",
      untilDate: "2027-12-31",
      startTime: "09:30",
      durationMinutes: 120,
    });
    expect(series).toHaveLength(12);
    expect(new Set(wallClock(series))).toEqual(new Set(["09:30"]));
    const byDate = Object.fromEntries(series.map((o) => [o.date, o.startsAt]));
    // 25 March 2027 is before the change on the 28th; 28 October before the change on the 31st.
    expect(byDate["2027-03-25"]).toBe("2027-03-25T08:30:00.000Z");
    expect(byDate["2027-04-29"]).toBe("2027-04-29T07:30:00.000Z");
    expect(byDate["2027-10-28"]).toBe("2027-10-28T07:30:00.000Z");
    expect(byDate["2027-11-25"]).toBe("2027-11-25T08:30:00.000Z");
  });

  it("moves a start inside the spring gap forward by the hour that does not exist", () => {
    const [occurrence] = expandRecurrence({
      rule: { kind: "weekly", weekday: 7, interval: 1 },
      firstDate: "2027-03-28",
      untilDate: "2027-03-28",
      startTime: "02:30",
      durationMinutes: 30,
    });
    expect(occurrence!.startsAt).toBe("2027-03-28T01:30:00.000Z");
    expect(utcToCopenhagen(occurrence!.startsAt).time).toBe("03:30");
  });
});

describe("copenhagenToUtc", () => {
  it("turns winter and summer times into the right UTC instants", () => {
    expect(copenhagenToUtc("2026-01-15T17:00")).toBe("2026-01-15T16:00:00.000Z");
    expect(copenhagenToUtc("2026-07-15T17:00")).toBe("2026-07-15T15:00:00.000Z");
  });

  it("moves a time in the spring gap forward: 02:30 on 29 March 2026 is 03:30 summer time", () => {
    const utc = copenhagenToUtc("2026-03-29T02:30");
    expect(utc).toBe("2026-03-29T01:30:00.000Z");
    expect(utcToCopenhagen(utc!).local).toBe("2026-03-29T03:30");
    expect(copenhagenToUtc("2026-03-29T01:59")).toBe("2026-03-29T00:59:00.000Z");
    expect(copenhagenToUtc("2026-03-29T03:00")).toBe("2026-03-29T01:00:00.000Z");
  });

  it("takes the first of the two 02:30s on 25 October 2026 (still summer time)", () => {
    expect(copenhagenToUtc("2026-10-25T02:30")).toBe("2026-10-25T00:30:00.000Z");
    // An hour later in UTC the clock shows 02:30 again, now in winter time.
    expect(utcToCopenhagen("2026-10-25T01:30:00.000Z").local).toBe("2026-10-25T02:30");
    expect(copenhagenToUtc("2026-10-25T03:00")).toBe("2026-10-25T02:00:00.000Z");
  });

  it("round-trips every hour of the two change days of 2027 outside the gap", () => {
    for (const day of ["2027-03-28", "2027-10-31"]) {
      for (let hour = 0; hour < 24; hour++) {
        const local = `${day}T${String(hour).padStart(2, "0")}:15`;
        if (day === "2027-03-28" && hour === 2) continue; // does not exist
        expect(utcToCopenhagen(copenhagenToUtc(local)!).local, local).toBe(local);
      }
    }
  });

  it("refuses malformed or impossible times", () => {
    for (const bad of [
      "2026-02-30T10:00",
      "2026-13-01T10:00",
      "2026-01-01T24:00",
      "2026-01-01",
      "x",
    ])
      expect(copenhagenToUtc(bad), bad).toBeNull();
  });
});
