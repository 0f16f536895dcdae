import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const API = process.env.API_URL ?? 'http://127.0.0.1:3000';
const BUDGET_KB = 350;

/**
 * Prints the gzipped size of the JavaScript the first page loads: the entry chunk, what it imports statically, and
 * the lazy chunk of the page's route with its imports (the sign-in page for a new visitor, 工作台 after signing in).
 * Fails the build past the budget.
 */
function firstPageBudget(): Plugin {
  return {
    name: 'first-page-budget',
    apply: 'build',
    generateBundle(_, bundle) {
      const chunks = Object.values(bundle).flatMap((file) => (file.type === 'chunk' ? [file] : []));
      const entry = chunks.find((chunk) => chunk.isEntry);
      if (!entry) return;
      const closure = (names: string[], seen = new Set<string>()) => {
        for (const name of names) {
          if (seen.has(name)) continue;
          seen.add(name);
          const chunk = bundle[name];
          if (chunk?.type === 'chunk') closure(chunk.imports, seen);
        }
        return seen;
      };
      const gzippedKb = (names: Set<string>) =>
        [...names].reduce((sum, name) => {
          const chunk = bundle[name];
          return sum + (chunk?.type === 'chunk' ? gzipSync(chunk.code).length : 0);
        }, 0) / 1024;
      const routeChunk = (page: string) =>
        chunks.find((chunk) => chunk.facadeModuleId?.endsWith(`${page}.tsx`));
      let worst = 0;
      for (const [label, page] of [
        ['登录页', 'LoginPage'],
        ['工作台', 'HomePage'],
      ] as const) {
        const route = routeChunk(page);
        const files = closure([entry.fileName, ...(route ? [route.fileName] : [])]);
        const kb = gzippedKb(files);
        worst = Math.max(worst, kb);
        console.log(
          `first page JavaScript (${page}, ${label}): ${kb.toFixed(1)} KB gzipped in ${files.size} files (budget ${BUDGET_KB} KB)`,
        );
      }
      if (process.env.WEB_BUNDLE_REPORT) {
        const sizes = new Map<string, number>();
        for (const name of closure([entry.fileName, routeChunk('HomePage')!.fileName])) {
          const chunk = bundle[name];
          if (chunk?.type !== 'chunk') continue;
          for (const [id, module] of Object.entries(chunk.modules)) {
            const key = id
              .replace(/.*node_modules\//, '')
              .split('/')
              .slice(0, id.includes('node_modules/antd/es/') ? 3 : 2)
              .join('/');
            sizes.set(key, (sizes.get(key) ?? 0) + module.renderedLength);
          }
        }
        console.log(
          [...sizes]
            .sort((a, b) => b[1] - a[1])
            .slice(0, 40)
            .map(([k, v]) => `${(v / 1024).toFixed(1)}K ${k}`)
            .join('\n'),
        );
      }
      if (worst > BUDGET_KB)
        this.error(
          `the first page's JavaScript (${worst.toFixed(1)} KB gzipped) is over the ${BUDGET_KB} KB budget`,
        );
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [firstPageBudget()],
  // Not node_modules/.vite: node_modules may be shared between checkouts.
  cacheDir: fileURLToPath(new URL('../../.data/vite', import.meta.url)),
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      // Ant Design marks its modules "use client" for React Server Components; a client bundle has nothing to keep.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: API, changeOrigin: false } },
  },
});
