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

/** What is wrong with one link of `file`, or null. No link may leave the repository: the docs read offline in a clone. */
function problemOf(file: string, target: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) return 'leaves the repository (no web or other-scheme link: the docs must read offline)';
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

  it('sends the reader nowhere outside the repository in words either (no shared specification or seed documents)', () => {
    const mentions = DOCUMENTS.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((text, index) => (/\.\.\/shared|\/work\/|SPEC\.md|\bSPEC \d|seeds\/|\bseed 00\d/.test(text) ? [`${relative(projectRoot, file)}:${index + 1}: ${text.trim()}`] : [])),
    );
    expect(mentions).to.deep.equal([]);
  });
});
