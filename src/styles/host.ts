import { css, unsafeCSS, type CSSResultGroup } from 'lit';

/**
 * Shared host styles and tokens. Custom properties are read with fallbacks and
 * never set on `:host`, so a page may set `--kabar-*` on `:root`, a wrapper or
 * the element itself.
 *
 * Dark is opt-in: `theme="dark"`, or `theme="auto"` to follow the reader's OS.
 * Without it the elements stay light, because a widget cannot see the page it
 * sits on and most partner pages are light; and each element paints its own
 * background, so its colours are readable on any page, dark ones included.
 */

type Palette = Record<'fg' | 'muted' | 'bg' | 'surface' | 'border' | 'accent' | 'accent-contrast' | 'danger' | 'success' | 'focus', string>;

const LIGHT: Palette = {
  fg: '#1c1f23',
  muted: '#5b616b',
  bg: '#ffffff',
  surface: '#f5f6f8',
  border: '#d5d9e0',
  accent: '#a3361b',
  'accent-contrast': '#ffffff',
  danger: '#b3261e',
  success: '#1b6e3a',
  focus: '#1d5fd1',
};

const DARK: Palette = {
  fg: '#e8eaed',
  muted: '#a6adb8',
  bg: '#16181c',
  surface: '#22252b',
  border: '#3b4049',
  accent: '#ff9b73',
  'accent-contrast': '#16181c',
  danger: '#ff8a80',
  success: '#7bd88f',
  focus: '#8ab4f8',
};

/** A palette as custom property declarations. */
const declarations = (palette: Palette) =>
  Object.entries(palette)
    .map(([name, value]) => `--_${name}: ${value};`)
    .join(' ');

/**
 * The palettes as whole rules (every piece is a complete stylesheet, so a CSS
 * minifier can read it): light by default, dark when asked for.
 */
export const themeStyles = unsafeCSS(
  `:host { ${declarations(LIGHT)} }\n` +
    `:host([theme='dark']) { ${declarations(DARK)} }\n` +
    `@media (prefers-color-scheme: dark) { :host([theme='auto']) { ${declarations(DARK)} } }`,
);

const baseStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    font: inherit;
    color: var(--kabar-color-text, var(--_fg));
    background: var(--kabar-color-background, var(--_bg));
    color-scheme: light;
    --_radius: var(--kabar-radius, 0.5rem);
    --_space: var(--kabar-space, 1rem);
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      color-scheme: dark;
    }
  }
  :host([hidden]) {
    display: none;
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
  /* Readers' tables (each wrapped by the sanitiser) scroll inside their text, never widening the page. */
  .table-scroll {
    max-width: 100%;
    overflow-x: auto;
  }
  .table-scroll > table {
    border-collapse: collapse;
  }
  .table-scroll :is(th, td) {
    /* Words stay whole in a cell: the table scrolls rather than breaking them letter by letter. */
    overflow-wrap: normal;
    padding: 0.25rem 0.5rem;
    border: 1px solid var(--kabar-color-border, var(--_border));
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

/** What every element starts its styles with: the palettes and the host rules. */
export const hostStyles: CSSResultGroup = [themeStyles, baseStyles];
