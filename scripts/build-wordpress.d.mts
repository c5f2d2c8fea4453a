export const pluginSource: string;
export const pluginZip: string;
export function pluginFiles(): Record<string, Uint8Array>;
export function buildWordPress(): Promise<{ path: string; bytes: number; files: string[] }>;
