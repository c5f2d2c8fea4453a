import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import type { BackendError } from '../../backends/backend.js';
import type { StoryReceipt, Term } from '../../backends/types.js';
import type { PhotoController } from '../../controllers/photo.js';
import type { I18nController } from '../../core/i18n/controller.js';
import { describeError } from '../../core/i18n/errors.js';
import { markdown } from '../../core/markdown.js';
import { countParagraphs, countWords } from '../../core/rules/rules.js';
import { controlState, fieldError, fieldHint, fieldLabel, renderField, type Field } from '../../partials/field.js';
import { formatBytes } from '../../core/image.js';
import { KEY_REUSED, type SendProgress } from '../../core/send.js';

/**
 * The story form's templates, which need nothing of the element but what they
 * are given: its fields beyond plain text inputs, the receipt, the failure
 * notices, the upload's progress and the error summary.
 */

type I18n = I18nController;

/** Errors are worded by kind and code, never with the server's text. */
function failureText(i18n: I18n, error: BackendError): string {
  return describeError(i18n, error, (e) =>
    e.code === KEY_REUSED
      ? i18n.t('story.alreadyReceived')
      : e.kind === 'parse'
        ? i18n.t('story.notConfirmed')
        : e.status === 415
          ? i18n.fieldError('photo_type')
          : undefined,
  );
}

export function failureNotice(i18n: I18n, error: BackendError | undefined) {
  if (!error) return nothing;
  return html`<div class="failure" part="failure" role="alert">
    <p>${i18n.t('story.sendFailed')}</p>
    <p>${failureText(i18n, error)}</p>
  </div>`;
}

/** A story too long for a mail link: its text, to copy into a mail by hand. */
export function copyFallback(i18n: I18n, state: { text?: string; copied?: boolean; to: string }, onCopy: () => void) {
  if (state.text === undefined) return nothing;
  return html`<div class="failure" part="failure" role="alert">
    <p>${i18n.t('story.tooLongForEmail', { to: state.to })}</p>
    <div class="actions">
      <button type="button" class="button" part="button" @click=${onCopy}>${i18n.t('story.copyText')}</button>
      ${state.copied === true ? html`<span>${i18n.t('story.copied')}</span>` : nothing}
    </div>
    ${state.copied === false ? html`<p>${i18n.t('story.copyFailed')}</p>` : nothing}
    <label for="copy-text">${i18n.t('story.storyText')}</label>
    <textarea id="copy-text" class="copy-text" readonly .value=${state.text}></textarea>
  </div>`;
}

/** The upload's progress bar, with a percentage once the size is known. */
export function uploadProgress(i18n: I18n, progress: SendProgress | undefined, percent: number | undefined) {
  return html`<div class="progress">
    <label for="progress">${i18n.t('story.progress')}</label>
    ${progress && percent !== undefined
      ? html`<progress id="progress" part="progress" max=${progress.total} .value=${progress.loaded}></progress>
          <span>${percent}%</span>`
      : html`<progress id="progress" part="progress"></progress>`}
  </div>`;
}

export function receiptTemplate(i18n: I18n, receipt: StoryReceipt, email: boolean, onSendAnother: () => void, level: number): TemplateResult {
  return html`<section class="receipt" part="receipt" aria-labelledby="receipt-title">
    <h2 id="receipt-title" class="receipt-title" part="receipt-title" tabindex="-1" aria-level=${level}>
      ${i18n.t(email ? 'story.emailOpenedTitle' : 'story.sentTitle')}
    </h2>
    <p>${i18n.t(email ? 'story.emailOpenedNext' : 'story.sentNext')}</p>
    ${receipt.id ? html`<p>${i18n.t('story.receiptId', { id: receipt.id })}</p>` : nothing}
    ${email ? nothing : html`<p>${i18n.t('story.receivedAt', { time: i18n.fullDate(receipt.receivedAt) })}</p>`}
    <div>
      <button type="button" class="button" part="button" @click=${onSendAnother}>${i18n.t('story.sendAnother')}</button>
    </div>
  </section>`;
}

export interface SummaryEntry {
  /** The id of the control the link focuses. */
  target: string;
  text: string;
  onClick: (event: Event) => void;
}

