import { css } from 'lit';

export const commentCountStyles = css`
  :host {
    display: inline;
  }
  a {
    color: var(--kabar-color-link, inherit);
  }
`;
