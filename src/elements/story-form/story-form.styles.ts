import { css } from 'lit';

/** What only the story form has; fields, buttons and tokens come from the shared form stylesheet. */
export const storyFormStyles = css`
  :host {
    --_form-gap: 1.25rem;
    line-height: 1.5;
  }
  p {
    margin: 0;
  }
  form,
  .receipt {
    max-width: var(--kabar-form-max-width, 42rem);
  }
  .receipt {
    display: grid;
    gap: var(--kabar-form-gap, var(--_form-gap));
    padding: var(--_space);
    border-radius: var(--_radius);
    border: 2px solid var(--_ok);
  }
  .count,
  .required-note,
  .status,
  .photo-note {
    color: var(--_hint);
  }
  .count,
  .required-note {
    font-size: 0.9em;
  }
  .status:empty {
    display: none;
  }
  textarea,
  .preview {
    min-height: 14rem;
  }
  .choices {
    display: flex;
    flex-wrap: wrap;
    column-gap: 1.5rem;
  }
  /* The file input lies, transparent, over its button and the file's name: the whole row is its target. */
  .file {
    position: relative;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
    border-radius: var(--_radius);
  }
  .file input {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    opacity: 0;
    cursor: pointer;
  }
  .file:focus-within {
    outline: 3px solid var(--kabar-color-focus, var(--_focus));
    outline-offset: 2px;
  }
  .file:has(:disabled) {
    opacity: 0.65;
  }
  .file__name {
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .tabs {
    display: flex;
    gap: 0.25rem;
    border-bottom: 1px solid var(--_line);
  }
  .tab {
    border: 1px solid transparent;
    border-bottom: 0;
    border-radius: var(--_radius) var(--_radius) 0 0;
    background: none;
    color: inherit;
    padding: 0.35rem 0.9rem;
    cursor: pointer;
  }
  .tab[aria-selected='true'] {
    border-color: var(--_line);
    background: var(--_input-bg);
    font-weight: 600;
    margin-bottom: -1px;
  }
  .summary,
  .failure,
  .notice {
    padding: var(--_space);
    border-radius: var(--_radius);
    border: 2px solid var(--_error);
    background: var(--_secondary);
  }
  .notice {
    border-color: var(--_line);
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    align-items: center;
  }
  .summary:focus,
  .receipt-title:focus {
    outline: 3px solid var(--kabar-color-focus, var(--_focus));
    outline-offset: 2px;
  }
  .summary h2,
  .receipt-title {
    font-size: 1.1em;
    margin: 0 0 0.5rem;
  }
  .summary ul {
    margin: 0;
    padding-inline-start: 1.25rem;
  }
  .summary a,
  .consent a {
    color: inherit;
  }
  .progress {
    display: flex;
    gap: 0.5rem;
    align-items: center;
  }
  .copy-text {
    min-height: 8rem;
  }
`;