/** The problems after a send attempt, each a link to its field. */
export function errorSummary(i18n: I18n, entries: SummaryEntry[], level: number) {
  return html`<div class="summary" part="error-summary" role="alert" tabindex="-1" aria-labelledby="summary-title">
    <h2 id="summary-title" aria-level=${level}>${i18n.t('common.errorSummary', { count: entries.length })}</h2>
    <ul>
      ${entries.map((entry) => html`<li><a href="#${entry.target}" @click=${entry.onClick}>${entry.text}</a></li>`)}
    </ul>
  </div>`;
}

export type StoryTab = 'write' | 'preview';

/** The Write / Preview tab list; arrow keys, Home and End move between the tabs. */
export function editorTabs(i18n: I18n, selected: StoryTab, select: (tab: StoryTab, focusTab: boolean) => void) {
  const handleKey = (event: KeyboardEvent) => {
    const other: StoryTab = selected === 'write' ? 'preview' : 'write';
    const next: Record<string, StoryTab | undefined> = { ArrowLeft: other, ArrowRight: other, Home: 'write', End: 'preview' };
    const tab = next[event.key];
    if (!tab) return;
    event.preventDefault();
    select(tab, true);
  };
  const tab = (name: StoryTab, label: string) => html`<button
    type="button"
    class="tab"
    part="tab"
    role="tab"
    id="tab-${name}"
    aria-selected=${selected === name ? 'true' : 'false'}
    aria-controls="panel-${name}"
    tabindex=${selected === name ? 0 : -1}
    @click=${() => select(name, false)}
  >
    ${label}
  </button>`;
  return html`<div class="tabs" part="tabs" role="tablist" aria-label=${i18n.t('story.editorTabs')} @keydown=${handleKey}>
    ${tab('write', i18n.t('common.write'))} ${tab('preview', i18n.t('common.preview'))}
  </div>`;
}

/** "Checking the photo…", "Photo reduced from 4.2 MB to 380 KB", or its size when it was small enough. */
export function photoNote(i18n: I18n, pick: PhotoController): string | undefined {
  if (!pick.file) return undefined;
  if (pick.pending) return i18n.t('story.photoChecking');
  const prepared = pick.prepared;
  if (!prepared) return undefined;
  const size = (bytes: number) => formatBytes(bytes, i18n.locale);
  return prepared.resized
    ? i18n.t('story.photoResized', { from: size(prepared.originalBytes), to: size(prepared.blob.size) })
    : i18n.t('story.photoReady', { size: size(prepared.blob.size) });
}

/** "Already published elsewhere?" as a yes / no radio group. */
export function elsewhereChoice(i18n: I18n, choice: string, locked: boolean) {
  return html`<fieldset part="field">
    <legend part="label">${i18n.t('story.publishedElsewhere')}</legend>
    <div class="choices">
      ${(['yes', 'no'] as const).map(
        (value) => html`<label class="choice">
          <input
            type="radio"
            id="elsewhere-${value}"
            name="publishedElsewhere"
            value=${value}
            ?disabled=${locked}
            .checked=${live(choice === value)}
          />
          ${i18n.t(value === 'yes' ? 'story.yes' : 'story.no')}
        </label>`,
      )}
    </div>
  </fieldset>`;
}

/** The story in Markdown, with Write / Preview tabs and a live count of paragraphs and words. */
export function storyEditor(
  i18n: I18n,
  field: Field,
  state: { body: string; tab: StoryTab; locked: boolean; min: number },
  select: (tab: StoryTab, focusTab: boolean) => void,
) {
  const { body, tab, locked } = state;
  const control = controlState(field);
  const count = `${i18n.t('story.paragraphCount', {
    count: i18n.number(countParagraphs(body)),
    min: i18n.number(state.min),
  })} · ${i18n.t('unit.words', { count: i18n.number(countWords(body)) })}`;
  const writing = tab === 'write';
  return html`<div class="field" part="field">
    ${fieldLabel(field.id, field.label, true)} ${fieldHint(field)} ${editorTabs(i18n, tab, select)}
    <div id="panel-write" role="tabpanel" aria-labelledby="tab-write" ?hidden=${!writing}>
      <textarea
        id=${field.id}
        name=${field.id}
        part="input"
        rows="12"
        required
        ?readonly=${locked}
        aria-invalid=${control.invalid}
        aria-describedby=${ifDefined(control.describedBy)}
        .value=${live(body)}
      ></textarea>
    </div>
    <div id="panel-preview" class="preview" part="preview" role="tabpanel" aria-labelledby="tab-preview" tabindex="0" ?hidden=${writing}>
      ${writing ? nothing : body.trim() ? markdown(body) : html`<p>${i18n.t('common.previewEmpty')}</p>`}
    </div>
    <p id="body-count" class="count" part="count">${count}</p>
    ${fieldError(field)}
  </div>`;
}

