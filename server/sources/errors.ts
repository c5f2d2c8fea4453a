/**
 * Why a partner's feed could not be read, as codes the store keeps and plain
 * sentences editors read (the admin page has its own Indonesian ones by code).
 */
export const SOURCE_ERRORS = {
  timeout: 'The site took too long to answer, so the fetch was stopped.',
  network: 'The site could not be reached.',
  not_found_host: 'No such site: its name does not resolve.',
  private_address: 'The address points inside this network, which Kabar does not fetch from.',
  http_error: 'The site answered with an error instead of its feed.',
  gone: 'The feed is not there any more (404 or 410): check its address.',
  too_large: 'The feed is larger than Kabar reads, so it was not read.',
  redirect_refused: 'The site sent Kabar to another site or address, which Kabar does not follow.',
  not_a_feed: 'The address answers, but not with an RSS, Atom or JSON feed.',
  bad_url: 'The address is not an http(s) URL.',
} as const;

export type SourceErrorCode = keyof typeof SOURCE_ERRORS;

export const sourceErrorMessage = (code: string): string => (SOURCE_ERRORS as Record<string, string>)[code] ?? 'The feed could not be read.';
