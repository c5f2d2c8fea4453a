import { css, unsafeCSS } from 'lit';

/**
 * Shared host styles and tokens. Custom properties are read with fallbacks and
 * never set on `:host`, so a page may set `--kabar-*` on `:root`, a wrapper or
 * the element itself. Colours come in two sets; `theme="dark"` or the reader's
 * OS preference (when no theme is given) picks the dark one.
 */
/**
 * The dark colours, for `theme="dark"` and for a dark OS when no theme is set. A list of
 * declarations is no style sheet, so it is plain text rather than a `css` template (which the
 * build minifies as a whole sheet).
 */
const darkPalette = unsafeCSS(`
  --_fg: #e8eaed;
  --_muted: #a6adb8;
  --_bg: #16181c;
  --_surface: #22252b;
  --_border: #3b4049;
  --_accent: #ff9b73;
  --_accent-contrast: #16181c;
  --_danger: #ff8a80;
  --_success: #7bd88f;
  --_focus: #8ab4f8;
`);

export const hostStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    font: inherit;
    color: var(--kabar-color-text, var(--_fg));
    --_fg: #1c1f23;
    --_muted: #5b616b;
    --_bg: #ffffff;
    --_surface: #f5f6f8;
    --_border: #d5d9e0;
    --_accent: #a3361b;
    --_accent-contrast: #ffffff;
    --_danger: #b3261e;
    --_success: #1b6e3a;
    --_focus: #1d5fd1;
    --_radius: var(--kabar-radius, 0.5rem);
    --_space: var(--kabar-space, 1rem);
  }
  :host([hidden]) {
    display: none;
  }
  :host([theme='dark']) {
    ${darkPalette}
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${darkPalette}
    }
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  :focus-visible {
    outline: 3px solid var(--kabar-color-focus, var(--_focus));
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  button {
    font: inherit;
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation-duration: 0.01ms !important;
      transition-duration: 0.01ms !important;
    }
  }
`;
