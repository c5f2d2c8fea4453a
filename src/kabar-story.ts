/** The story file: `<kabar-story-form>`, nothing else. */
import { KabarStoryForm } from './elements/story-form/story-form.js';
import { defineElements } from './define-element.js';

export { registerLocale, type LocaleMessages } from './core/i18n/locales.js';
// What a page needs to give the form its own backend and to listen to its events by class.
export { BackendError, PartialBackend, isBackendError } from './backends/backend.js';
export { EmailBackend } from './backends/email.js';
export { KabarErrorEvent, KabarSubmitEvent, KabarSubmittedEvent } from './core/events.js';

export { KabarStoryForm };

defineElements({ 'kabar-story-form': KabarStoryForm });
