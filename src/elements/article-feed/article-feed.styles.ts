import { css } from 'lit';

/**
 * The feed's own layout. `container-type` makes the feed answer to the width
 * the page gives it (a sidebar, a full column), not to the viewport.
 */
export const feedStyles = css`
  :host {
    container-type: inline-size;
  }
  .list {
    display: grid;
    gap: var(--kabar-feed-gap, 1rem);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .list[aria-busy='true'] {
    cursor: progress;
  }
  .list--grid {
    grid-template-columns: repeat(auto-fill, minmax(min(100%, var(--kabar-feed-column-min, 15rem)), 1fr));
  }
  .list--compact {
    gap: 0;
  }
  @container (min-width: 40rem) {
    .list--compact {
      grid-template-columns: repeat(2, minmax(0, 1fr));
      column-gap: var(--kabar-feed-gap, 1.5rem);
    }
  }
  .item {
    container-type: inline-size;
    min-width: 0;
  }
  .chip {
    font: inherit;
    cursor: pointer;
  }
  .more {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 0.5rem;
    margin-top: var(--kabar-feed-gap, 1rem);
  }
  .pages__list {
    display: flex;
    flex-wrap: wrap;
    justify-content: center;
    align-items: center;
    gap: 0.4rem;
    margin: var(--kabar-feed-gap, 1rem) 0 0;
    padding: 0;
    list-style: none;
  }
  .button--page {
    min-width: 2.75rem;
    padding: 0.5rem 0.8rem;
    color: var(--kabar-color-accent, var(--_accent));
    background: transparent;
  }
  .button--page[aria-current='page'] {
    color: var(--kabar-color-accent-contrast, var(--_accent-contrast));
    background: var(--kabar-color-accent, var(--_accent));
  }
  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem;
    margin-bottom: var(--kabar-feed-gap, 1rem);
  }
  .chip {
    padding: 0.35rem 0.9rem;
    min-height: 2.25rem;
    border: 1px solid var(--kabar-chip-border-color, var(--_border));
    border-radius: 999px;
    color: var(--kabar-chip-color, var(--_fg));
    background: var(--kabar-chip-background, var(--_surface));
  }
  .chip[aria-pressed='true'] {
    border-color: var(--kabar-color-accent, var(--_accent));
    color: var(--kabar-color-accent-contrast, var(--_accent-contrast));
    background: var(--kabar-color-accent, var(--_accent));
  }
  .notice {
    margin: 0 0 var(--kabar-feed-gap, 1rem);
    font-size: 0.875rem;
    color: var(--kabar-color-muted, var(--_muted));
  }
  .empty {
    padding: var(--_space);
    border-radius: var(--_radius);
    background: var(--kabar-message-background, var(--_surface));
  }
  .empty ::slotted(*),
  .empty p {
    margin: 0;
  }
  .fallback {
    margin-top: var(--kabar-feed-gap, 1rem);
  }
  .fallback:first-child {
    margin-top: 0;
  }
`;
