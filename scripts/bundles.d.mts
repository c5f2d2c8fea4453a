import type { MinifyOptions } from 'terser';

export interface Bundle {
  file: string;
  entry: string;
  tags: string[];
  budget: number;
  sources?: string;
}
export const bundles: Bundle[];
export const allTags: string[];
export const terserOptions: MinifyOptions;
