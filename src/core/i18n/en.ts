import type { Catalogue } from './id.js';

/** English. Typed against the Indonesian catalogue: a missing or extra key does not compile. */
export const en: Catalogue = {
  // common
  'common.required': 'required',
  'common.requiredNote': 'Required fields are marked *.',
  'common.retry': 'Try again',
  'common.loading': 'Loading…',
  'common.cancel': 'Cancel',
  'common.close': 'Close',
  'common.draftSaved': (p) => `Draft saved ${p.time}`,
  'common.draftRestored': 'Your earlier draft was restored.',
  'common.discardDraft': 'Discard draft',
  'common.preview': 'Preview',
  'common.write': 'Write',
  'common.previewEmpty': 'Nothing to preview yet.',
  'common.sending': 'Sending…',
  'common.offlineWaiting': 'You are offline. We will send as soon as the connection is back; your text is safe.',
  'common.retryingIn': (p) => `Not sent yet. Trying again in ${p.seconds} seconds…`,
  'common.honeypotLabel': 'Leave this field empty',
  'common.errorSummary': (p) => `${p.count === 1 ? 'One field needs' : `${p.count} fields need`} fixing:`,
  'common.markdownHint': 'Markdown works: **bold**, _italic_, [link](https://…).',

  // errors by kind
  'error.network': 'Cannot connect. Check your internet connection.',
  'error.offline': 'You are offline.',
  'error.timeout': 'The server took too long to answer.',
  'error.http': 'The server is having trouble. Please try again later.',
  'error.notFound': 'Not found.',
  'error.forbidden': 'This site does not allow this request.',
  'error.parse': 'The server’s answer could not be read.',
  'error.validation': 'Some fields need fixing.',
  'error.rateLimited': 'Too many requests. Wait a moment, then try again.',
  'error.rateLimitedFor': (p) => `Too many requests. Try again in ${p.seconds} seconds.`,
  'error.unsupported': 'This source does not support this feature.',
  'error.aborted': 'The request was cancelled.',
  'error.noBackend': 'No news source address is set.',
  'error.tooLarge': 'What you sent is too large.',
  'error.duplicate': 'The same thing was already received.',

  // field errors
  'field.required': 'This field is required.',
  'field.too_long': 'This is too long.',
  'field.too_short': 'This is too short.',
  'field.invalid_email': 'Enter a valid e-mail address, such as name@example.org.',
  'field.invalid_url': 'Enter a full link starting with http:// or https://.',
  'field.too_few_paragraphs': (p) => `Write at least ${p.min} paragraphs. Separate paragraphs with a blank line.`,
  'field.photo_type': 'The photo must be a JPEG, PNG, WebP or GIF.',
  'field.photo_too_large': (p) => `The photo is too large; ${p.mb} MB at most.`,
  'field.alt_required': 'Describe the photo for readers who cannot see it.',
  'field.consent_required': 'Tick this box to send.',
  'field.invalid': 'This value cannot be accepted.',

  // counts and units
  'unit.words': (p) => `${p.count} ${p.count === '1' ? 'word' : 'words'}`,
  'unit.comments': (p) => `${p.formatted} ${p.count === 1 ? 'comment' : 'comments'}`,

  // feed, card and source

  // story form

  // comment box and count
};
