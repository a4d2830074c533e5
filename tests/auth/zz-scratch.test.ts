import { it } from "vitest";
import { startTestHub } from "../helpers/hub";
import { signIn } from "../helpers/fixtures";
it("x", async () => {
  const h = await startTestHub();
  const c = await signIn(h, "ngo@bispebjerg.example");
  for (const p of [
    "/accessibility",
    "/spaces",
    "/spaces/bispebjerg-netvaerk/members",
    "/findes/ikke",
    "/people",
  ]) {
    for (let i = 0; i < 5; i++) await (await c.get(p)).text();
    let t = Date.now();
    for (let i = 0; i < 30; i++) await (await c.get(p)).text();
    console.log(p, (Date.now() - t) / 30);
    t = Date.now();
    await Promise.all(Array.from({ length: 30 }, async () => (await c.get(p)).text()));
    console.log(p, "parallel", (Date.now() - t) / 30);
  }
  console.log(process.env.NODE_ENV);
  await h.close();
});
