import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { Task, TaskStatus } from '@lit/task';
import { toBackendError, type Backend, type BackendError } from '../../backends/backend.js';
import { storyAsText } from '../../backends/email.js';
import { resolveBackend } from '../../backends/resolve.js';
import type { StoryReceipt, StorySubmission, Term } from '../../backends/types.js';
import { DraftController, type DraftSend } from '../../controllers/draft.js';
import { KabarErrorEvent, KabarSubmitEvent, KabarSubmittedEvent } from '../../core/events.js';
import { describeError } from '../../core/i18n/errors.js';
import { formatBytes, photoFileName, preparePhoto, type PreparedPhoto } from '../../core/image.js';
import { KabarElement } from '../../core/kabar-element.js';
import { markdown } from '../../core/markdown.js';
import { countParagraphs, countWords, LIMITS, validateStory, type FieldErrors, type StoryField } from '../../core/rules.js';
import { safeUrl } from '../../core/sanitize.js';
import { KEY_REUSED, needsNewKey, SendController } from '../../core/send.js';
import { SendStatus } from '../../core/send-status.js';
import { hostStyles } from '../../styles/host.js';
import { storyFormStyles } from './story-form.styles.js';

/** What the draft keeps: every text field and choice, never the photo. */
export interface StoryDraft {
  name: string;
  email: string;
  community: string;
  title: string;
  body: string;
  category: string;
  publishedElsewhere: '' | 'yes' | 'no';
  originalUrl: string;
  photoAlt: string;
  consent: boolean;
}

const emptyDraft = (): StoryDraft => ({
  name: '',
  email: '',
  community: '',
  title: '',
  body: '',
  category: '',
  publishedElsewhere: '',
  originalUrl: '',
  photoAlt: '',
  consent: false,
});

/** Fields in the order they appear, which is also the order of the error summary. */
const FIELD_ORDER: StoryField[] = ['name', 'email', 'community', 'title', 'body', 'category', 'originalUrl', 'photo', 'photoAlt', 'consent'];


/** `slug:Name,slug:Name` from the `categories` attribute. */
function parseCategories(value: string): Term[] {
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const colon = entry.indexOf(':');
      const slug = (colon < 0 ? entry : entry.slice(0, colon)).trim();
      const name = (colon < 0 ? entry : entry.slice(colon + 1)).trim() || slug;
      return { id: slug, slug, name };
    });
}

const isEmpty = (draft: Partial<StoryDraft>) =>
  !Object.values(draft).some((value) => (typeof value === 'string' ? value.trim() !== '' : value === true));

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
 * @csspart error - A field's error message.
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
 * @cssprop [--kabar-color-border] - Borders of inputs.
 * @cssprop [--kabar-color-input] - Background of inputs.
 * @cssprop [--kabar-color-muted] - Hints and status text.
 * @cssprop [--kabar-color-surface] - Background of notices.
 * @cssprop [--kabar-form-gap=1.25rem] - Space between fields.
 * @cssprop [--kabar-form-max-width=42rem] - Widest the form grows.
 * @event {KabarSubmitEvent} kabar-submit - Before the story is sent; `preventDefault()` keeps it from being sent.
 * @event {KabarSubmittedEvent} kabar-submitted - The backend confirmed the story (detail: the receipt).
 * @event {KabarErrorEvent} kabar-error - A send failed (detail: the BackendError).
 */
export class KabarStoryForm extends KabarElement {
  static override styles = [hostStyles, storyFormStyles];

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

  @state() private values: StoryDraft = emptyDraft();
  @state() private touched = new Set<StoryField>();
  @state() private attempted = false;
  @state() private showSummary = false;
  @state() private serverErrors: FieldErrors<StoryField> = {};
  @state() private tab: 'write' | 'preview' = 'write';
  @state() private photoFile?: File;
  @state() private prepared?: PreparedPhoto;
  @state() private photoRejected = false;
  @state() private photoPending?: Promise<void>;
  @state() private draftRestored = false;
  @state() private failure?: BackendError;
  @state() private copyText?: string;
  @state() private copied?: boolean;
  @state() private receipt?: StoryReceipt;
  /** What the live region says: each busy state of the send once, never the countdown's every second. */
  @state() private statusAnnouncement = '';

