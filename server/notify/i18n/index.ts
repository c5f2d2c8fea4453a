/**
 * The catalogues of every message and page the server's notices use. Bahasa Indonesia is the
 * default; a language is added by writing one more catalogue of this shape (a missing key is a
 * compile error) and naming it in `CATALOGUES`.
 */
import { en } from './en.js';
import { id } from './id.js';

export type ItemKind = 'story' | 'comment';
export type LinkAction = 'approve' | 'reject';

export interface MailCatalogue {
  /** The `lang` of the HTML parts and pages. */
  tag: string;
  storySubject: (title: string) => string;
  commentSubject: (name: string) => string;
  waiting: string;
  from: (name: string, community?: string) => string;
  onPage: string;
  inReplyTo: (name: string) => string;
  action: Record<LinkAction, string>;
  linkNote: (days: number) => string;
  digestSubject: (stories: number, comments: number) => string;
  digestIntro: (minutes: number) => string;
  digestStories: (n: number) => string;
  digestComments: (n: number) => string;
  digestSpam: (stories: number, comments: number) => string;
  openAdmin: string;
  editorFooter: (site: string) => string;
  confirmSubject: (site: string) => string;
  confirmBody: (site: string) => string;
  confirmButton: string;
  publishedSubject: string;
  publishedBody: string;
  replySubject: (name: string) => string;
  replyBody: (name: string) => string;
  storyPublishedSubject: (title: string) => string;
  storyPublishedBody: string;
  view: string;
  unsubscribeThread: string;
  unsubscribeAll: (site: string) => string;
  readerFooter: (site: string) => string;
  pageTitle: (site: string) => string;
  moderateQuestion: (action: LinkAction, kind: ItemKind) => string;
  moderated: (action: LinkAction, kind: ItemKind) => string;
  confirmQuestion: string;
  confirmed: string;
  unsubscribeQuestion: string;
  unsubscribedThread: string;
  unsubscribedAll: string;
  linkInvalid: string;
  linkExpired: string;
  linkUsed: string;
  alreadyModerated: string;
  notFound: string;
}

export type MailLanguage = 'id' | 'en';

export const CATALOGUES: Record<MailLanguage, MailCatalogue> = { id, en };
