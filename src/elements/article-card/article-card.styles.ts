import { css } from 'lit';

/** The card element's host: a container, so the `horizontal` variant answers to the width it is given. */
export const articleCardStyles = css`
  :host {
    container-type: inline-size;
  }
`;
