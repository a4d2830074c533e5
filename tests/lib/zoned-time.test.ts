import { describe, expect, it } from "vitest";
import { copenhagenToday, copenhagenToUtc, utcToCopenhagen } from "../../app/lib/zoned-time";

/**
 * Copenhagen wall-clock time ⇄ UTC across the daylight-saving changes of 2026: summer time
 * starts on Sunday 29 March at 02:00 (clocks jump to 03:00) and ends on Sunday 25 October at
 * 03:00 (clocks go back to 02:00, so 02:00–02:59 happens twice).
 */
describe("copenhagenToUtc", () => {
  it("uses +01:00 in winter and +02:00 in summer", () => {
    expect(copenhagenToUtc("2026-01-15T17:00")).toBe("2026-01-15T16:00:00.000Z");
    expect(copenhagenToUtc("2026-07-01T17:00")).toBe("2026-07-01T15:00:00.000Z");
    expect(copenhagenToUtc("2026-12-01T15:00")).toBe("2026-12-01T14:00:00.000Z");
  });

  it("keeps the offset right on either side of the spring change", () => {
    expect(copenhagenToUtc("2026-03-29T01:59")).toBe("2026-03-29T00:59:00.000Z");
    expect(copenhagenToUtc("2026-03-29T03:00")).toBe("2026-03-29T01:00:00.000Z");
    expect(copenhagenToUtc("2026-03-28T17:00")).toBe("2026-03-28T16:00:00.000Z");
    expect(copenhagenToUtc("2026-03-30T17:00")).toBe("2026-03-30T15:00:00.000Z");
  });

  it("moves a time in the spring gap forward by the gap (02:30 → 03:30 summer time)", () => {
    const instant = copenhagenToUtc("2026-03-29T02:30");
    expect(instant).toBe("2026-03-29T01:30:00.000Z");
    expect(utcToCopenhagen(instant!).local).toBe("2026-03-29T03:30");
    expect(copenhagenToUtc("2026-03-29T02:00")).toBe("2026-03-29T01:00:00.000Z");
  });

  it("reads a repeated autumn time as its first occurrence (still summer time)", () => {
    expect(copenhagenToUtc("2026-10-25T02:30")).toBe("2026-10-25T00:30:00.000Z");
    expect(copenhagenToUtc("2026-10-25T02:00")).toBe("2026-10-25T00:00:00.000Z");
    // Either side of the repeated hour has one reading only.
    expect(copenhagenToUtc("2026-10-25T01:59")).toBe("2026-10-24T23:59:00.000Z");
    expect(copenhagenToUtc("2026-10-25T03:00")).toBe("2026-10-25T02:00:00.000Z");
  });

  it("answers null for malformed input and dates that do not exist", () => {
    for (const bad of [
      "2026-02-30T10:00",
      "2026-02-29T10:00",
      "2026-04-31T09:00",
      "2026-13-01T10:00",
      "2026-00-10T10:00",
      "2026-06-01T24:00",
      "2026-06-01T12:60",
      "2026-06-01",
      "2026-06-01 10:00",
      "2026-6-1T10:00",
      "",
      "i morgen kl. 10",
    ]) {
      expect(copenhagenToUtc(bad), bad).toBeNull();
    }
    expect(copenhagenToUtc("2028-02-29T10:00")).toBe("2028-02-29T09:00:00.000Z");
  });
});

describe("utcToCopenhagen", () => {
  it("shows both instants of the repeated autumn hour as 02:30", () => {
    expect(utcToCopenhagen("2026-10-25T00:30:00.000Z").local).toBe("2026-10-25T02:30");
    expect(utcToCopenhagen("2026-10-25T01:30:00.000Z").local).toBe("2026-10-25T02:30");
  });

  it("crosses the date line at midnight Copenhagen time, not UTC", () => {
    expect(utcToCopenhagen("2026-06-30T22:30:00.000Z")).toEqual({
      date: "2026-07-01",
      time: "00:30",
      local: "2026-07-01T00:30",
    });
    expect(utcToCopenhagen("2026-12-31T23:15:00.000Z").date).toBe("2027-01-01");
  });

  it("round-trips every quarter hour of both change days, and the days around them", () => {
    for (const day of [
      "2026-03-28",
      "2026-03-29",
      "2026-03-30",
      "2026-10-24",
      "2026-10-25",
      "2026-10-26",
    ]) {
      for (let minutes = 0; minutes < 24 * 60; minutes += 15) {
        const hh = String(Math.floor(minutes / 60)).padStart(2, "0");
        const mm = String(minutes % 60).padStart(2, "0");
        const local = `${day}T${hh}:${mm}`;
        const instant = copenhagenToUtc(local)!;
        const inGap = day === "2026-03-29" && hh === "02";
        const back = utcToCopenhagen(instant).local;
        if (inGap) expect(back, local).toBe(`${day}T03:${mm}`);
        else expect(back, local).toBe(local);
      }
    }
  });

  it("round-trips every UTC hour of the year through wall-clock time", () => {
    let repeated = 0;
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 3_600_000) {
      const iso = new Date(t).toISOString();
      const back = copenhagenToUtc(utcToCopenhagen(iso).local);
      // Only the second 02:xx of 25 October maps back to the first one, an hour earlier.
      if (back !== iso) {
        repeated++;
        expect(iso).toBe("2026-10-25T01:00:00.000Z");
        expect(back).toBe("2026-10-25T00:00:00.000Z");
      }
    }
    expect(repeated).toBe(1);
  });
});

describe("copenhagenToday", () => {
  it("is the Copenhagen date, which runs ahead of UTC late in the evening", () => {
    expect(copenhagenToday(new Date("2026-11-25T22:59:00.000Z"))).toBe("2026-11-25");
    expect(copenhagenToday(new Date("2026-11-25T23:00:00.000Z"))).toBe("2026-11-26");
    expect(copenhagenToday(new Date("2026-06-15T21:59:00.000Z"))).toBe("2026-06-15");
    expect(copenhagenToday(new Date("2026-06-15T22:00:00.000Z"))).toBe("2026-06-16");
  });
});
