// Module resolution hooks for @pexip/infinity-api.
//
// The published package (20.0.0) is ESM whose files import each other without file
// extensions (`from './token'`, `from '../errors'`), which bundlers accept but Node's ESM
// loader does not. These hooks retry such relative specifiers — only for files inside
// that package — with `.js` and `/index.js`, so the package's own code runs unmodified.

const PACKAGE_DIR = '/node_modules/@pexip/infinity-api/';

export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    const fromPackage = context.parentURL?.includes(PACKAGE_DIR);
    const relative = specifier.startsWith('./') || specifier.startsWith('../');
    if (!fromPackage || !relative) throw error;
    for (const candidate of [`${specifier}.js`, `${specifier}/index.js`]) {
      try {
        return await nextResolve(candidate, context);
      } catch {
        // try the next candidate
      }
    }
    throw error;
  }
}
