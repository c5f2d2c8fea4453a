/**
 * Validation rules shared by the forms (in the browser) and the reference
 * server (in Node). Pure functions over plain data: no DOM, no Node APIs.
 * A rule answers with a machine code per field; each side words it itself.
 */

export const LIMITS = {
  nameMax: 100,
  emailMax: 254,
  communityMax: 120,
  titleMin: 5,
  titleMax: 200,
  storyMaxChars: 30_000,
  commentMaxChars: 5_000,
  urlMax: 2_000,
  altMax: 300,
  categoryMax: 80,
  /** Default photo limit; a form may lower it with `max-photo-mb`. */
  photoMaxBytes: 5 * 1024 * 1024,
  minParagraphs: 2,
  /**
   * A send faster than this after its form first showed (in this page view, or the draft's first
   * change if older) waits for an editor with a marker; one faster than `instantMs` is a bot's.
   */
  minFillMs: 3_000,
  /** No person sends within this of the form showing: such a send is held as spam. */
  instantMs: 1_000,
  /** Deepest nesting of quotes and lists in readers' markdown; deeper input is refused (and shown as text). */
  markdownMaxDepth: 12,
  /** Most lines in readers' markdown. */
  markdownMaxLines: 500,
  /** Most inline markup characters (`* _ \` [ ] < ~ \\`) in readers' markdown: long runs of them make parsers slow. */
  markdownMaxMarkers: 600,
  /**
   * Most table cells in readers' markdown, counted as a parser fills them (every row gets the
   * header's columns): a 5,000-character comment can otherwise ask for a quarter of a million.
   */
  markdownMaxTableCells: 400,
  /** Most columns of one table: past this no phone can show it, and every row is filled to it. */
  markdownMaxTableColumns: 20,
} as const;

export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];

/** Machine codes for field errors; the wire uses them as-is. */
export type FieldCode =
  | 'required'
  | 'too_long'
  | 'too_short'
  | 'invalid_email'
  | 'invalid_url'
  | 'too_few_paragraphs'
  | 'photo_type'
  | 'photo_too_large'
  | 'alt_required'
  | 'consent_required'
  | 'invalid_text'
  | 'too_complex';

export type FieldErrors<K extends string = string> = Partial<Record<K, FieldCode>>;

const trim = (value: string | undefined | null): string => (value ?? '').trim();

/**
 * Paragraphs are blocks of text separated by one or more blank lines. A block
 * that holds no letters or digits (a lone `---`, a stray `*`) does not count.
 */
export function countParagraphs(text: string): number {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .filter((block) => /[\p{L}\p{N}]/u.test(block)).length;
}

export function countWords(text: string): number {
  const words = text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu);
  return words ? words.length : 0;
}

/** Leading markers that open a nesting level: a quote `>`, a bullet or a numbered item followed by a space. */
const NESTING_MARKER = /[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))/y;

/**
 * How deeply a line of markdown nests: its quote and list markers, plus its
 * indentation in steps of two spaces (how lists nest across lines).
 */
function lineDepth(line: string): number {
  const indent = /^[ \t]*/.exec(line)?.[0].replace(/\t/g, '    ').length ?? 0;
  let markers = 0;
  NESTING_MARKER.lastIndex = 0;
  while (NESTING_MARKER.test(line)) markers++;
  return markers + Math.floor(indent / 2);
}

