/** The normalised model every adapter maps its backend's shapes into. */

export interface Person {
  name: string;
  url?: string;
  /** Only ever an https URL; adapters drop anything that would be mixed content. */
  avatar?: string;
}

export interface Term {
  id: string;
  slug: string;
  name: string;
}

export interface ArticleImage {
  src: string;
  srcset?: string;
  width?: number;
  height?: number;
  /** May be empty when the source gave none; the card then relies on the title link. */
  alt: string;
}

export interface Article {
  id: string;
  url: string;
  /** Plain text, never HTML. */
  title: string;
  /** Plain text, never HTML. */
  excerpt: string;
  /** ISO 8601 with an offset. */
  publishedAt: string;
  updatedAt?: string;
  author?: Person;
  image?: ArticleImage;
  categories: Term[];
  tags: Term[];
  sticky?: boolean;
  commentsOpen?: boolean;
  commentCount?: number;
  /** Set by a merged feed: which source the card came from. */
  sourceLabel?: string;
  /** Markdown body, when the backend gives one (Kabar `GET /articles/{id}`). */
  body?: string;
  /** Remote HTML body, sanitised before use (WordPress `content.rendered`, Kabar `body_html`). */
  html?: string;
}

export interface Comment {
  id: string;
  thread: string;
  parentId: string | null;
  author: Person;
  /** Markdown source (Kabar). */
  body?: string;
  /** Remote HTML (WordPress `content.rendered`, Kabar `body_html`), sanitised before use; shown in preference to `body`. */
  html?: string;
  createdAt: string;
  status: 'approved' | 'pending';
}

export interface Page<T> {
  items: T[];
  page: number;
  perPage: number;
  /** Total items, when the backend says. */
  total?: number;
  totalPages?: number;
  /** True when a next page exists. */
  hasMore: boolean;
  /** Opaque cursor for backends that page by URL (JSON Feed `next_url`). */
  next?: string;
  /** For comments: false when the thread no longer takes new ones (a closed WordPress post). */
  commentsOpen?: boolean;
}

export interface ListArticlesQuery {
  page?: number;
  perPage?: number;
  category?: string;
  tag?: string;
  search?: string;
  /** Opaque cursor from a previous `Page.next`. */
  cursor?: string;
}

export interface ListCommentsQuery {
  page?: number;
  perPage?: number;
  sort?: 'oldest' | 'newest';
}

export interface StorySubmission {
  name: string;
  email: string;
  community?: string;
  title: string;
  /** Markdown. */
  body: string;
  category?: string;
  originalUrl?: string;
  photo?: File | Blob;
  photoAlt?: string;
  consent: true;
  /** Honeypot: a hidden field people leave empty. */
  website?: string;
  /** Milliseconds the form was open before sending; servers drop implausibly fast sends. */
  elapsedMs?: number;
  /** E-mail me when it is published (Kabar servers; double opt-in). */
  notify?: boolean;
}

export interface StoryReceipt {
  id: string;
  status: 'pending' | 'published' | 'sent';
  receivedAt: string;
}

export interface NewComment {
  thread: string;
  parentId?: string | null;
  authorName: string;
  authorEmail: string;
  authorUrl?: string;
  /** Markdown. */
  body: string;
  /** Honeypot: a hidden field people leave empty. */
  website?: string;
  elapsedMs?: number;
  /** E-mail me when it is published and when someone replies (Kabar servers; double opt-in). */
  notify?: boolean;
}

export interface CommentCounts {
  [thread: string]: number;
}
