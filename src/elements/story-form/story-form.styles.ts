import { css } from 'lit';

export const storyFormStyles = css`
  :host {
    --_gap: var(--kabar-form-gap, 1.25rem);
    --_input-bg: var(--kabar-color-input, var(--_bg));
    --_line: var(--kabar-color-border, var(--_border));
    --_hint: var(--kabar-color-muted, var(--_muted));
    --_error: var(--kabar-color-danger, var(--_danger));
    --_ok: var(--kabar-color-success, var(--_success));
    --_button: var(--kabar-color-accent, var(--_accent));
    --_button-text: var(--kabar-color-accent-contrast, var(--_accent-contrast));
    line-height: 1.5;
  }
  form,
  .receipt {
    display: grid;
    gap: var(--_gap);
    max-width: var(--kabar-form-max-width, 42rem);
  }
  p {
    margin: 0;
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
  .count,
  .required-note {
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
    border: 1px solid var(--_line);
    border-radius: var(--_radius);
  }
  input[type='file'] {
    font: inherit;
    max-width: 100%;
  }
  textarea {
    min-height: 14rem;
    resize: vertical;
  }
  [aria-invalid='true'] {
    border-color: var(--_error);
    border-width: 2px;
  }
  .error {
    color: var(--_error);
    font-weight: 600;
  }
  .choices {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1.5rem;
  }
  .choice,
  .consent {
    display: flex;
    gap: 0.5rem;
    align-items: flex-start;
    font-weight: 400;
  }
  .choice input,
  .consent input {
    margin-top: 0.3rem;
    width: 1.1rem;
    height: 1.1rem;
    flex: none;
  }
  .consent label {
    font-weight: 400;
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
  .preview {
    min-height: 14rem;
    padding: 0.55rem 0.7rem;
    border: 1px solid var(--_line);
    border-radius: var(--_radius);
    overflow-wrap: anywhere;
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
  .summary,
  .failure,
  .notice {
    padding: var(--_space);
    border-radius: var(--_radius);
    border: 2px solid var(--_error);
    background: var(--kabar-color-surface, var(--_surface));
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
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    align-items: center;
  }
  .submit,
  .secondary {
    cursor: pointer;
    padding: 0.6rem 1.2rem;
    border-radius: var(--_radius);
    font-weight: 600;
  }
  .submit {
    border: 0;
    background: var(--_button);
    color: var(--_button-text);
  }
  .submit[aria-disabled='true'] {
    opacity: 0.65;
    cursor: progress;
  }
  .secondary {
    border: 1px solid var(--_line);
    background: var(--_input-bg);
    color: inherit;
  }
  .progress {
    display: flex;
    gap: 0.5rem;
    align-items: center;
  }
  .status:empty {
    display: none;
  }
  .status,
  .photo-note {
    color: var(--_hint);
  }
  .receipt {
    padding: var(--_space);
    border-radius: var(--_radius);
    border: 2px solid var(--_ok);
  }
  .copy-text {
    min-height: 8rem;
  }
`;
