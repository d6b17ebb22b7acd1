// Where the server's CPU went: `node tools/bench/profile-summary.mjs <file.cpuprofile> [fromUs toUs]`
// summarises a profile written with BENCH_PROFILE_DIR, optionally only the measured window
// (the bench prints the command with the window's bounds). A diagnosis aid, not part of the bench.
import { readFileSync } from 'node:fs';

const [file, from, to, ...more] = process.argv.slice(2);
// One file: a glob that matched a worker thread's profile too must not be read as the window.
if (
  !file ||
  more.length > 0 ||
  [from, to].some((bound) => bound !== undefined && !/^\d+$/.test(bound))
) {
  console.error(
    "usage: profile-summary.mjs <file.cpuprofile> [fromUs toUs] (one thread's profile)",
  );
  process.exit(2);
}
/** @type {{ nodes: Array<{ id: number, callFrame: { functionName: string, url: string, lineNumber: number }, children?: number[] }>, startTime: number, samples: number[], timeDeltas: number[] }} */
const profile = JSON.parse(readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
/** @param {number} id */
const frameOf = (id) => /** @type {(typeof profile.nodes)[number]} */ (nodes.get(id)).callFrame;
const parents = new Map();
for (const node of profile.nodes)
  for (const child of node.children ?? []) parents.set(child, node.id);

/** Time per sampled node, within the window if one is given. */
const timeOf = new Map();
let at = profile.startTime;
let total = 0;
profile.samples.forEach((id, index) => {
  const delta = profile.timeDeltas[index] ?? 0;
  at += delta;
  if (from && (at < Number(from) || at > Number(to))) return;
  timeOf.set(id, (timeOf.get(id) ?? 0) + delta);
  total += delta;
});

/** @param {string} url */
const owner = (url) => {
  if (!url) return '(native)';
  const module = url.match(/node_modules\/((@[^/]+\/)?[^/]+)/);
  if (module) return module[1];
  if (url.includes('/dist/server/'))
    return `vigil ${(url.split('/dist/server/')[1] ?? '').split('/').slice(0, 5).join('/')}`;
  return url.startsWith('node:') ? 'node' : url;
};

const selfByOwner = new Map();
const selfByFunction = new Map();
/** Inclusive time of each Vigil function and of each package on the stack (counted once per sample). */
const inclusive = new Map();
for (const [id, time] of timeOf) {
  const callFrame = frameOf(id);
  const ownerName = owner(callFrame.url);
  selfByOwner.set(ownerName, (selfByOwner.get(ownerName) ?? 0) + time);
  const name = `${callFrame.functionName || '(anonymous)'} (${ownerName}:${callFrame.lineNumber + 1})`;
  selfByFunction.set(name, (selfByFunction.get(name) ?? 0) + time);
  const seen = new Set();
  for (let current = id; current !== undefined; current = parents.get(current)) {
    const frame = frameOf(current);
    const key = frame.url.includes('/dist/server/')
      ? `${frame.functionName} (${owner(frame.url)})`
      : owner(frame.url);
    if (seen.has(key)) continue;
    seen.add(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + time);
  }
}

/** @param {Map<string, number>} map @param {number} count */
const top = (map, count) =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, time]) => `  ${((100 * time) / total).toFixed(1).padStart(5)} %  ${name}`)
    .join('\n');
console.log(`${(total / 1e6).toFixed(1)} s sampled${from ? ' in the window' : ''}`);
console.log(`self time by owner:\n${top(selfByOwner, 15)}`);
console.log(`self time by function:\n${top(selfByFunction, 20)}`);
console.log(`inclusive time (packages and Vigil functions on the stack):\n${top(inclusive, 40)}`);
