/**
 * `node dist/scripts/bench/tools/cpuProfileTop.js FILE.cpuprofile [N]`: the top items of a
 * `node --cpu-prof` profile by self time, per function and per package (node_modules/<name>,
 * our own folders, node internals), as percentages of the sampled time.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function ownerOf(url: string): string {
  if (!url) return '(native/gc/idle)';
  const nodeModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nodeModules) return nodeModules[1]!;
  const ours = /\/dist\/([^/]+\/[^/]+)/.exec(url);
  if (ours) return ours[1]!;
  return url.startsWith('node:') ? url : url.replace(/^file:\/\//, '');
}

const [file, top = '25'] = process.argv.slice(2);
if (!file) throw new Error('usage: cpuProfileTop FILE.cpuprofile [N]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfTime = new Map<number, number>();
profile.samples.forEach((id, index) => selfTime.set(id, (selfTime.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));
let total = 0;
const byFunction = new Map<string, number>();
const byOwner = new Map<string, number>();
for (const [id, micros] of selfTime) {
  const { callFrame } = byId.get(id)!;
  if (callFrame.functionName === '(idle)') continue;
  total += micros;
  const where = callFrame.url ? `${ownerOf(callFrame.url)}:${callFrame.lineNumber + 1}` : '';
  const name = `${callFrame.functionName || '(anonymous)'} ${where}`.trim();
  byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
  const owner = callFrame.url ? ownerOf(callFrame.url) : callFrame.functionName;
  byOwner.set(owner, (byOwner.get(owner) ?? 0) + micros);
}
const print = (title: string, entries: Map<string, number>) => {
  process.stdout.write(`${title} (busy ${(total / 1e6).toFixed(1)} s sampled)\n`);
  for (const [name, micros] of [...entries].sort((a, b) => b[1] - a[1]).slice(0, Number(top))) {
    process.stdout.write(`  ${((100 * micros) / total).toFixed(1).padStart(5)}%  ${name}\n`);
  }
};
print('self time by package', byOwner);
print('self time by function', byFunction);
