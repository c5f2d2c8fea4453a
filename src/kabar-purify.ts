/**
 * `kabar-purify.js`: DOMPurify alone, loaded by a feature file only on browsers without the
 * native Sanitizer API (see src/core/lazy-bundled.ts). Kabar's rules are applied by the loader.
 */
export { default } from 'dompurify';
