import { css } from 'lit';

/**
 * The one stylesheet of Kabar's forms (the story form and the comment box):
 * fields, labels, hints, errors, check rows, buttons, the preview and the
 * honeypot, on one set of tokens. Older names still work as aliases:
 * `--kabar-input-background` for `--kabar-color-input`.
 *
 * Each form sets `--_form-gap` (its own default spacing) on `:host`.
 */
export const formStyles = css`
  :host {
    --_input-bg: var(--kabar-color-input, var(--kabar-input-background, var(--_bg)));
    /* Inputs need a 3:1 edge against the page; the shared border colour is lighter. */
    --_input-line: var(--kabar-input-border, var(--kabar-color-border, #767c86));
    --_line: var(--kabar-color-border, var(--_border));
    --_hint: var(--kabar-color-muted, var(--_muted));
    --_error: var(--kabar-color-danger, var(--_danger));
    --_ok: var(--kabar-color-success, var(--_success));
    --_primary: var(--kabar-color-accent, var(--_accent));
    --_primary-text: var(--kabar-color-accent-contrast, var(--_accent-contrast));
    --_secondary: var(--kabar-color-surface, var(--_surface));
  }
  form {
    display: grid;
    gap: var(--kabar-form-gap, var(--_form-gap, 1rem));
  }
  .field,
  fieldset {
    display: grid;
    gap: 0.35rem;
    min-width: 0;
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
  }
  label,
  legend {
    font-weight: 600;
    padding: 0;
  }
  .required {
    color: var(--_error);
  }
  .hint,
  .field-error,
  .form-error {
    margin: 0;
  }
  .hint {
    color: var(--_hint);
    font-size: 0.9em;
  }
  input:not([type='checkbox'], [type='radio'], [type='file']),
  textarea,
  select {
    font: inherit;
    color: inherit;
    width: 100%;
    padding: 0.55rem 0.7rem;
    background: var(--_input-bg);
    border: 1px solid var(--_input-line);
    border-radius: var(--_radius);
  }
  input[type='file'] {
    font: inherit;
    max-width: 100%;
  }
  textarea {
    resize: vertical;
  }
  [aria-invalid='true'] {
    border-color: var(--_error);
    border-width: 2px;
  }
  .field-error,
  .form-error {
    color: var(--_error);
    font-weight: 600;
  }
  .check {
    display: flex;
    gap: 0.5rem;
    align-items: flex-start;
  }
  .check input {
    margin: 0.25rem 0 0;
    width: 1.1rem;
    height: 1.1rem;
    flex: none;
  }
  .check label {
    font-weight: 400;
  }
  /* The opt-in to e-mail: the whole row, label and all, is one thumb-sized target. */
  .check--notify {
    align-items: center;
    min-height: 2.75rem;
    padding: 0.25rem 0;
    cursor: pointer;
    font-weight: 400;
  }
  .check--notify input {
    margin: 0;
    width: 1.5rem;
    height: 1.5rem;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    align-items: center;
  }
  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    min-height: 2.75rem;
    padding: 0.5rem 1.1rem;
    border: 1px solid var(--_line);
    border-radius: var(--_radius);
    background: var(--_secondary);
    color: inherit;
    cursor: pointer;
  }
  .button--primary {
    border-color: transparent;
    background: var(--_primary);
    color: var(--_primary-text);
    font-weight: 600;
  }
  .button[aria-disabled='true'] {
    opacity: 0.65;
    cursor: progress;
  }
  .preview {
    padding: 0.55rem 0.7rem;
    border: 1px solid var(--_line);
    border-radius: var(--_radius);
    overflow-wrap: anywhere;
  }
  .preview > :first-child {
    margin-top: 0;
  }
  .preview > :last-child {
    margin-bottom: 0;
  }
  .preview img {
    max-width: 100%;
    height: auto;
  }
  .honeypot {
    position: absolute;
    left: -10000px;
    width: 1px;
    height: 1px;
    overflow: hidden;
  }
`;
