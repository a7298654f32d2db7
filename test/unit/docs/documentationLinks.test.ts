import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { expect } from 'chai';
import { projectRoot } from '../../../config/projectRoot.js';
import { markdownAnchors, markdownLinks } from '../../support/markdownLinks.js';

function markdownFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return markdownFiles(path);
    return entry.name.endsWith('.md') ? [path] : [];
  });
}

const DOCUMENTS = [join(projectRoot, 'README.md'), ...markdownFiles(join(projectRoot, 'docs'))];

/**
 * The one document that cites sources outside the repository: what TiDB and Vitess need, from their
 * own documentation and issue trackers. It states each finding itself, so it still reads offline;
 * the links say where the finding comes from. Nothing else may leave the repository.
 */
const CITING_DOCUMENT = join(projectRoot, 'docs', 'scaling.md');

/** The sources it may cite: host, or host and the GitHub organisation (`github.com/pingcap/…`). */
const CITED_SOURCES = ['docs.pingcap.com', 'github.com/pingcap', 'vitess.io', 'github.com/vitessio', 'dev.mysql.com', 'mariadb.com'];

function isCitedSource(target: string): boolean {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return false;
  }
  // `host` carries any port; credentials could make a listed name look like the host.
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '') return false;
  const organisation = url.pathname.split('/')[1] ?? '';
  return CITED_SOURCES.includes(url.host) || (url.host === 'github.com' && CITED_SOURCES.includes(`github.com/${organisation}`));
}

/** What is wrong with one link of `file`, or null. No link may leave the repository (but the citing document's sources): the docs read offline in a clone. */
function problemOf(file: string, target: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) {
    if (file === CITING_DOCUMENT && isCitedSource(target)) return null;
    return file === CITING_DOCUMENT
      ? `leaves the repository for a source not on the list (https only: ${CITED_SOURCES.join(', ')})`
      : 'leaves the repository (no web or other-scheme link: the docs must read offline)';
  }
  const [path = '', anchor] = target.split('#', 2) as [string, string | undefined];
  const resolved = path === '' ? file : resolve(dirname(file), decodeURIComponent(path));
  const inside = relative(projectRoot, resolved);
  if (inside.startsWith('..') || inside.startsWith(sep) || resolve(projectRoot, inside) !== resolved) return 'points outside the repository';
  if (!existsSync(resolved)) return `points to ${inside}, which does not exist`;
  if (anchor !== undefined) {
    if (!resolved.endsWith('.md') || statSync(resolved).isDirectory()) return `has an anchor into ${inside}, which is not a Markdown file`;
    if (!markdownAnchors(resolved).has(anchor)) return `points to #${anchor}, which ${inside} has no heading for`;
  }
  return null;
}

/** SPEC 8 / issue 25: a fresh clone's README and docs/ read end to end with no dead link. */
describe('documentation links (README.md and docs/)', () => {
  it('finds the documents and their links', () => {
    expect(DOCUMENTS.map((file) => relative(projectRoot, file))).to.include.members(['README.md', join('docs', 'api.md'), join('docs', 'operations.md'), join('docs', 'architecture.md'), join('docs', 'configuration.md')]);
    expect(markdownLinks(readFileSync(DOCUMENTS[0]!, 'utf8')).length).to.be.greaterThan(3);
  });

  it('has no link that leaves the repository or points to a missing file or heading', () => {
    const problems = DOCUMENTS.flatMap((file) =>
      markdownLinks(readFileSync(file, 'utf8')).flatMap(({ line, target }) => {
        const problem = problemOf(file, target);
        return problem ? [`${relative(projectRoot, file)}:${line}: ${target} ${problem}`] : [];
      }),
    );
    expect(problems).to.deep.equal([]);
  });

  it('lets only docs/scaling.md link out, and only over https to the sources it cites', () => {
    const operations = join(projectRoot, 'docs', 'operations.md');
    const cited = ['https://docs.pingcap.com/tidb/stable/auto-increment', 'https://github.com/pingcap/tidb/issues/69720', 'https://vitess.io/docs/', 'https://github.com/vitessio/vitess/issues/5249', 'https://dev.mysql.com/doc/refman/8.4/en/', 'https://mariadb.com/kb/en/get_lock/'];
    expect(cited.map((target) => problemOf(CITING_DOCUMENT, target))).to.deep.equal(cited.map(() => null));
    const refused = [
      'https://example.com/tidb',
      'http://docs.pingcap.com/tidb/stable/auto-increment',
      'https://github.com/someone/tidb/issues/1',
      'https://github.com/pingcap.example.com/x',
      'https://docs.pingcap.com.example.com/x',
      'https://docs.pingcap.com:8443/x',
      'https://docs.pingcap.com@example.com/x',
      'https://user@docs.pingcap.com/x',
      '//vitess.io/docs/',
      'ftp://dev.mysql.com/x',
    ];
    for (const target of refused) expect(problemOf(CITING_DOCUMENT, target), target).to.match(/not on the list/);
    for (const target of cited) expect(problemOf(operations, target), target).to.match(/must read offline/);
  });

  it('sends the reader nowhere outside the repository in words either (no shared specification or seed documents)', () => {
    const mentions = DOCUMENTS.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((text, index) => (/\.\.\/shared|\/work\/|SPEC\.md|\bSPEC \d|seeds\/|\bseed 00\d/.test(text) ? [`${relative(projectRoot, file)}:${index + 1}: ${text.trim()}`] : [])),
    );
    expect(mentions).to.deep.equal([]);
  });
});
