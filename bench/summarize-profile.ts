import { readFileSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * `node bench/.tmp/bench/summarize-profile.js <file.cpuprofile>... [--filter dist/] [--total]`:
 * self and total time per function (file:function:line), hottest self (or total) first,
 * so a missed target can be traced to code without opening DevTools.
 */
function main(): void {
  const args = process.argv.slice(2);
  const filterAt = args.indexOf('--filter');
  const filter = filterAt >= 0 ? args.splice(filterAt, 2)[1] : undefined;
  const totalAt = args.indexOf('--total');
  if (totalAt >= 0) args.splice(totalAt, 1);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let all = 0;
  for (const file of args) {
    const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
    profile.samples.forEach((id, i) => {
      const ms = (profile.timeDeltas[i] ?? 0) / 1000;
      all += ms;
      const seen = new Set<string>();
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const key = frameName(byId.get(at)!);
        if (at === id) self.set(key, (self.get(key) ?? 0) + ms);
        if (!seen.has(key)) total.set(key, (total.get(key) ?? 0) + ms);
        seen.add(key);
      }
    });
  }
  const ranked = totalAt >= 0 ? total : self;
  const rows = [...ranked.keys()]
    .filter((key) => !filter || key.includes(filter))
    .map((key) => [key, ranked.get(key)!] as const)
    .sort((a, b) => b[1] - a[1]);
  console.log(`${all.toFixed(0)} ms sampled in ${args.length} profile(s)\n  self ms  total ms  function`);
  for (const [key] of rows.slice(0, 30)) {
    console.log(`${(self.get(key) ?? 0).toFixed(1).padStart(9)} ${(total.get(key) ?? 0).toFixed(1).padStart(9)}  ${key}`);
  }
}

function frameName({ callFrame }: ProfileNode): string {
  const file = callFrame.url ? path.relative(process.cwd(), callFrame.url.replace(/^file:\/\//, '')) : '';
  return `${file || '(native)'}:${callFrame.functionName || '(anonymous)'}:${callFrame.lineNumber + 1}`;
}

main();
