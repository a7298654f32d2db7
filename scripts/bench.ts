import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Benchmark, BenchResult } from './bench/BenchResult.js';
import { runMain } from './runScript.js';

const benchFolder = join(dirname(fileURLToPath(import.meta.url)), 'bench');

/** Every module in bench/ that exports `benchmark`. */
async function discover(): Promise<Benchmark[]> {
  const found: Benchmark[] = [];
  for (const file of readdirSync(benchFolder).filter((name) => name.endsWith('.js')).sort()) {
    const module = (await import(pathToFileURL(join(benchFolder, file)).href)) as { benchmark?: Benchmark };
    if (module.benchmark) found.push(module.benchmark);
  }
  return found;
}

function printTable(results: BenchResult[]): void {
  const rows: string[][] = [['bench', 'figure', 'value', 'unit']];
  for (const result of results) {
    for (const figure of result.figures) rows.push([result.name, figure.label, figure.value.toFixed(2), figure.unit]);
    for (const ratio of result.ratios) {
      const verdict = ratio.target === undefined ? 'no target set' : `target >= ${ratio.target}: ${ratio.value >= ratio.target ? 'met' : 'MISSED'}`;
      rows.push([result.name, ratio.label, ratio.value.toFixed(2), `x (${verdict})`]);
    }
  }
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  for (const row of rows) process.stdout.write(`${row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ')}\n`);
}

runMain(async () => {
  const wanted = process.argv.slice(2);
  const all = await discover();
  const unknown = wanted.filter((name) => !all.some((bench) => bench.name === name));
  if (unknown.length) throw new Error(`unknown benchmark ${unknown.join(', ')} (known: ${all.map((b) => b.name).join(', ')})`);
  const chosen = wanted.length ? all.filter((bench) => wanted.includes(bench.name)) : all;
  const results: BenchResult[] = [];
  for (const bench of chosen) {
    process.stderr.write(`running ${bench.name}: ${bench.description}\n`);
    results.push(await bench.run());
  }
  printTable(results);
});
