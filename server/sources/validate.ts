/** What an editor may add as a partner source: one rule for the admin API and the command line. */
import { isLoopback } from '../operations-config.js';
import { isPrivateAddress } from './fetch.js';
import { DEFAULT_INTERVAL_MS, MIN_INTERVAL_MS } from './poller.js';

export const MAX_LABEL = 80;
const MAX_URL = 2_000;
const MAX_INTERVAL_MINUTES = 24 * 60;

export type SourceInput = { ok: true; url: string; label: string; intervalMs: number } | { ok: false; errors: Record<string, string> };

export function sourceInput(body: { url?: unknown; label?: unknown; interval_minutes?: unknown }, allowPrivate: boolean): SourceInput {
  const errors: Record<string, string> = {};
  let url = '';
  if (typeof body.url !== 'string' || !body.url.trim()) errors.url = 'required';
  else {
    try {
      const parsed = new URL(body.url.trim());
      const host = parsed.hostname.replace(/^\[|\]$/g, '');
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') errors.url = 'invalid';
      else if (parsed.username || parsed.password) errors.url = 'invalid';
      else if (!allowPrivate && (isLoopback(host) || isPrivateAddress(host))) errors.url = 'private_address';
      else if (parsed.href.length > MAX_URL) errors.url = 'too_long';
      else url = parsed.href;
    } catch {
      errors.url = 'invalid';
    }
  }
  const label = typeof body.label === 'string' ? body.label.replace(/\s+/g, ' ').trim() : '';
  if (!label) errors.label = 'required';
  else if (label.length > MAX_LABEL) errors.label = 'too_long';
  let intervalMs = DEFAULT_INTERVAL_MS;
  if (body.interval_minutes !== undefined) {
    const minutes = Number(body.interval_minutes);
    if (!Number.isInteger(minutes) || minutes * 60_000 < MIN_INTERVAL_MS || minutes > MAX_INTERVAL_MINUTES) errors.interval_minutes = 'invalid';
    else intervalMs = minutes * 60_000;
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, url, label, intervalMs };
}
