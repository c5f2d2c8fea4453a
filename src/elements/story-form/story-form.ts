import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { Task, TaskStatus } from '@lit/task';
import { toBackendError, type Backend, type BackendError } from '../../backends/backend.js';
import { resolveBackend } from '../../backends/resolve.js';
import type { StoryReceipt, StorySubmission } from '../../backends/types.js';
import { DraftController, type DraftSend } from '../../controllers/draft.js';
import { FormFeedback } from '../../controllers/form-feedback.js';
import { PhotoController } from '../../controllers/photo.js';
import { KabarErrorEvent, KabarSubmitEvent, KabarSubmittedEvent } from '../../core/events.js';
import { WithHeadingLevel } from '../../core/heading.js';
import { KabarElement } from '../../core/kabar-element.js';
import { LIMITS, validateStory, type FieldErrors, type StoryField } from '../../core/rules/rules.js';
import { safeUrl } from '../../core/sanitize.js';
import { needsNewKey, SendController } from '../../core/send.js';
import { SendStatus } from '../../core/send-status.js';
import { storyAsText } from '../../core/story-text.js';
import { honeypot, renderField, type Field } from '../../partials/field.js';
import { formStyles } from '../../styles/form.js';
import { hostStyles } from '../../styles/host.js';
import { emptyDraft, FIELD_LABELS, FIELD_ORDER, isEmptyDraft, loadCategories, type StoryDraft } from './story-fields.js';
import { storyFormStyles } from './story-form.styles.js';
import {
  categoryField,
  consentField,
  copyFallback,
  copyToClipboard,
  draftNotice,
  draftSaved,
  photoField,
  storyEditor,
  elsewhereChoice,
  errorSummary,
  failureNotice,
  photoNote,
  receiptTemplate,
  uploadProgress,
  type StoryTab,
} from './story-templates.js';

export type { StoryDraft } from './story-fields.js';

/** The story form's field errors also answer to `error`, their name before the forms shared one template. */
const ERROR_PARTS = 'field-error error';

/**
 * The "submit your story" form: a writer's draft, kept safe while typed and
 * through failures, sent once, and answered with an honest receipt.
 *
 * @tag kabar-story-form
 * @slot - Fallback content (a plain `<form action=…>`), shown until the element upgrades and whenever it cannot work.
 * @csspart form - The form.
 * @csspart field - The wrapper of each field.
 * @csspart label - Each field's label.
 * @csspart input - Each text input, select and the story textarea.
 * @csspart hint - Help text under a label.
 * @csspart field-error - A field's error message (also `error`, its earlier name).
 * @csspart required-note - "Fields marked * are required."
 * @csspart error-summary - The list of problems shown after a send attempt.
 * @csspart tabs - The Write / Preview tab list.
 * @csspart tab - Each tab.
 * @csspart preview - The rendered preview of the story.
 * @csspart count - The paragraph and word count.
 * @csspart photo-note - The photo's status ("Photo reduced from 4.2 MB to 380 KB").
 * @csspart consent - The consent checkbox row.
 * @csspart submit - The send button.
 * @csspart button - Secondary buttons (discard draft, remove photo, send another, copy).
 * @csspart progress - The upload progress bar.
 * @csspart status - What the send is doing (sending, offline, retrying in N seconds).
 * @csspart draft-saved - "Draf tersimpan 14.05", shown but not announced on every save.
 * @csspart locked-note - Says the fields cannot change while the story is being sent.
 * @csspart failure - The message shown when a send failed.
 * @csspart draft-notice - The notice that a draft was restored.
 * @csspart receipt - The confirmation shown after sending.
 * @csspart receipt-title - Its heading.
 * @cssprop [--kabar-color-accent] - Background of the send button.
 * @cssprop [--kabar-color-accent-contrast] - Text of the send button.
 * @cssprop [--kabar-color-danger] - Error text and borders.
 * @cssprop [--kabar-color-success] - Border of the receipt.
 * @cssprop [--kabar-color-border] - Borders of inputs, notices and the preview.
 * @cssprop [--kabar-input-border] - Borders of inputs only (default: `--kabar-color-border`).
 * @cssprop [--kabar-color-input] - Background of inputs (also `--kabar-input-background`).
 * @cssprop [--kabar-color-muted] - Hints and status text.
 * @cssprop [--kabar-color-surface] - Background of notices.
 * @cssprop [--kabar-form-gap=1.25rem] - Space between fields.
 * @cssprop [--kabar-form-max-width=42rem] - Widest the form grows.
 * @event {KabarSubmitEvent} kabar-submit - Before the story is sent; `preventDefault()` keeps it from being sent.
 * @event {KabarSubmittedEvent} kabar-submitted - The backend confirmed the story (detail: the receipt).
 * @event {KabarErrorEvent} kabar-error - A send failed (detail: the BackendError).
 */
