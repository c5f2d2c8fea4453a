import { css } from 'lit';

export const commentBoxStyles = css`
  :host {
    max-width: var(--kabar-comments-max-width, 48rem);
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
  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    min-height: 2.75rem;
    padding: 0.5rem 1rem;
    border: 1px solid var(--kabar-color-border, var(--_border));
    border-radius: var(--_radius);
    background: var(--kabar-button-background, var(--_surface));
    color: inherit;
    cursor: pointer;
  }
  .button--primary {
    border-color: transparent;
    background: var(--kabar-color-accent, var(--_accent));
    color: var(--kabar-color-accent-contrast, var(--_accent-contrast));
    font-weight: 600;
  }
  .button[aria-disabled='true'] {
    opacity: 0.7;
    cursor: progress;
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
    padding: 0;
    border: 0;
    background: none;
    color: var(--kabar-color-link, var(--_accent));
    text-decoration: underline;
    cursor: pointer;
  }
  form {
    display: grid;
    gap: 0.875rem;
  }
  .note {
    margin: 0;
    font-size: 0.9em;
    color: var(--kabar-color-muted, var(--_muted));
  }
  .field {
    display: grid;
    gap: 0.25rem;
  }
  label {
    font-weight: 600;
  }
  .required {
    color: var(--kabar-color-danger, var(--_danger));
  }
  input,
  textarea {
    width: 100%;
    padding: 0.5rem 0.625rem;
    border: 1px solid var(--kabar-input-border, #767c86);
    border-radius: var(--_radius);
    background: var(--kabar-input-background, var(--_bg));
    color: inherit;
    font: inherit;
  }
  textarea {
    min-height: 7rem;
    resize: vertical;
  }
  [aria-invalid='true'] {
    border-color: var(--kabar-color-danger, var(--_danger));
    border-width: 2px;
  }
  .hint {
    margin: 0;
    font-size: 0.875em;
    color: var(--kabar-color-muted, var(--_muted));
  }
  .field-error,
  .form-error {
    margin: 0;
    color: var(--kabar-color-danger, var(--_danger));
    font-weight: 600;
  }
  .check {
    display: grid;
    grid-template-columns: auto 1fr;
    align-items: start;
    gap: 0.5rem;
  }
  .check input {
    width: 1.125rem;
    height: 1.125rem;
    margin: 0.2rem 0 0;
  }
  .check label {
    font-weight: 400;
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
  .preview {
    padding: 0.5rem 0.75rem;
    border: 1px dashed var(--kabar-color-border, var(--_border));
    border-radius: var(--_radius);
    overflow-wrap: anywhere;
  }
  .preview > :first-child {
    margin-top: 0;
  }
  .preview > :last-child {
    margin-bottom: 0;
  }
  .trap {
    display: none;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
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
