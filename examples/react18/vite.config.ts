import { defineConfig } from 'vite';

// JSX needs no plugin: Vite's own transform compiles it for React's automatic runtime.
export default defineConfig({ base: './', oxc: { jsx: { runtime: 'automatic', importSource: 'react' } } });
