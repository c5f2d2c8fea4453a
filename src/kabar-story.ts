/** The story file: `<kabar-story-form>`, nothing else. */
import { KabarStoryForm } from './elements/story-form/story-form.js';
import { defineElements } from './define-element.js';

export { registerLocale, type LocaleMessages } from './core/i18n/locales.js';

export { KabarStoryForm };

defineElements({ 'kabar-story-form': KabarStoryForm });
