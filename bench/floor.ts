/**
 * The size floor: lit, marked and dompurify alone, minified the same way as
 * the bundle. What Kabar adds is measured against this.
 */
export * from 'lit';
export * from 'lit/decorators.js';
export { marked } from 'marked';
export { default as DOMPurify } from 'dompurify';
