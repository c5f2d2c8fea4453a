/** What an import did, for its one line of output. */
export interface ImportSummary {
  articles: number;
  comments: number;
  /** Records the file holds that Kabar does not take (drafts, pages, spam, trash, pingbacks). */
  skipped: number;
}
