import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../config/projectRoot.js';

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/**
 * Every metric Midplat registers with prom-client (`name: 'midplat_…'` in adapters/ and plugins/),
 * read from the sources so a metric registered only in some set-ups (the DA21 circuit with the
 * HTTP adapter) counts too.
 */
export function registeredMetricNames(): string[] {
  const names = new Set<string>();
  for (const file of ['adapters', 'plugins'].flatMap((folder) => sourceFiles(join(projectRoot, folder)))) {
    for (const match of readFileSync(file, 'utf8').matchAll(/\bname: '(midplat_[a-z0-9_]+)'/g)) names.add(match[1]!);
  }
  return [...names].sort();
}