export class KabarStoryForm extends WithHeadingLevel(KabarElement) {
  static override styles = [hostStyles, formStyles, storyFormStyles];

  /** The least number of paragraphs a story must have. */
  @property({ type: Number, attribute: 'min-paragraphs' }) minParagraphs: number = LIMITS.minParagraphs;

  /** Whether a photo is `optional`, `required` or not asked for (`none`). */
  @property() photo: 'optional' | 'required' | 'none' = 'optional';

  /** Largest photo accepted, in megabytes, after downscaling. */
  @property({ type: Number, attribute: 'max-photo-mb' }) maxPhotoMb = LIMITS.photoMaxBytes / (1024 * 1024);

  /** A page to go to after the story was received. */
  @property({ attribute: 'success-url' }) successUrl = '';

  /** The site's privacy page, linked beside the consent checkbox. */
  @property({ attribute: 'privacy-url' }) privacyUrl = '';

  /** Categories as `slug:Name,slug:Name`; without it they come from the backend. */
  @property() categories = '';

  /** The editors' address for `source="email"`. */
  @property() to = '';

  /** Opt-in "your story was published" by e-mail (Kabar servers only); off on every page view. */
  @state() private notify = false;
  @state() private values: StoryDraft = emptyDraft();
  @state() private showSummary = false;
  @state() private tab: StoryTab = 'write';
  @state() private draftRestored = false;
  @state() private failure?: BackendError;
  @state() private copyText?: string;
  @state() private copied?: boolean;
  @state() private receipt?: StoryReceipt;
  /** What the live region says: each busy state of the send once, never the countdown's every second. */
  @state() private statusAnnouncement = '';

  @query('.summary') private summaryElement?: HTMLElement;
  @query('.receipt-title') private receiptTitle?: HTMLElement;

  private honeypotValue = '';
  private submitting = false;
  private submission?: Promise<void>;
  private readonly draft = new DraftController<StoryDraft>(this, { kind: 'story', values: () => this.values, isEmpty: isEmptyDraft });
  private readonly feedback = new FormFeedback<StoryField>(this, FIELD_ORDER);
  private readonly photoPick = new PhotoController(this);
  private readonly sender = new SendController<StoryReceipt>(this);
  private readonly sendStatus = new SendStatus(this, this.sender, this.i18n, (text) => (this.statusAnnouncement = text));
  /** The category request was cut short by a disconnect; it runs again on the way back. */
  private categoriesAborted = false;