  @query('.summary') private summaryElement?: HTMLElement;
  @query('.receipt-title') private receiptTitle?: HTMLElement;

  private honeypot = '';
  /** Fields left while a pointer was pressed: their messages wait until the click is over. */
  private touchedLater = new Set<StoryField>();
  private pointerHeld = false;
  private submitting = false;
  private submission?: Promise<void>;
  private readonly draft = new DraftController<StoryDraft>(this, { kind: 'story', values: () => this.values, isEmpty });
  private readonly sender = new SendController<StoryReceipt>(this);
  private readonly sendStatus = new SendStatus(this, this.sender, this.i18n, (text) => (this.statusAnnouncement = text));
  /** The category request was cut short by a disconnect; it runs again on the way back. */
  private categoriesAborted = false;

  private readonly categoryList = new Task(this, {
    args: () => [this.categories, this.backendFor()] as const,
    task: async ([attribute, backend], { signal }): Promise<Term[]> => {
      if (attribute.trim()) return parseCategories(attribute);
      if (!backend) return [];
      try {
        return await backend.listCategories({ signal });
      } catch (error) {
        // Cut short by a disconnect: not an answer, so nothing to keep.
        if (signal.aborted) throw error;
        // No categories (an endpoint or e-mail source, or a failed request) simply hides the field.
        return [];
      }
    },
  });

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('pointerdown', this.handlePointerDown, true);
    document.addEventListener('pointerup', this.handlePointerUp, true);
    document.addEventListener('pointercancel', this.handlePointerUp, true);
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
    document.removeEventListener('pointerdown', this.handlePointerDown, true);
    document.removeEventListener('pointerup', this.handlePointerUp, true);
    document.removeEventListener('pointercancel', this.handlePointerUp, true);
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

  // ---- drafts -------------------------------------------------------------

  private handleDiscardDraft(): void {
    this.values = emptyDraft();
    this.draft.discard();
    this.draftRestored = false;
    this.touched = new Set();
    this.touchedLater.clear();
    this.attempted = false;
    this.showSummary = false;
    this.serverErrors = {};
    this.failure = undefined;
    void this.updateComplete.then(() => this.field('name')?.focus());
  }

  // ---- validation ---------------------------------------------------------

