/** The pattern of private member names the minifier may shorten, read from the sources under `root`; null when there are none. */
export function privateNames(root: string): RegExp | null;
