import { css } from 'lit';

/** What only the comment box has; fields, buttons and tokens come from the shared form stylesheet. */
export const commentBoxStyles = css`
  :host {
    --_form-gap: 0.875rem;
    max-width: var(--kabar-comments-max-width, 48rem);
  }
  textarea {
    min-height: 7rem;
  }
  h2 {
    margin: 0 0 0.75rem;
    font-size: var(--kabar-comments-heading-size, 1.25rem);
    line-height: 1.3;
  }
  .thread-section {
    margin-bottom: calc(var(--_space) * 1.5);
  }
  /* Holds the space of a thread that is not loaded yet, so nothing below jumps. */
  .placeholder {
    min-height: var(--kabar-comments-placeholder-height, 14rem);
  }
  .slow {
    margin: 0 0 0.75rem;
    color: var(--kabar-color-muted, var(--_muted));
  }
  .skeleton {
    display: grid;
    gap: 1rem;
  }
  .skeleton__item {
    display: grid;
    grid-template-columns: 2.5rem 1fr;
    gap: 0.5rem 0.625rem;
  }
  .skeleton__avatar,
  .skeleton__line {
    background: var(--kabar-skeleton-color, var(--_surface));
    border-radius: var(--_radius);
  }
  .skeleton__avatar {
    grid-row: span 2;
    height: 2.5rem;
    border-radius: 50%;
  }
  .skeleton__line {
    height: 0.9rem;
  }
  .skeleton__line--short {
    width: 40%;
  }
  ol.thread,
  ol.replies {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  ol.replies {
    margin-left: var(--kabar-comments-indent, 1.25rem);
    padding-left: var(--kabar-comments-indent-gap, 0.75rem);
    border-left: 2px solid var(--kabar-color-border, var(--_border));
  }
  .thread > li + li {
    border-top: 1px solid var(--kabar-color-border, var(--_border));
  }
  .empty,
  .closed {
    color: var(--kabar-color-muted, var(--_muted));
  }
  .error {
    padding: 0.75rem;
    border: 1px solid var(--kabar-color-danger, var(--_danger));
    border-radius: var(--_radius);
  }
  .error p {
    margin: 0 0 0.5rem;
  }
  .load-more {
    margin-top: 0.75rem;
  }
  .form-section {
    margin-top: 0.75rem;
    padding: var(--kabar-comments-form-padding, 1rem);
    border: 1px solid var(--kabar-color-border, var(--_border));
    border-radius: var(--_radius);
    background: var(--kabar-comments-form-background, transparent);
  }
  .form-section--reply {
    margin: 0 0 0.75rem;
  }
  .form-heading {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: 0.25rem 1rem;
  }
  .cancel-reply {
    padding: 0.375rem 0;
    border: 0;
    background: none;
    color: var(--kabar-color-link, var(--_accent));
    text-decoration: underline;
    cursor: pointer;
  }
  .note {
    margin: 0;
    font-size: 0.9em;
    color: var(--kabar-color-muted, var(--_muted));
  }
  .preview-toggle {
    justify-self: start;
    min-height: 2rem;
    padding: 0.25rem 0.75rem;
    font-size: 0.875em;
  }
  .preview-toggle[aria-pressed='true'] {
    border-color: var(--kabar-color-accent, var(--_accent));
  }
  .send-status {
    margin: 0;
    color: var(--kabar-color-muted, var(--_muted));
  }
  .send-status--done {
    color: var(--kabar-color-success, var(--_success));
    font-weight: 600;
  }
`;
