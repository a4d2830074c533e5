/**
 * `npx tsx bench/cpuprofile-summary.ts <file.cpuprofile> [top]`: where a V8 CPU profile (from
 * `PROFILE_CPU=1 npx tsx bench/profile-page.ts`) spent its time: the functions with the most
 * self time, and the time spent inside each package or project folder (inclusive, counted once
 * per sample however deep the recursion).
 */
import fs from "node:fs";

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const file = process.argv[2];
const top = Number(process.argv[3] ?? 30);
if (!file) {
  console.error("usage: npx tsx bench/cpuprofile-summary.ts <file.cpuprofile> [top]");
  process.exit(2);
}
const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

/** "react-dom", "app/routes", "node:internal" … : the owner of a frame. */
function owner(url: string): string {
  if (!url) return "(native/vm)";
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + "node_modules/".length).split("/");
    return rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.startsWith("node:")) return "node:internal";
  const m = /\/(build\/server|app\/[^/]+|server|db)\//.exec(url);
  return m ? m[1]! : url.replace(/^.*\//, "");
}

const self = new Map<string, number>();
const inclusiveFn = new Map<string, number>();
const inclusive = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  total += dt;
  const n = byId.get(id)!;
  const f = n.callFrame;
  const key = `${f.functionName || "(anonymous)"}  ${owner(f.url)}:${f.lineNumber + 1}`;
  self.set(key, (self.get(key) ?? 0) + dt);
  const seen = new Set<string>();
  const seenFn = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const cf = byId.get(cur)!.callFrame;
    const fn = `${cf.functionName || "(anonymous)"}  ${owner(cf.url)}:${cf.lineNumber + 1}`;
    if (!seenFn.has(fn)) {
      seenFn.add(fn);
      inclusiveFn.set(fn, (inclusiveFn.get(fn) ?? 0) + dt);
    }
    const o = owner(cf.url);
    if (!seen.has(o)) {
      seen.add(o);
      inclusive.set(o, (inclusive.get(o) ?? 0) + dt);
    }
  }
});
const ms = (us: number) => (us / 1000).toFixed(0).padStart(7);
const pct = (us: number) => `${((us / total) * 100).toFixed(1).padStart(5)} %`;
console.log(`total sampled ${ms(total)} ms\n\nself time, top ${top}:`);
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top))
  console.log(`${ms(v)} ms ${pct(v)}  ${k}`);
console.log(`\ninclusive time per function, top ${top * 2}:`);
for (const [k, v] of [...inclusiveFn].sort((a, b) => b[1] - a[1]).slice(0, top * 2))
  console.log(`${ms(v)} ms ${pct(v)}  ${k}`);
console.log("\ninclusive time per package / folder:");
for (const [k, v] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, top))
  console.log(`${ms(v)} ms ${pct(v)}  ${k}`);