  private get errors(): FieldErrors<StoryField> {
    const v = this.values;
    const elsewhere = v.publishedElsewhere === 'yes';
    const photo = this.photoRule === 'none' || !this.photoFile
      ? undefined
      : this.prepared
        ? { type: this.prepared.type, size: this.prepared.blob.size }
        : this.photoRejected
          ? { type: 'unknown', size: this.photoFile.size }
          : // Still being checked: the submit waits for it, so no verdict yet.
            { type: 'image/jpeg', size: 0 };
    const errors = validateStory(
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
    return { ...errors, ...this.serverErrors };
  }

  /** The message for a field, once the writer has left it or tried to send. */
  private errorFor(field: StoryField, errors = this.errors): string | undefined {
    const code = errors[field];
    if (!code) return undefined;
    if (!this.attempted && !this.touched.has(field) && !this.serverErrors[field]) return undefined;
    return this.i18n.fieldError(code, { min: this.minParagraphs, mb: this.maxPhotoMb });
  }

  private field(name: string): HTMLElement | null | undefined {
    return this.renderRoot.querySelector<HTMLElement>(`#${name}`);
  }

  // ---- handlers -----------------------------------------------------------

  private handleInput(event: Event): void {
    const target = event.target as HTMLInputElement;
    const name = target.name;
    if (name === 'website') {
      this.honeypot = target.value;
      return;
    }
    if (!(name in this.values)) return;
    const value = target.type === 'checkbox' ? target.checked : target.value;
    this.values = { ...this.values, [name]: value };
    if (name in this.serverErrors) {
      const { [name as StoryField]: _dropped, ...rest } = this.serverErrors;
      this.serverErrors = rest;
    }
    this.draft.edited();
  }

  private handleFocusOut(event: FocusEvent): void {
    const name = (event.target as HTMLInputElement).name as StoryField;
    if (!FIELD_ORDER.includes(name) || this.touched.has(name)) return;
    // Leaving a field is the cue for its message. When a press moved the focus, the message
    // waits for the release: shown at once it would push the pressed radio or button away
    // from under the pointer, and the click would land on nothing.
    if (this.pointerHeld) this.touchedLater.add(name);
    else this.touched = new Set(this.touched).add(name);
  }

  private readonly handlePointerDown = (): void => {
    this.pointerHeld = true;
  };

  private readonly handlePointerUp = (): void => {
    this.pointerHeld = false;
    if (!this.touchedLater.size) return;
    // A task later, so the click that follows this release has happened.
    setTimeout(() => {
      if (this.pointerHeld || !this.touchedLater.size) return;
      this.touched = new Set([...this.touched, ...this.touchedLater]);
      this.touchedLater.clear();
    }, 0);
  };

  private handlePhotoChange(event: Event): void {
    const file = (event.target as HTMLInputElement).files?.[0];
    this.setPhoto(file);
  }

  private setPhoto(file: File | undefined): void {
    this.photoFile = file;
    this.prepared = undefined;
    this.photoRejected = false;
    this.touched = new Set(this.touched).add('photo');
    const { photo: _photo, ...rest } = this.serverErrors;
    this.serverErrors = rest;
    if (!file) {
      this.photoPending = undefined;
      return;
    }
    const job: Promise<void> = preparePhoto(file).then(
      (prepared) => {
        if (this.photoPending !== job) return;
        this.prepared = prepared;
        this.photoRejected = !prepared;
        this.photoPending = undefined;
      },
      () => {
        if (this.photoPending !== job) return;
        this.photoRejected = true;
        this.photoPending = undefined;
      },
    );
    this.photoPending = job;
  }

  private handleRemovePhoto(): void {
    const input = this.field('photo') as HTMLInputElement | null;
    if (input) input.value = '';
    this.setPhoto(undefined);
    input?.focus();
  }

  private handleTabKey(event: KeyboardEvent): void {
    const next: Record<string, 'write' | 'preview' | undefined> = {
      ArrowLeft: this.tab === 'write' ? 'preview' : 'write',
      ArrowRight: this.tab === 'write' ? 'preview' : 'write',
      Home: 'write',
      End: 'preview',
    };
    const tab = next[event.key];
    if (!tab) return;
    event.preventDefault();
    this.selectTab(tab, true);
  }

  private selectTab(tab: 'write' | 'preview', focusTab = false): void {
    this.tab = tab;
    if (focusTab) void this.updateComplete.then(() => this.field(`tab-${tab}`)?.focus());
  }

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
    this.attempted = true;
    this.failure = undefined;
    this.copyText = undefined;
    this.copied = undefined;
    if (this.photoPending) await this.photoPending;
    if (Object.keys(this.errors).length) {
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
    if (receipt) await this.handleReceipt(receipt, send);
    else {
      this.draft.ended(send, this.sender.state === 'failed' && !!this.sender.error && needsNewKey(this.sender.error));
      if (this.sender.state === 'failed') await this.handleFailure(toBackendError(this.sender.error), story);
    }
  }

  private story(): StorySubmission {
    const v = this.values;
    const text = (value: string) => value.trim() || undefined;
    const photo = this.photoRule !== 'none' && this.prepared && this.photoFile ? this.prepared : undefined;
    return {
      name: v.name.trim(),
      email: v.email.trim(),
      community: text(v.community),
      title: v.title.trim(),
      body: v.body.trim(),
      category: this.categoryList.value?.length ? text(v.category) : undefined,
      originalUrl: v.publishedElsewhere === 'yes' ? text(v.originalUrl) : undefined,
      photo: photo
        ? new File([photo.blob], photoFileName(this.photoFile!.name, photo.type), { type: photo.type })
        : undefined,
      photoAlt: photo ? text(v.photoAlt) : undefined,
      consent: true,
      website: this.honeypot,
      elapsedMs: this.draft.elapsedMs,
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
    const known = Object.entries(error.fields ?? {}).filter(([field]) => FIELD_ORDER.includes(field as StoryField));
    if (error.kind === 'validation' && known.length) {
      this.serverErrors = Object.fromEntries(known);
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

  private handleSendAnother(): void {
    this.sender.reset();
    this.draft.discard();
    this.receipt = undefined;
    this.values = emptyDraft();
    this.touched = new Set();
    this.touchedLater.clear();
    this.attempted = false;
    this.showSummary = false;
    this.serverErrors = {};
    this.draftRestored = false;
    this.setPhoto(undefined);
    this.touched = new Set();
    void this.updateComplete.then(() => this.field('name')?.focus());
  }

  private async handleCopy(): Promise<void> {
    if (!this.copyText) return;
    try {
      await navigator.clipboard.writeText(this.copyText);
      this.copied = true;
    } catch {
      this.copied = false;
    }
  }

  // ---- rendering ----------------------------------------------------------

  override render(): TemplateResult {
    // Without a backend the element cannot send anything: show what the page author put inside.
    if (!this.backendFor()) return html`<slot></slot>`;
    return html`${this.receipt ? this.renderReceipt(this.receipt) : this.renderForm()}
      <p class="status" part="status">${this.sendStatus.text}</p>
      <p role="status" class="visually-hidden">${this.sender.busy ? this.statusAnnouncement : ''}</p>`;
  }

  /** The time of the last save, to be seen, not announced: a live region would speak up at every pause in typing. */
  private renderDraftSaved() {
    const savedAt = this.draft.savedAt;
    if (!savedAt || this.sender.busy) return nothing;
    return html`<p class="status" part="draft-saved">${this.i18n.t('common.draftSaved', { time: this.i18n.time(savedAt) })}</p>`;
  }

  private renderForm(): TemplateResult {
    const errors = this.errors;
    const t = this.i18n;
    return html`<form
      novalidate
      part="form"
      aria-label=${t.t('story.formLabel')}
      @submit=${this.handleSubmit}
      @input=${this.handleInput}
      @focusout=${this.handleFocusOut}
    >
      ${this.renderDraftNotice()} ${this.renderSummary(errors)}
      <p class="required-note" part="required-note">${t.t('common.requiredNote')}</p>
      ${this.renderText('name', t.t('story.name'), errors, { required: true, autocomplete: 'name' })}
      ${this.renderText('email', t.t('story.email'), errors, {
        required: true,
        type: 'email',
        autocomplete: 'email',
        hint: t.t('story.emailHint'),
      })}
      ${this.renderText('community', t.t('story.community'), errors, { autocomplete: 'organization' })}
      ${this.renderText('title', t.t('story.title'), errors, { required: true })} ${this.renderBody(errors)}
      ${this.renderCategory(errors)} ${this.renderElsewhere(errors)} ${this.renderPhoto(errors)}
      ${this.renderConsent(errors)} ${this.renderHoneypot()} ${this.renderFailure()} ${this.renderCopyFallback()}
      <div class="actions">
        <button class="submit" part="submit" type="submit" aria-disabled=${this.sending ? 'true' : 'false'}>
          ${t.t('story.submit')}
        </button>
        ${this.sender.state === 'retrying'
          ? html`<button type="button" class="secondary" part="button" @click=${this.handleRetryNow}>
              ${t.t('common.retry')}
            </button>`
          : nothing}
        ${this.renderProgress()}
      </div>
      ${this.locked
        ? html`<p class="hint" part="locked-note">${t.t('story.lockedWhileSending')}</p>`
        : this.renderDraftSaved()}
    </form>`;
  }

  private renderDraftNotice() {
    if (!this.draftRestored) return nothing;
    return html`<div class="notice" part="draft-notice">
      <p>${this.i18n.t('common.draftRestored')}</p>
      <button type="button" class="secondary" part="button" ?disabled=${this.locked} @click=${this.handleDiscardDraft}>
        ${this.i18n.t('common.discardDraft')}
      </button>
    </div>`;
  }

  private renderSummary(errors: FieldErrors<StoryField>) {
    const fields = FIELD_ORDER.filter((field) => errors[field]);
    if (!this.showSummary || !fields.length) return nothing;
    return html`<div class="summary" part="error-summary" role="alert" tabindex="-1" aria-labelledby="summary-title">
      <h2 id="summary-title">${this.i18n.t('common.errorSummary', { count: fields.length })}</h2>
      <ul>
        ${fields.map(
          (field) =>
            html`<li>
              <a href="#${this.focusTarget(field)}" @click=${(event: Event) => this.handleSummaryLink(event, field)}
                >${this.fieldLabel(field)}: ${this.errorFor(field, errors)}</a
              >
            </li>`,
        )}
      </ul>
    </div>`;
  }

  private fieldLabel(field: StoryField): string {
    const keys = {
      name: 'story.name',
      email: 'story.email',
      community: 'story.community',
      title: 'story.title',
      body: 'story.body',
      category: 'story.category',
      originalUrl: 'story.originalUrl',
      photo: 'story.photo',
      photoAlt: 'story.photoAlt',
      consent: 'story.consentShort',
    } as const;
    return this.i18n.t(keys[field]);
  }

  private renderLabel(field: string, text: string, required: boolean) {
    return html`<label for=${field} part="label"
      >${text}${required ? html`<span class="required" aria-hidden="true"> *</span>` : nothing}</label
    >`;
  }

  private describedBy(...ids: Array<string | false | undefined>): string | undefined {
    return ids.filter(Boolean).join(' ') || undefined;
  }

  private renderError(field: string, message: string | undefined) {
    return message ? html`<p id="${field}-error" class="error" part="error">${message}</p>` : nothing;
  }

  private renderText(
    field: 'name' | 'email' | 'community' | 'title' | 'originalUrl' | 'photoAlt',
    label: string,
    errors: FieldErrors<StoryField>,
    options: { required?: boolean; type?: string; autocomplete?: string; hint?: string; inputmode?: string } = {},
  ) {
    const error = this.errorFor(field, errors);
    return html`<div class="field" part="field">
      ${this.renderLabel(field, label, options.required ?? false)}
      ${options.hint ? html`<p id="${field}-hint" class="hint" part="hint">${options.hint}</p>` : nothing}
      <input
        id=${field}
        name=${field}
        part="input"
        type=${options.type ?? 'text'}
        inputmode=${ifDefined(options.inputmode)}
        autocomplete=${ifDefined(options.autocomplete)}
        ?required=${options.required ?? false}
        ?readonly=${this.locked}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${ifDefined(this.describedBy(options.hint && `${field}-hint`, error && `${field}-error`))}
        .value=${live(this.values[field])}
      />
      ${this.renderError(field, error)}
    </div>`;
  }

  private renderBody(errors: FieldErrors<StoryField>) {
    const t = this.i18n;
    const body = this.values.body;
    const error = this.errorFor('body', errors);
    const count = `${t.t('story.paragraphCount', {
      count: t.number(countParagraphs(body)),
      min: t.number(this.minParagraphs),
    })} · ${t.t('unit.words', { count: t.number(countWords(body)) })}`;
    const writing = this.tab === 'write';
    return html`<div class="field" part="field">
      ${this.renderLabel('body', t.t('story.body'), true)}
      <p id="body-hint" class="hint" part="hint">
        ${t.t('story.bodyHint', { min: this.minParagraphs })} ${t.t('common.markdownHint')}
      </p>
      <div class="tabs" part="tabs" role="tablist" aria-label=${t.t('story.editorTabs')} @keydown=${this.handleTabKey}>
        ${this.renderTab('write', t.t('common.write'))} ${this.renderTab('preview', t.t('common.preview'))}
      </div>
      <div id="panel-write" role="tabpanel" aria-labelledby="tab-write" ?hidden=${!writing}>
        <textarea
          id="body"
          name="body"
          part="input"
          rows="12"
          required
          ?readonly=${this.locked}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${ifDefined(this.describedBy('body-hint', 'body-count', error && 'body-error'))}
          .value=${live(body)}
        ></textarea>
      </div>
      <div
        id="panel-preview"
        class="preview"
        part="preview"
        role="tabpanel"
        aria-labelledby="tab-preview"
        tabindex="0"
        ?hidden=${writing}
      >
        ${writing ? nothing : body.trim() ? markdown(body) : html`<p>${t.t('common.previewEmpty')}</p>`}
      </div>
      <p id="body-count" class="count" part="count">${count}</p>
      ${this.renderError('body', error)}
    </div>`;
  }

  private renderTab(tab: 'write' | 'preview', label: string) {
    const selected = this.tab === tab;
    return html`<button
      type="button"
      class="tab"
      part="tab"
      role="tab"
      id="tab-${tab}"
      aria-selected=${selected ? 'true' : 'false'}
      aria-controls="panel-${tab}"
      tabindex=${selected ? 0 : -1}
      @click=${() => this.selectTab(tab)}
    >
      ${label}
    </button>`;
  }

  private renderCategory(errors: FieldErrors<StoryField>) {
    const categories = this.categoryList.value ?? [];
    if (!categories.length) return nothing;
    const error = this.errorFor('category', errors);
    return html`<div class="field" part="field">
      ${this.renderLabel('category', this.i18n.t('story.category'), false)}
      <select
        id="category"
        name="category"
        part="input"
        ?disabled=${this.locked}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${ifDefined(error ? 'category-error' : undefined)}
      >
        <option value="" ?selected=${!this.values.category}>${this.i18n.t('story.categoryNone')}</option>
        ${categories.map(
          (term) => html`<option value=${term.slug} ?selected=${this.values.category === term.slug}>${term.name}</option>`,
        )}
      </select>
      ${this.renderError('category', error)}
    </div>`;
  }

  private renderElsewhere(errors: FieldErrors<StoryField>) {
    const t = this.i18n;
    const choice = this.values.publishedElsewhere;
    return html`<fieldset part="field">
        <legend part="label">${t.t('story.publishedElsewhere')}</legend>
        <div class="choices">
          ${(['yes', 'no'] as const).map(
            (value) => html`<label class="choice">
              <input
                type="radio"
                id="elsewhere-${value}"
                name="publishedElsewhere"
                value=${value}
                ?disabled=${this.locked}
                .checked=${live(choice === value)}
              />
              ${t.t(value === 'yes' ? 'story.yes' : 'story.no')}
            </label>`,
          )}
        </div>
      </fieldset>
      ${choice === 'yes'
        ? this.renderText('originalUrl', t.t('story.originalUrl'), errors, {
            required: true,
            type: 'url',
            inputmode: 'url',
            hint: t.t('story.originalUrlHint'),
          })
        : nothing}`;
  }

  private renderPhoto(errors: FieldErrors<StoryField>) {
    if (this.photoRule === 'none') return nothing;
    const t = this.i18n;
    const required = this.photoRule === 'required';
    const error = this.errorFor('photo', errors);
    const note = this.photoNote();
    return html`<div class="field" part="field">
        ${this.renderLabel('photo', t.t('story.photo'), required)}
        <p id="photo-hint" class="hint" part="hint">${t.t('story.photoHint', { mb: this.maxPhotoMb })}</p>
        <input
          id="photo"
          name="photo"
          type="file"
          accept="image/jpeg,image/png,image/webp,image/gif"
          ?required=${required}
          ?disabled=${this.locked}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${ifDefined(this.describedBy('photo-hint', note && 'photo-note', error && 'photo-error'))}
          @change=${this.handlePhotoChange}
        />
        ${note ? html`<p id="photo-note" class="photo-note" part="photo-note">${note}</p>` : nothing}
        ${this.photoFile
          ? html`<div>
              <button type="button" class="secondary" part="button" ?disabled=${this.locked} @click=${this.handleRemovePhoto}>
                ${t.t('story.removePhoto')}
              </button>
            </div>`
          : nothing}
        ${this.renderError('photo', error)}
      </div>
      ${this.photoFile
        ? this.renderText('photoAlt', t.t('story.photoAlt'), errors, { required: true, hint: t.t('story.photoAltHint') })
        : nothing}`;
  }

  private photoNote(): string | undefined {
    if (!this.photoFile) return undefined;
    if (this.photoPending) return this.i18n.t('story.photoChecking');
    const prepared = this.prepared;
    if (!prepared) return undefined;
    const size = (bytes: number) => formatBytes(bytes, this.i18n.locale);
    return prepared.resized
      ? this.i18n.t('story.photoResized', { from: size(prepared.originalBytes), to: size(prepared.blob.size) })
      : this.i18n.t('story.photoReady', { size: size(prepared.blob.size) });
  }

  private renderConsent(errors: FieldErrors<StoryField>) {
    const error = this.errorFor('consent', errors);
    const privacy = safeUrl(this.privacyUrl);
    return html`<div class="field" part="field">
      <div class="consent" part="consent">
        <input
          type="checkbox"
          id="consent"
          name="consent"
          required
          ?disabled=${this.locked}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${ifDefined(error ? 'consent-error' : undefined)}
          .checked=${live(this.values.consent)}
        />
        <label for="consent"
          >${this.i18n.t('story.consent')}<span class="required" aria-hidden="true"> *</span></label
        >
      </div>
      ${privacy
        ? html`<p><a href=${privacy} target="_blank" rel="noopener">${this.i18n.t('story.privacy')}</a></p>`
        : nothing}
      ${this.renderError('consent', error)}
    </div>`;
  }

  private renderHoneypot() {
    // People never see or reach this field; bots that fill every input give themselves away.
    return html`<div class="honeypot" aria-hidden="true">
      <label for="website">${this.i18n.t('common.honeypotLabel')}</label>
      <input id="website" name="website" type="text" tabindex="-1" autocomplete="off" />
    </div>`;
  }

  private renderProgress() {
    if (this.sender.state !== 'sending') return nothing;
    const progress = this.sender.progress;
    const percent = this.sendStatus.percent;
    return html`<div class="progress">
      <label for="progress">${this.i18n.t('story.progress')}</label>
      ${progress && percent !== undefined
        ? html`<progress id="progress" part="progress" max=${progress.total} .value=${progress.loaded}></progress>
            <span>${percent}%</span>`
        : html`<progress id="progress" part="progress"></progress>`}
    </div>`;
  }

  private renderFailure() {
    const error = this.failure;
    if (!error) return nothing;
    return html`<div class="failure" part="failure" role="alert">
      <p>${this.i18n.t('story.sendFailed')}</p>
      <p>${this.failureText(error)}</p>
    </div>`;
  }

  /** Errors are worded by kind and code, never with the server's text. */
  private failureText(error: BackendError): string {
    return describeError(this.i18n, error, (e) =>
      e.code === KEY_REUSED
        ? this.i18n.t('story.alreadyReceived')
        : e.kind === 'parse'
          ? this.i18n.t('story.notConfirmed')
          : e.status === 415
            ? this.i18n.fieldError('photo_type')
            : undefined,
    );
  }

  private renderCopyFallback() {
    if (this.copyText === undefined) return nothing;
    const t = this.i18n;
    return html`<div class="failure" part="failure" role="alert">
      <p>${t.t('story.tooLongForEmail', { to: this.to })}</p>
      <div class="actions">
        <button type="button" class="secondary" part="button" @click=${this.handleCopy}>${t.t('story.copyText')}</button>
        ${this.copied === true ? html`<span>${t.t('story.copied')}</span>` : nothing}
      </div>
      ${this.copied === false ? html`<p>${t.t('story.copyFailed')}</p>` : nothing}
      <label for="copy-text">${t.t('story.storyText')}</label>
      <textarea id="copy-text" class="copy-text" readonly .value=${this.copyText}></textarea>
    </div>`;
  }

  private renderReceipt(receipt: StoryReceipt): TemplateResult {
    const t = this.i18n;
    const email = this.source === 'email';
    return html`<section class="receipt" part="receipt" aria-labelledby="receipt-title">
      <h2 id="receipt-title" class="receipt-title" part="receipt-title" tabindex="-1">
        ${t.t(email ? 'story.emailOpenedTitle' : 'story.sentTitle')}
      </h2>
      <p>${t.t(email ? 'story.emailOpenedNext' : 'story.sentNext')}</p>
      ${receipt.id ? html`<p>${t.t('story.receiptId', { id: receipt.id })}</p>` : nothing}
      ${email ? nothing : html`<p>${t.t('story.receivedAt', { time: t.fullDate(receipt.receivedAt) })}</p>`}
      <div>
        <button type="button" class="secondary" part="button" @click=${this.handleSendAnother}>
          ${t.t('story.sendAnother')}
        </button>
      </div>
    </section>`;
  }
}
