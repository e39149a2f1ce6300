// Keeps the arrows of ARCHITECTURE.md pointing one way: apps and dashboards depend on libs, libs never
// on apps or dashboards, packages reach each other only by alias, and each lib only imports the libs
// its row of the folder table allows.
import { dirname, relative, resolve, sep } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');
const FEATURES = ['auth', 'audit', 'ingestion', 'segmentation', 'campaigns', 'analytics', 'compliance'];
const BASE = ['domain', 'contracts', 'config', 'db', 'queue', 'exports'];

/** Which @banca/* libs a package may import. */
function allowedLibs(pkg) {
  if (pkg.kind === 'apps') return null; // anything but other apps
  if (pkg.kind === 'dashboards') return ['domain', 'contracts'];
  switch (pkg.name) {
    case 'domain':
    case 'config':
      return [];
    case 'contracts':
    case 'exports':
      return ['domain'];
    case 'db':
      return ['config', 'domain'];
    case 'queue':
      return ['config', 'domain', 'db'];
    case 'testing':
      return null;
    default:
      return FEATURES.includes(pkg.name) ? [...BASE, ...FEATURES.filter((f) => f !== pkg.name)] : BASE;
  }
}

/** The package a file belongs to: { kind: 'libs'|'apps'|'dashboards'|'other', name }. */
function packageOf(file) {
  const parts = relative(ROOT, file).split(sep);
  if ((parts[0] === 'libs' || parts[0] === 'apps') && parts.length > 2) return { kind: parts[0], name: parts[1] };
  if (parts[0] === 'dashboards') return { kind: 'dashboards', name: 'dashboards' };
  return { kind: 'other', name: parts[0] };
}

const isTestFile = (file) => /\.(spec|int\.spec|e2e\.spec)\.tsx?$/.test(file) || file.includes(`${sep}test${sep}`);

export const boundariesRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the dependency arrows between apps, libs and dashboards' },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const from = packageOf(file);
    if (from.kind === 'other') return {};
    function check(node) {
      const source = node.source && node.source.value;
      if (typeof source !== 'string') return;
      if (source.startsWith('.')) {
        const to = packageOf(resolve(dirname(file), source));
        if (to.kind !== from.kind || to.name !== from.name) {
          const hint = to.kind === 'libs' ? ` import it as @banca/${to.name}` : '';
          context.report({ node: node.source, message: `Relative import leaves ${from.kind}/${from.name}:${hint || ' not allowed'}.` });
        }
        return;
      }
      if (/^(apps|dashboards)(\/|$)/.test(source) || /(^|\/)(apps|dashboards)\//.test(source)) {
        if (from.kind === 'libs') context.report({ node: node.source, message: 'Libs never import apps or dashboards.' });
        return;
      }
      const match = /^@banca\/([a-z-]+)/.exec(source);
      if (!match) return;
      const lib = match[1];
      if (lib === 'testing' && !isTestFile(file) && !(from.kind === 'libs' && from.name === 'testing')) {
        context.report({ node: node.source, message: '@banca/testing is for tests only.' });
        return;
      }
      if (from.kind === 'libs' && lib === from.name) {
        context.report({ node: node.source, message: `Inside libs/${lib}, import its files by relative path, not through @banca/${lib}.` });
        return;
      }
      const allowed = allowedLibs(from);
      if (allowed && lib !== 'testing' && !allowed.includes(lib)) {
        context.report({ node: node.source, message: `${from.kind}/${from.name} may not import @banca/${lib} (ARCHITECTURE.md folder table).` });
      }
    }
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};
