import { describe, expect, it } from "vitest";
import { renderPost, renderPostWithMentions } from "../../app/lib/markdown.server";

const people = [
  { id: "u-leyla", name: "Leyla Özdemir" },
  { id: "u-soeren", name: "Søren Åberg" },
  { id: "u-other", name: "Anne Holm" },
];

describe("renderPostWithMentions", () => {
  it("renders exactly as renderPost with every member, mentions or not", async () => {
    const bodies = [
      "Intet nævnt her, kun **fed** tekst og [et link](https://example.org).",
      "@leyla.ozdemir kan du tage det? Ellers @soren.aberg, eller @ingen.her.",
      "Kode: `@leyla.ozdemir` og\n\n    @soren.aberg\n\nog [@leyla.ozdemir](https://example.org)",
      "Skrevet som entitet: &#64;leyla.ozdemir, og en mail: anne@example.org",
      "",
    ];
    for (const body of bodies) {
      const expected = renderPost(body, people);
      expect(await renderPostWithMentions(body, async () => people), body).toEqual(expected);
    }
  });

  it("does not load the members when the text has no @handle where a mention can be", async () => {
    let loads = 0;
    const load = async () => {
      loads++;
      return people;
    };
    await renderPostWithMentions(
      "Ingen omtale, kun `@kode` og [@link](https://example.org).",
      load,
    );
    expect(loads).toBe(0);
    const withMention = await renderPostWithMentions("Hej @leyla.ozdemir", load);
    expect(loads).toBe(1);
    expect(withMention.mentionedUserIds).toEqual(["u-leyla"]);
    expect(withMention.html).toContain('data-mention="u-leyla"');
  });
});
