import type { Plugin } from 'vite';

export function catalogueKeys(path: string): Set<string>;
export function rewriteKeys(code: string, keys: Set<string>, options?: { mangle?: boolean; seed?: number }): { code: string; kept: number; dropped: number };
export function i18nKeys(options: { catalogue: string; mangle?: boolean }): Plugin;