const INLINE_MARKERS = /[*_`[\]<~\\]/g;

const DELIMITER_CELL = /^[ \t]*:?-+:?[ \t]*$/;
/** Quote and list markers before a line's content: a table can sit inside either. */
const CONTAINER_MARKERS = /^(?:[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])))*/;

/** The columns of a GFM table's delimiter row (`| --- | :-: |`), or 0 when the line is not one. */
function delimiterColumns(line: string): number {
  if (!line.includes('|') || !line.includes('-')) return 0;
  const cells = line
    .replace(CONTAINER_MARKERS, '')
    .trim().replace(/^\|/, '').replace(/\|$/, '').split('|');
  return cells.every((cell) => DELIMITER_CELL.test(cell)) ? cells.length : 0;
}

/**
 * How big the tables in a text are, as a GFM parser would build them: each delimiter row
 * gives the columns, and the table runs from its header to the next blank line. Counting
 * lines that a parser would end the table at earlier only over-counts, which errs safe.
 */
function tableSize(lines: string[]): { cells: number; columns: number } {
  let cells = 0;
  let columns = 0;
  for (let i = 1; i < lines.length; i++) {
    const width = delimiterColumns(lines[i]);
    if (!width) continue;
    let rows = 1; // the header above the delimiter
    let j = i + 1;
    while (j < lines.length && lines[j].trim() !== '') {
      rows++;
      j++;
    }
    columns = Math.max(columns, width);
    cells += width * rows;
    i = j;
  }
  return { cells, columns };
}

/**
 * Whether readers' markdown stays within what a parser may be given: at most
 * `markdownMaxLines` lines, `markdownMaxDepth` levels of nesting and
 * `markdownMaxMarkers` inline markup characters, and tables within
 * `markdownMaxTableColumns` and `markdownMaxTableCells`. Input past a bound
 * (thousands of nested `>`, of `[`, of table columns) can overflow a parser's
 * stack or cost it and the page seconds; the server refuses it and the widgets
 * show it as plain text.
 */
export function checkMarkdown(text: string): FieldCode | undefined {
  const lines = text.split(/\r\n?|\n/);
  if (lines.length > LIMITS.markdownMaxLines) return 'too_complex';
  if ((text.match(INLINE_MARKERS)?.length ?? 0) > LIMITS.markdownMaxMarkers) return 'too_complex';
  const tables = tableSize(lines);
  if (tables.columns > LIMITS.markdownMaxTableColumns || tables.cells > LIMITS.markdownMaxTableCells) return 'too_complex';
  return lines.some((line) => lineDepth(line) > LIMITS.markdownMaxDepth) ? 'too_complex' : undefined;
}

/** Deliberately simple: one `@`, a dot in the domain, no spaces. The inbox is the real test. */
export function isEmail(value: string): boolean {
  return value.length <= LIMITS.emailMax && /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(value);
}

/**
 * The WHATWG URL parser: in every browser and in Node, but not part of the
 * ECMAScript library these rules are checked against (they see neither DOM
 * nor Node types), so only what they use of it is named here.
 */
const { URL: Url } = globalThis as unknown as { URL: new (input: string) => { protocol: string; hostname: string } };

/** An absolute http(s) URL with a host. */
export function isHttpUrl(value: string): boolean {
  if (value.length > LIMITS.urlMax) return false;
  try {
    const url = new Url(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}

/** The type of an image by its first bytes, whatever its name or declared type says. */
export function sniffImageType(bytes: Uint8Array): PhotoType | undefined {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50)
    return 'image/webp';
  return undefined;
}

// Unicode ---------------------------------------------------------------------

/**
 * Bidi controls (embeddings, overrides, isolates, marks): in a name they reorder what a
 * moderator reads, so `Admin\u202Egnp.exe` shows as "Adminexe.png".
 */
const BIDI_CONTROL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
/**
 * What no text shown to others may hold: the bidi embeddings, overrides and isolates
 * (U+202A–202E, U+2066–2069), which reorder what follows them ("Trojan Source"), and the
 * invisible tag characters (U+E0000–E007F), which hide text from readers but not from
 * machines. The marks (U+200E, U+200F, U+061C) stay allowed outside names: writers of
 * Arabic or Hebrew use them to place punctuation, and they reorder nothing beyond it.
 */
const REORDERING_OR_HIDDEN = /[\u202A-\u202E\u2066-\u2069\u{E0000}-\u{E007F}]/u;
/** The one legitimate use of tag characters: a subdivision flag (England, Scotland, Wales) after U+1F3F4. */
const TAG_FLAG = /\u{1F3F4}[\u{E0030}-\u{E0039}\u{E0061}-\u{E007A}]{1,6}\u{E007F}/gu;
/** With the `u` flag a surrogate matches only when it is not half of a pair. */
const LONE_SURROGATE = /\p{Surrogate}/u;
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;

/** False for text holding half of a UTF-16 surrogate pair, which no keyboard can type. */
export function isWellFormedText(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/** False for text that holds bidi embeddings, overrides or isolates, or tag characters outside a flag. */
export function isPlainShownText(text: string): boolean {
  return !REORDERING_OR_HIDDEN.test(text.replace(TAG_FLAG, ''));
}

/**
 * Letters of scripts that look alike, by word: a word that mixes two of them ("Rеdаksі",
 * Latin with Cyrillic е, а, і) is likely posing as another name. Words in different
 * scripts side by side are normal and not flagged. Used to mark, never to refuse.
 */
const LOOKALIKE_SCRIPTS = [/\p{Script=Latin}/u, /\p{Script=Cyrillic}/u, /\p{Script=Greek}/u, /\p{Script=Armenian}/u, /\p{Script=Cherokee}/u];

/** Whether some word of the text mixes letters of two look-alike scripts. */
export function hasMixedScriptWord(text: string): boolean {
  return text
    .split(/[^\p{L}\p{M}]+/u)
    .some((word) => LOOKALIKE_SCRIPTS.filter((script) => script.test(word)).length > 1);
}

/** A name: bounded, well formed, no bidi controls, and at least one visible letter or digit. */
export function checkName(name: string): FieldCode | undefined {
  const code = checkText(name, LIMITS.nameMax, true);
  if (code) return code;
  if (BIDI_CONTROL.test(name)) return 'invalid_text';
  return /[\p{L}\p{N}]/u.test(name) ? undefined : 'required';
}

/**
 * What two texts are compared by when looking for a duplicate: compatibility forms
 * folded (NFKC), invisible characters removed, spaces collapsed, case ignored. A
 * zero-width space or a full-width letter does not make a second copy "new".
 */
export function duplicateKey(text: string): string {
  return text.normalize('NFKC').replace(INVISIBLE, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

export interface PhotoFacts {
  /** Bytes as sniffed (preferred) or the declared type when the bytes are not at hand. */
  type: string;
  size: number;
}

export interface StoryFields {
  name?: string;
  email?: string;
  community?: string;
  title?: string;
  body?: string;
  category?: string;
  /** Whether the writer said the story was published elsewhere; then the link is required. */
  publishedElsewhere?: boolean;
  originalUrl?: string;
  photo?: PhotoFacts;
  photoAlt?: string;
  consent?: boolean;
}

export interface StoryRules {
  minParagraphs?: number;
  photo?: 'optional' | 'required' | 'none';
  maxPhotoBytes?: number;
}

export type StoryField = keyof Omit<StoryFields, 'publishedElsewhere'>;

/**
 * The checks of any text written for others to see (bounded, well formed, nothing that
 * reorders or hides text); e-mail addresses go through it too, to no harm.
 */
export function checkText(value: string, max: number, required: boolean, min = 0): FieldCode | undefined {
  if (!value) return required ? 'required' : undefined;
  if (!isWellFormedText(value) || !isPlainShownText(value)) return 'invalid_text';
  if (value.length > max) return 'too_long';
  if (value.length < min) return 'too_short';
  return undefined;
}

function set<K extends string>(errors: FieldErrors<K>, field: K, code: FieldCode | undefined): void {
  if (code) errors[field] = code;
}

/** Every rule of a story. An empty object means the story may be sent. */
export function validateStory(input: StoryFields, rules: StoryRules = {}): FieldErrors<StoryField> {
  const errors: FieldErrors<StoryField> = {};
  const minParagraphs = rules.minParagraphs ?? LIMITS.minParagraphs;
  const photoRule = rules.photo ?? 'optional';
  const maxPhotoBytes = rules.maxPhotoBytes ?? LIMITS.photoMaxBytes;

  set(errors, 'name', checkName(trim(input.name)));
  const email = trim(input.email);
  set(errors, 'email', checkText(email, LIMITS.emailMax, true) ?? (isEmail(email) ? undefined : 'invalid_email'));
  set(errors, 'community', checkText(trim(input.community), LIMITS.communityMax, false));
  set(errors, 'title', checkText(trim(input.title), LIMITS.titleMax, true, LIMITS.titleMin));
  const body = trim(input.body);
  set(
    errors,
    'body',
    checkText(body, LIMITS.storyMaxChars, true) ??
      checkMarkdown(body) ??
      (countParagraphs(body) < minParagraphs ? 'too_few_paragraphs' : undefined),
  );
  set(errors, 'category', checkText(trim(input.category), LIMITS.categoryMax, false));

  const originalUrl = trim(input.originalUrl);
  if (input.publishedElsewhere && !originalUrl) errors.originalUrl = 'required';
  else if (originalUrl && !isHttpUrl(originalUrl)) errors.originalUrl = 'invalid_url';

  if (!isWellFormedText(trim(input.originalUrl))) errors.originalUrl = 'invalid_text';
  const altText = trim(input.photoAlt);
  if (!isWellFormedText(altText) || !isPlainShownText(altText)) errors.photoAlt = 'invalid_text';

  if (input.photo && photoRule !== 'none') {
    if (!(PHOTO_TYPES as readonly string[]).includes(input.photo.type)) errors.photo = 'photo_type';
    else if (input.photo.size > maxPhotoBytes) errors.photo = 'photo_too_large';
    const alt = trim(input.photoAlt);
    if (!alt) errors.photoAlt = 'alt_required';
    else if (alt.length > LIMITS.altMax) errors.photoAlt = 'too_long';
  } else if (photoRule === 'required') {
    errors.photo = 'required';
  }

  if (input.consent !== true) errors.consent = 'consent_required';
  return errors;
}

export interface CommentFields {
  authorName?: string;
  authorEmail?: string;
  authorUrl?: string;
  body?: string;
}

export type CommentField = keyof CommentFields;

/** Every rule of a comment. An empty object means the comment may be sent. */
export function validateComment(input: CommentFields): FieldErrors<CommentField> {
  const errors: FieldErrors<CommentField> = {};
  const body = trim(input.body);
  set(errors, 'body', checkText(body, LIMITS.commentMaxChars, true) ?? checkMarkdown(body));
  set(errors, 'authorName', checkName(trim(input.authorName)));
  const email = trim(input.authorEmail);
  set(errors, 'authorEmail', checkText(email, LIMITS.emailMax, true) ?? (isEmail(email) ? undefined : 'invalid_email'));
  const url = trim(input.authorUrl);
  if (url && !isHttpUrl(url)) errors.authorUrl = 'invalid_url';
  if (!isWellFormedText(url)) errors.authorUrl = 'invalid_text';
  return errors;
}

/**
 * Why a send looks automated: the honeypot was filled, it came at once (`instant`), faster than a
 * person usually writes (`too_fast`), or it said nothing usable about its timing (`no_timing`).
 */
export type SpamReason = 'honeypot' | 'instant' | 'too_fast' | 'no_timing';

/**
 * Bot checks shared by both sides: a filled honeypot or an implausibly fast
 * send. A timing that is missing, negative or not a number is suspicious, not
 * exempt. A server may set its own minimum fill time (0 turns the timing check off);
 * an `instant` send is one under `LIMITS.instantMs` (or the minimum, when that is lower).
 */
export function spamReason(honeypot: unknown, elapsedMs: unknown, minFillMs: number = LIMITS.minFillMs): SpamReason | undefined {
  if (typeof honeypot === 'string' ? trim(honeypot) : honeypot) return 'honeypot';
  if (minFillMs <= 0) return undefined;
  const elapsed = typeof elapsedMs === 'string' && /^\d{1,15}$/.test(elapsedMs.trim()) ? Number(elapsedMs) : elapsedMs;
  if (typeof elapsed !== 'number' || !Number.isFinite(elapsed) || elapsed < 0) return 'no_timing';
  if (elapsed < Math.min(LIMITS.instantMs, minFillMs)) return 'instant';
  return elapsed < minFillMs ? 'too_fast' : undefined;
}

/**
 * Only a bot gives these signals: such a send is held as spam, and deleted after the
 * retention if no editor rescued it. A send flagged by its timing alone may be a person's
 * (a slow clock, a form without JavaScript): it waits in the editors' pending list, marked.
 */
export const BOT_SIGNALS: readonly SpamReason[] = ['honeypot', 'instant'];

/** Whether a send flagged for `reason` is held as spam (else it waits for review with its marker). */
export const heldAsSpam = (reason: string | undefined): boolean => reason !== undefined && (BOT_SIGNALS as readonly string[]).includes(reason);

export function looksLikeBot(honeypot: unknown, elapsedMs: unknown, minFillMs: number = LIMITS.minFillMs): boolean {
  return spamReason(honeypot, elapsedMs, minFillMs) !== undefined;
}

