// Only for Vitest 3 on Vite 7 and older, whose esbuild emits no decorator metadata: SWC compiles
// the TypeScript instead and reads experimentalDecorators / emitDecoratorMetadata from tsconfig.json.
// (Vitest 4 on Vite 8 needs no config file at all.) CI runs it as `vitest run --config vitest.swc.config.ts`.
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

export default defineConfig({ plugins: [swc.vite()] });