export function categoryField(i18n: I18n, field: Field, categories: Term[], chosen: string, locked: boolean) {
  return renderField(
    field,
    (state) => html`<select
      id=${field.id}
      name=${field.id}
      part="input"
      ?disabled=${locked}
      aria-invalid=${state.invalid}
      aria-describedby=${ifDefined(state.describedBy)}
    >
      <option value="" ?selected=${!chosen}>${i18n.t('story.categoryNone')}</option>
      ${categories.map((term) => html`<option value=${term.slug} ?selected=${chosen === term.slug}>${term.name}</option>`)}
    </select>`,
  );
}

/**
 * The photo picker: the native file input, transparent, over a button and the
 * chosen file's name in the reader's language, so it wraps at any width and
 * keeps the browser's own keyboard, screen-reader and drop behaviour; then its
 * status note and a way to remove it.
 */
export function photoField(
  i18n: I18n,
  field: Field,
  state: { note?: string; fileName?: string; locked: boolean },
  on: { change: (event: Event) => void; remove: () => void },
) {
  return renderField(
    field,
    (control) => html`<div class="file" part="file">
      <input
        id=${field.id}
        name=${field.id}
        type="file"
        accept="image/jpeg,image/png,image/webp,image/gif"
        ?required=${field.required ?? false}
        ?disabled=${state.locked}
        aria-invalid=${control.invalid}
        aria-describedby=${ifDefined(control.describedBy)}
        @change=${on.change}
      />
      <span class="button" part="button file-button" aria-hidden="true">${i18n.t('story.choosePhoto')}</span>
      <span id="photo-name" class="file__name" part="file-name" aria-hidden="true">${state.fileName ?? i18n.t('story.noPhoto')}</span>
    </div>`,
    html`${state.note ? html`<p id="photo-note" class="photo-note" part="photo-note">${state.note}</p>` : nothing}
    ${state.fileName !== undefined
      ? html`<div>
          <button type="button" class="button" part="button" ?disabled=${state.locked} @click=${on.remove}>
            ${i18n.t('story.removePhoto')}
          </button>
        </div>`
      : nothing}`,
  );
}

/** The consent checkbox, with the site's privacy page beside it when there is one. */
export function consentField(i18n: I18n, field: Field, checked: boolean, locked: boolean, privacyUrl: string | undefined) {
  const control = controlState(field);
  return html`<div class="field" part="field">
    <div class="check consent" part="consent">
      <input
        type="checkbox"
        id=${field.id}
        name=${field.id}
        required
        ?disabled=${locked}
        aria-invalid=${control.invalid}
        aria-describedby=${ifDefined(control.describedBy)}
        .checked=${live(checked)}
      />
      <label for=${field.id}>${i18n.t('story.consent')}<span class="required" aria-hidden="true"> *</span></label>
    </div>
    ${privacyUrl ? html`<p><a href=${privacyUrl} target="_blank" rel="noopener">${i18n.t('story.privacy')}</a></p>` : nothing}
    ${fieldError(field)}
  </div>`;
}

/** A draft came back after a reload: say so, with a way to throw it away. */
export function draftNotice(i18n: I18n, locked: boolean, onDiscard: () => void) {
  return html`<div class="notice" part="draft-notice">
    <p>${i18n.t('common.draftRestored')}</p>
    <button type="button" class="button" part="button" ?disabled=${locked} @click=${onDiscard}>${i18n.t('common.discardDraft')}</button>
  </div>`;
}

/** The time of the last save, to be seen, not announced: a live region would speak up at every pause in typing. */
export function draftSaved(i18n: I18n, savedAt: Date | undefined) {
  return savedAt ? html`<p class="status" part="draft-saved">${i18n.t('common.draftSaved', { time: i18n.time(savedAt) })}</p>` : nothing;
}

/** Whether the text reached the clipboard (the page may not be allowed to write to it). */
export async function copyToClipboard(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
