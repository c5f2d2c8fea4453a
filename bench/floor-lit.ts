/**
 * The feed file's size floor: lit alone, minified the same way as the bundles. The feed
 * carries neither marked nor dompurify, so this is what its own code is measured against.
 */
export * from 'lit';
export * from 'lit/decorators.js';
