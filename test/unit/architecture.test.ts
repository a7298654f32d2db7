import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { expect } from 'chai';
import { projectRoot } from '../../config/projectRoot.js';

const FORBIDDEN_PACKAGES = ['koa', '@koa/router', 'sequelize', 'mysql2', 'sqlite3', 'xml2js', 'iconv-lite', 'node-cron', 'http', 'https', 'node:http', 'node:https', 'pino'];

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((entry) => {
    const path = join(folder, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** Every module specifier a file imports, statically or dynamically. */
function importsOf(source: string): string[] {
  const specifiers: string[] = [];
  const patterns = [/\bfrom\s+['"]([^'"]+)['"]/g, /\bimport\s+['"]([^'"]+)['"]/g, /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g, /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g];
  for (const pattern of patterns) for (const match of source.matchAll(pattern)) specifiers.push(match[1]!);
  return specifiers;
}

/** The project folder (e.g. `adapters/persistence/Database.ts`) each relative import of a file points to. */
function importedProjectPaths(file: string): string[] {
  return importsOf(readFileSync(file, 'utf8'))
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => relative(projectRoot, resolve(dirname(file), specifier)).split('\\').join('/'));
}

/** `file imports path` for every import of a file under `folders` that points into `forbidden`. */
function importsInto(folders: readonly string[], forbidden: string): string[] {
  return folders
    .flatMap((folder) => sourceFiles(join(projectRoot, folder)))
    .flatMap((file) =>
      importedProjectPaths(file)
        .filter((path) => path === forbidden || path.startsWith(`${forbidden}/`))
        .map((path) => `${relative(projectRoot, file)} imports ${path}`),
    );
}

describe('architecture', () => {
  const coreFiles = sourceFiles(join(projectRoot, 'core'));

  it('has use-case sources in core/ to check', () => {
    expect(coreFiles.length).to.be.greaterThan(5);
  });

  it('keeps core/ free of frameworks, drivers and node http', () => {
    const offenders = coreFiles.flatMap((file) =>
      importsOf(readFileSync(file, 'utf8'))
        .filter((specifier) => FORBIDDEN_PACKAGES.some((name) => specifier === name || specifier.startsWith(`${name}/`)))
        .map((specifier) => `${relative(projectRoot, file)} imports ${specifier}`),
    );
    expect(offenders).to.deep.equal([]);
  });

  it('keeps core/ independent of adapters/, plugins/ and config/', () => {
    const offenders = coreFiles.flatMap((file) =>
      importsOf(readFileSync(file, 'utf8'))
        .filter((specifier) => /(^|\/)(adapters|plugins|config)\//.test(specifier))
        .map((specifier) => `${relative(projectRoot, file)} imports ${specifier}`),
    );
    expect(offenders).to.deep.equal([]);
  });

  it('keeps adapters/ and plugins/ free of config/: the composition root hands them their settings', () => {
    expect(importsInto(['adapters', 'plugins'], 'config')).to.deep.equal([]);
  });

  it('keeps the HTTP adapter off persistence: it sees the database only through ports and domain errors', () => {
    expect(importsInto(['adapters/http'], 'adapters/persistence')).to.deep.equal([]);
  });

  it('keeps the scheduler off persistence: the outbox worker depends on the OutboxStore port', () => {
    expect(importsInto(['adapters/scheduler'], 'adapters/persistence')).to.deep.equal([]);
  });

  it('detects a forbidden import when one is present (the check can fail)', () => {
    const sample = "import Koa from 'koa';\nimport { x } from '../../adapters/http/x.js';\nconst h = await import('node:http');";
    expect(importsOf(sample)).to.deep.equal(['koa', '../../adapters/http/x.js', 'node:http']);
  });
});
