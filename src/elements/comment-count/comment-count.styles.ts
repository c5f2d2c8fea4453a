import { css } from 'lit';

export const commentCountStyles = css`
  /* A piece of the page's own text: the page's colours, not a palette of ours. */
  :host {
    display: inline;
    color: var(--kabar-color-text, inherit);
    background: var(--kabar-color-background, none);
  }
  a {
    color: var(--kabar-color-link, inherit);
  }
`;
