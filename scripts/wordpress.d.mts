export const wordPressRoot: string;
export function ensureWordPress(): string;