  private readonly categoryList = new Task(this, {
    args: () => [this.categories, this.backendFor()] as const,
    task: ([attribute, backend], { signal }) => loadCategories(attribute, backend, signal),
  });

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.categoriesAborted) {
      this.categoriesAborted = false;
      void this.categoryList.run();
    }
  }

  override disconnectedCallback(): void {
    // A form taken off the page has no use for its categories: stop asking.
    if (this.categoryList.status === TaskStatus.PENDING) {
      this.categoryList.abort();
      this.categoriesAborted = true;
    }
    super.disconnectedCallback();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // The draft belongs to where the story goes: a form for another backend keeps its own.
    const scope = `${this.source}:${this.source === 'email' ? this.to : this.backend}`;
    if (scope !== this.draft.scope) {
      const kept = this.draft.open(scope);
      if (kept) {
        this.values = { ...emptyDraft(), ...kept };
        this.draftRestored = true;
      }
    }
    super.willUpdate(changed);
  }

  /** The e-mail source takes its address from `to`; everything else as the base class does. */
  protected override backendFor(): Backend | undefined {
    if (this.backendAdapter) return this.backendAdapter;
    if (this.source === 'email') return this.to ? resolveBackend(this.to, 'email') : undefined;
    return super.backendFor();
  }

  private get photoRule(): 'optional' | 'required' | 'none' {
    // A mail link cannot carry a file.
    if (this.source === 'email') return 'none';
    return this.photo === 'required' || this.photo === 'none' ? this.photo : 'optional';
  }

  private get maxPhotoBytes(): number {
    const mb = Number(this.maxPhotoMb);
    return (Number.isFinite(mb) && mb > 0 ? mb : 5) * 1024 * 1024;
  }

  private get sending(): boolean {
    return this.submitting || this.sender.busy;
  }

  /**
   * The fields are read-only while the story is on its way (or waits for the
   * connection or a retry): the story that arrives is the one captured at
   * "send", so an edit made now could only be lost without a word.
   */
  private get locked(): boolean {
    return this.sender.busy;
  }

  /** Back to an empty form: after discarding the draft, or to write another story. */
  private readonly clearForm = (): void => {
    this.values = emptyDraft();
    this.draft.discard();
    this.feedback.reset();
    this.draftRestored = false;
    this.showSummary = false;
    this.failure = undefined;
    void this.updateComplete.then(() => this.field('name')?.focus());
  };

  // ---- validation ---------------------------------------------------------

  /** The form's own verdict, before the server's. */
  private get clientErrors(): FieldErrors<StoryField> {
    const v = this.values;
    const elsewhere = v.publishedElsewhere === 'yes';
    const photo = this.photoRule === 'none' ? undefined : this.photoPick.facts;
    return validateStory(
      {
        ...v,
        category: this.categoryList.value?.length ? v.category : '',
        publishedElsewhere: elsewhere,
        originalUrl: elsewhere ? v.originalUrl : '',
        photo,
        photoAlt: photo ? v.photoAlt : '',
      },
      { minParagraphs: this.minParagraphs, photo: this.photoRule, maxPhotoBytes: this.maxPhotoBytes },
    );
  }

  /** The message for a field, once the writer has left it or tried to send. */
  private errorFor(field: StoryField, client = this.clientErrors): string | undefined {
    const code = this.feedback.shown(field, client);
    return code ? this.i18n.fieldError(code, { min: this.minParagraphs, mb: this.maxPhotoMb }) : undefined;
  }

  private field(name: string): HTMLElement | null | undefined {
    return this.renderRoot.querySelector<HTMLElement>(`#${name}`);
  }

  // ---- handlers -----------------------------------------------------------

  private handleInput(event: Event): void {
    const target = event.target as HTMLInputElement;
    const name = target.name;
    if (!(name in this.values)) return;
    const value = target.type === 'checkbox' ? target.checked : target.value;
    this.values = { ...this.values, [name]: value };
    if (this.feedback.has(name)) this.feedback.changed(name);
    this.draft.edited();
  }

  private handleFocusOut(event: FocusEvent): void {
    const name = (event.target as HTMLInputElement).name;
    if (this.feedback.has(name)) this.feedback.left(name);
  }

  private readonly handlePhotoChange = (event: Event): void => {
    this.setPhoto((event.target as HTMLInputElement).files?.[0]);
  };

  private setPhoto(file: File | undefined): void {
    this.photoPick.set(file);
    this.feedback.touch('photo');
    this.feedback.changed('photo');
  }

  private readonly handleRemovePhoto = (): void => {
    const input = this.field('photo') as HTMLInputElement | null;
    if (input) input.value = '';
    this.setPhoto(undefined);
    input?.focus();
  };

  private readonly selectTab = (tab: StoryTab, focusTab = false): void => {
    this.tab = tab;
    if (focusTab) void this.updateComplete.then(() => this.field(`tab-${tab}`)?.focus());
  };

  private handleSummaryLink(event: Event, field: StoryField): void {
    event.preventDefault();
    if (field === 'body') this.tab = 'write';
    void this.updateComplete.then(() => this.field(this.focusTarget(field))?.focus());
  }

  /** The control a field's error points at (a radio group points at its first radio). */
  private focusTarget(field: StoryField): string {
    if (field === 'originalUrl' && this.values.publishedElsewhere !== 'yes') return 'elsewhere-yes';
    return field;
  }

  private async handleSubmit(event: Event): Promise<void> {
    event.preventDefault();
    // A second click or Enter while the first send is underway does nothing.
    if (this.sending) return;
    this.submitting = true;
    const submission = this.submit().finally(() => {
      this.submitting = false;
      this.requestUpdate();
    });
    this.submission = submission;
    await submission;
  }

  /** While a retry waits, the writer need not: stop the wait and send again now, with the same key. */
  private async handleRetryNow(): Promise<void> {
    this.sender.cancel();
    await this.submission;
    this.renderRoot.querySelector('form')?.requestSubmit();
  }

  private async submit(): Promise<void> {
    this.feedback.attempt();
    this.failure = undefined;
    this.copyText = undefined;
    this.copied = undefined;
    if (this.photoPick.pending) await this.photoPick.pending;
    if (this.feedback.firstInvalid(this.clientErrors)) {
      await this.showErrorSummary();
      return;
    }
    this.showSummary = false;
    const backend = this.backendFor();
    if (!backend) return;
    const story = this.story();
    if (!this.dispatchEvent(new KabarSubmitEvent({ kind: 'story', story }))) return;
    const send = this.draft.beginSend();
    // The controller sends once at a time, waits out a dead connection and retries what may pass.
    const receipt = await this.sender.send((signal, reportProgress) =>
      backend.submitStory(story, { signal, idempotencyKey: send.idempotencyKey, onProgress: reportProgress }),
    );
    if (receipt) {
      await this.handleReceipt(receipt, send);
      return;
    }
    const error = this.sender.state === 'failed' ? toBackendError(this.sender.error) : undefined;
    // Refused: the corrected story is a new send with a new key (an old key could only be refused again).
    this.draft.ended(send, !!error && needsNewKey(error));
    if (error) await this.handleFailure(error, story);
  }

  private story(): StorySubmission {
    const v = this.values;
    const text = (value: string) => value.trim() || undefined;
    const photo = this.photoRule !== 'none' ? this.photoPick.toSend() : undefined;
    return {
      name: v.name.trim(),
      email: v.email.trim(),
      community: text(v.community),
      title: v.title.trim(),
      body: v.body.trim(),
      category: this.categoryList.value?.length ? text(v.category) : undefined,
      originalUrl: v.publishedElsewhere === 'yes' ? text(v.originalUrl) : undefined,
      photo,
      photoAlt: photo ? text(v.photoAlt) : undefined,
      consent: true,
      website: this.honeypotValue,
      elapsedMs: this.draft.elapsedMs,
      ...(this.notify && this.source === 'kabar' ? { notify: true } : {}),
    };
  }

  private async showErrorSummary(): Promise<void> {
    this.showSummary = true;
    await this.updateComplete;
    this.summaryElement?.focus();
  }

  private async handleFailure(error: BackendError, story: StorySubmission): Promise<void> {
    if (error.kind === 'aborted') return;
    this.dispatchEvent(new KabarErrorEvent(error));
    if (error.kind === 'unsupported' && error.code === 'too_long_for_mailto') {
      this.copyText = `${story.title}\n\n${storyAsText(story)}`;
      return;
    }
    if (error.kind === 'validation' && this.feedback.fromServer(error.fields).length) {
      this.sender.reset();
      await this.showErrorSummary();
      return;
    }
    this.failure = error;
  }

  private async handleReceipt(receipt: StoryReceipt, send: DraftSend): Promise<void> {
    // Opening a mail program proves nothing was sent, so an e-mail draft stays until discarded.
    if (this.source !== 'email') this.draft.confirmed(send);
    else this.draft.ended(send);
    this.receipt = receipt;
    this.dispatchEvent(new KabarSubmittedEvent({ kind: 'story', receipt }));
    await this.updateComplete;
    this.receiptTitle?.focus();
    const next = safeUrl(this.successUrl);
    if (next && !next.startsWith('mailto:')) this.navigate(next);
  }

  /** Leaves for `success-url`; a method so a framework or a test can route instead. */
  protected navigate(url: string): void {
    location.assign(url);
  }

  private readonly handleSendAnother = (): void => {
    this.sender.reset();
    this.receipt = undefined;
    this.setPhoto(undefined);
    this.clearForm();
  };

  private readonly handleCopy = async (): Promise<void> => {
    if (this.copyText) this.copied = await copyToClipboard(this.copyText);
  };

  // ---- rendering ----------------------------------------------------------

  override render(): TemplateResult {
    // Without a backend the element cannot send anything: show what the page author put inside.
    if (!this.backendFor()) return html`<slot></slot>`;
    return html`${this.receipt ? receiptTemplate(this.i18n, this.receipt, this.source === 'email', this.handleSendAnother, this.topHeadingLevel) : this.renderForm()}
      <p class="status" part="status">${this.sendStatus.text}</p>
      <p role="status" class="visually-hidden">${this.sender.busy ? this.statusAnnouncement : ''}</p>`;
  }

  private renderForm(): TemplateResult {
    const client = this.clientErrors;
    const t = this.i18n;
    return html`<form
      novalidate
      part="form"
      aria-label=${t.t('story.formLabel')}
      @submit=${this.handleSubmit}
      @input=${this.handleInput}
      @focusout=${this.handleFocusOut}
    >
      ${this.draftRestored ? draftNotice(t, this.locked, this.clearForm) : nothing} ${this.renderSummary(client)}
      <p class="required-note" part="required-note">${t.t('common.requiredNote')}</p>
      ${this.renderText('name', client, { required: true, autocomplete: 'name' })}
      ${this.renderText('email', client, { required: true, type: 'email', autocomplete: 'email', hint: t.t('story.emailHint') })}
      ${this.renderText('community', client, { autocomplete: 'organization' })}
      ${this.renderText('title', client, { required: true })} ${this.renderBody(client)} ${this.renderCategory(client)}
      ${this.renderElsewhere(client)} ${this.renderPhoto(client)} ${this.renderConsent(client)}
      ${honeypot('website', 'website', t.t('common.honeypotLabel'), (value) => (this.honeypotValue = value))}
      ${failureNotice(t, this.failure)}
      ${copyFallback(t, { text: this.copyText, copied: this.copied, to: this.to }, () => void this.handleCopy())}
      <div class="actions">
        <button class="button button--primary" part="submit" type="submit" aria-disabled=${this.sending ? 'true' : 'false'}>
          ${t.t('story.submit')}
        </button>
        ${this.sender.state === 'retrying'
          ? html`<button type="button" class="button" part="button" @click=${this.handleRetryNow}>${t.t('common.retry')}</button>`
          : nothing}
        ${this.sender.state === 'sending' ? uploadProgress(t, this.sender.progress, this.sendStatus.percent) : nothing}
      </div>
      ${this.locked ? html`<p class="hint" part="locked-note">${t.t('story.lockedWhileSending')}</p>` : draftSaved(t, this.sender.busy ? undefined : this.draft.savedAt)}
    </form>`;
  }

  private renderSummary(client: FieldErrors<StoryField>) {
    const errors = this.feedback.merged(client);
    const fields = FIELD_ORDER.filter((field) => errors[field]);
    if (!this.showSummary || !fields.length) return nothing;
    return errorSummary(
      this.i18n,
      fields.map((field) => ({
        target: this.focusTarget(field),
        text: `${this.i18n.t(FIELD_LABELS[field])}: ${this.errorFor(field, client) ?? ''}`,
        onClick: (event: Event) => this.handleSummaryLink(event, field),
      })),
      this.topHeadingLevel,
    );
  }

  /** A field of the story form: the shared template, with the story's ids and part names. */
  private fieldOf(id: StoryField, client: FieldErrors<StoryField>, extra: Partial<Field> = {}): Field {
    return { id, label: this.i18n.t(FIELD_LABELS[id]), error: this.errorFor(id, client), errorParts: ERROR_PARTS, ...extra };
  }

  private renderText(
    id: 'name' | 'email' | 'community' | 'title' | 'originalUrl' | 'photoAlt',
    client: FieldErrors<StoryField>,
    options: { required?: boolean; type?: 'text' | 'email' | 'url'; autocomplete?: 'name' | 'email' | 'organization' | 'url'; hint?: string; inputmode?: string } = {},
  ) {
    return renderField(
      this.fieldOf(id, client, { required: options.required, hint: options.hint }),
      (state) => html`<input
        id=${id}
        name=${id}
        part="input"
        type=${options.type ?? 'text'}
        inputmode=${ifDefined(options.inputmode)}
        autocomplete=${ifDefined(options.autocomplete)}
        ?required=${options.required ?? false}
        ?readonly=${this.locked}
        aria-invalid=${state.invalid}
        aria-describedby=${ifDefined(state.describedBy)}
        .value=${live(this.values[id])}
      />`,
    );
  }

  private renderBody(client: FieldErrors<StoryField>) {
    const t = this.i18n;
    const field = this.fieldOf('body', client, {
      required: true,
      hint: `${t.t('story.bodyHint', { min: this.minParagraphs })} ${t.t('common.markdownHint')}`,
      notes: ['body-count'],
    });
    return storyEditor(t, field, { body: this.values.body, tab: this.tab, locked: this.locked, min: this.minParagraphs }, this.selectTab);
  }

  private renderCategory(client: FieldErrors<StoryField>) {
    const categories = this.categoryList.value ?? [];
    if (!categories.length) return nothing;
    return categoryField(this.i18n, this.fieldOf('category', client), categories, this.values.category, this.locked);
  }

  private renderElsewhere(client: FieldErrors<StoryField>) {
    const t = this.i18n;
    const choice = this.values.publishedElsewhere;
    return html`${elsewhereChoice(t, choice, this.locked)}
      ${choice === 'yes'
        ? this.renderText('originalUrl', client, { required: true, type: 'url', inputmode: 'url', hint: t.t('story.originalUrlHint') })
        : nothing}`;
  }

  private renderPhoto(client: FieldErrors<StoryField>) {
    if (this.photoRule === 'none') return nothing;
    const t = this.i18n;
    const required = this.photoRule === 'required';
    const note = photoNote(t, this.photoPick);
    const field = this.fieldOf('photo', client, { required, hint: t.t('story.photoHint', { mb: this.maxPhotoMb }), notes: [note && 'photo-note'] });
    return html`${photoField(t, field, { note, picked: !!this.photoPick.file, locked: this.locked }, {
      change: this.handlePhotoChange,
      remove: this.handleRemovePhoto,
    })}
    ${this.photoPick.file ? this.renderText('photoAlt', client, { required: true, hint: t.t('story.photoAltHint') }) : nothing}`;
  }

  private renderConsent(client: FieldErrors<StoryField>) {
    return html`${consentField(this.i18n, this.fieldOf('consent', client), this.values.consent, this.locked, safeUrl(this.privacyUrl))}
    ${this.source === 'kabar'
      ? html`<label class="check check--notify" part="label">
          <input id="field-notify" name="notify" type="checkbox" .checked=${live(this.notify)} ?disabled=${this.locked} @change=${this.handleNotify} />
          <span>${this.i18n.t('story.notify')}</span>
        </label>`
      : nothing}`;
  }

  private handleNotify = (event: Event) => {
    this.notify = (event.target as HTMLInputElement).checked;
  };
}
