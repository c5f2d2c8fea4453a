import { BackendError, PartialBackend, type CallOptions } from './backend.js';
import { storyAsText } from '../core/story-text.js';
import type { StoryReceipt, StorySubmission } from './types.js';

export { storyAsText };

/** Mail programs and browsers cut or refuse longer `mailto:` links; beyond this we offer copying instead. */
export const MAILTO_MAX_LENGTH = 1800;

/** RFC 6068: percent-encode everything but keep the `@`, and write line breaks as CRLF. */
function encodeAddress(address: string): string {
  return address
    .trim()
    .split('@')
    .map((part) => encodeURIComponent(part))
    .join('@');
}

function encodeText(text: string): string {
  return encodeURIComponent(text.replace(/\r\n?|\n/g, '\r\n'));
}

/** A `mailto:` link to `address` with the story's title as subject and its text as body. */
export function buildMailto(story: StorySubmission, address: string): string {
  return `mailto:${encodeAddress(address)}?subject=${encodeText(story.title.trim())}&body=${encodeText(storyAsText(story))}`;
}

/** How the adapter opens the mail program; replaceable so tests and frameworks need not navigate. */
export type MailOpener = (url: string) => void;

const openWithLocation: MailOpener = (url) => {
  location.href = url;
};

/**
 * Sends a story as an e-mail draft: opens the reader's mail program with the
 * story filled in. There is no server, so the "receipt" only says the draft was
 * handed over; a photo cannot travel in a mail link and is not part of it.
 * A story too long for a mail link fails with `unsupported`
 * (`too_long_for_mailto`) and the form offers to copy the text instead.
 */
export class EmailBackend extends PartialBackend {
  readonly label: string;

  constructor(
    readonly address: string,
    private readonly open: MailOpener = openWithLocation,
  ) {
    super();
    this.label = address;
  }

  override async submitStory(story: StorySubmission, options: CallOptions = {}): Promise<StoryReceipt> {
    if (options.signal?.aborted) throw new BackendError('aborted');
    const url = buildMailto(story, this.address);
    if (url.length > MAILTO_MAX_LENGTH) throw new BackendError('unsupported', { code: 'too_long_for_mailto' });
    this.open(url);
    return { id: '', status: 'sent', receivedAt: new Date().toISOString() };
  }
}
