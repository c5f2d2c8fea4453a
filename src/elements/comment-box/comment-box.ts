import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import type { BackendError } from '../../backends/backend.js';
import type { Comment, NewComment } from '../../backends/types.js';
import { SEND_CODES } from '../../backends/codes.js';
import { DraftController, type DraftSend } from '../../controllers/draft.js';
import { FormFeedback } from '../../controllers/form-feedback.js';
import { NearViewport } from '../../controllers/near-viewport.js';
import { rememberedIdentity } from '../../core/drafts.js';
import { KabarErrorEvent, KabarSubmitEvent, KabarSubmittedEvent } from '../../core/events.js';
import { WithHeadingLevel } from '../../core/heading.js';
import { KabarElement } from '../../core/kabar-element.js';
import { defaultThread } from '../../core/thread-key.js';
import { validateComment, type CommentField, type FieldErrors } from '../../core/rules/rules.js';
import { needsNewKey, SendController } from '../../core/send.js';
import { SendStatus } from '../../core/send-status.js';
import { honeypot, renderField } from '../../partials/field.js';
import { commentStyles } from '../../partials/comment.styles.js';
import { formStyles } from '../../styles/form.js';
import { hostStyles } from '../../styles/host.js';
import { commentBoxStyles } from './comment-box.styles.js';
import { describeError } from '../../core/i18n/errors.js';
import { PendingComments } from './pending.js';
import { CommentThreadController } from './thread-controller.js';
import { buildThread } from './thread.js';
import { commentPreview, loadMoreButton, threadEntries, threadFailure, threadSkeleton } from './thread-view.js';

/** What a comment draft keeps: the text and where it goes, never the identity. */
interface CommentDraft {
  body: string;
  parentId: string | null;
}

type Values = Required<Record<CommentField, string>>;

/** Form fields in the order they appear, for "focus the first error". */
const FIELDS: readonly CommentField[] = ['body', 'authorName', 'authorEmail', 'authorUrl'];
const FIELD_IDS: Record<CommentField, string> = { body: 'field-body', authorName: 'field-name', authorEmail: 'field-email', authorUrl: 'field-url' };

/** The comments nearly in view start loading: a screenful ahead on a phone. */
const LAZY_MARGIN = '600px 0px';

/**
 * A comment thread with its reply form, in WordPress's well-known shape.
 * Works against a Kabar server or a WordPress site's own comments.
 *
 * @tag kabar-comment-box
 * @slot - Shown before the element upgrades, while a slow thread is still loading and again if it cannot load (e.g. a plain link to the comments).
 * @csspart heading - The "Komentar" heading.
 * @csspart thread - The list of top-level comments.
 * @csspart replies - A nested list of replies.
 * @csspart comment-item - The list item around a comment and its replies.
 * @csspart comment - One comment (`article`); pending ones also have `comment-pending`.
 * @csspart comment-header - Avatar, author, whom it answers and the date.
 * @csspart avatar - The initials or the picture of the author.
 * @csspart author - The author's name (a link when a website was given).
 * @csspart answering - "membalas Rina", on replies shown below `max-depth`.
 * @csspart date - The `time` of the comment.
 * @csspart pending-note - "Komentar Anda menunggu moderasi."
 * @csspart comment-body - The text of a comment.
 * @csspart reply-button - The reply button of a comment.
 * @csspart load-more - The "load more" button.
 * @csspart skeleton - The placeholder while the thread loads.
 * @csspart slow - "Slow connection, still trying…", shown with the slotted content when the thread takes long.
 * @csspart empty - "Belum ada komentar…"
 * @csspart error - A loading error with its retry button.
 * @csspart retry-button - The retry button.
 * @csspart closed - "Komentar ditutup."
 * @csspart form-section - The form with its heading.
 * @csspart form-heading - "Tinggalkan Balasan".
 * @csspart cancel-reply - The "Batal membalas" button.
 * @csspart form - The `form`.
 * @csspart field - The wrapper of each text field.
 * @csspart label - Field labels.
 * @csspart input - Text fields and the comment box.
 * @csspart hint - Help text under a label.
 * @csspart field-error - A field's error message.
 * @csspart preview-button - The markdown preview toggle (Kabar only).
 * @csspart preview - The rendered preview.
 * @csspart submit-button - "Kirim Komentar".
 * @csspart send-status - Sending, waiting, retrying or done.
 * @csspart form-error - Why the last send failed.
 * @cssprop [--kabar-color-text] - Text colour.
 * @cssprop [--kabar-color-muted] - Dates, notes and hints.
 * @cssprop [--kabar-color-link] - Author links and the reply button.
 * @cssprop [--kabar-color-accent] - The submit button.
 * @cssprop [--kabar-color-accent-contrast] - Text on the submit button.
 * @cssprop [--kabar-color-border] - Rules, reply guides and the form frame.
 * @cssprop [--kabar-color-danger] - Errors.
 * @cssprop [--kabar-color-input] - Background of inputs (also `--kabar-input-background`).
 * @cssprop [--kabar-input-border] - Borders of inputs only (default: `--kabar-color-border`).
 * @cssprop [--kabar-radius=0.5rem] - Corner radius.
 * @cssprop [--kabar-avatar-size=2.5rem] - Avatar size.
 * @cssprop [--kabar-comments-indent=1.25rem] - Indent of each reply level.
 * @cssprop [--kabar-comments-placeholder-height=14rem] - Space held for the thread before it loads.
 * @cssprop [--kabar-comments-max-width=48rem] - Widest the box grows.
 * @event {KabarLoadEvent} kabar-load - A page of comments arrived.
 * @event {KabarErrorEvent} kabar-error - Loading or sending failed (detail: a BackendError).
 * @event {KabarSubmitEvent} kabar-submit - A comment is about to be sent; cancelable.
 * @event {KabarSubmittedEvent} kabar-submitted - The server accepted a comment (approved or pending).
 */
export class KabarCommentBox extends WithHeadingLevel(KabarElement) {
  static override styles = [hostStyles, formStyles, commentStyles, commentBoxStyles];

  /** `kabar`: any string, by default the page's canonical path. `wordpress`: the post id. */
  @property() thread = '';

  /** Comments per page. */
  @property({ type: Number, attribute: 'per-page' }) perPage = 20;

  /** Nesting shown; deeper replies stay at this depth and say whom they answer. */
  @property({ type: Number, attribute: 'max-depth' }) maxDepth = 3;

  /** `oldest` first (default) or `newest` first. */
  @property() sort: 'oldest' | 'newest' = 'oldest';

  /** `lazy` (default): load when the box nears the viewport. `eager`: at once. */
  @property() loading: 'lazy' | 'eager' = 'lazy';

  @state() private formShown = false;
  @state() private closed = false;
  @state() private replyTo: string | null = null;
  @state() private values: Values = { body: '', authorName: '', authorEmail: '', authorUrl: '' };
  @state() private remember = false;
  /** Opt-in notices by e-mail (Kabar servers only); off on every page view. */
  @state() private notify = false;
  @state() private previewing = false;
  @state() private draftRestored = false;
  @state() private notice = '';
  @state() private sentText = '';
  @state() private pending: Comment[] = [];
  @state() private announcement = '';

  private readonly threadData = new CommentThreadController(this, {
    loaded: (page, first) => {
      if (page.commentsOpen === false) this.closed = true;
      this.formShown = true;
      if (this.pendingStore?.settle(page.items)) this.pending = this.pendingStore.list();
      // Only what the reader asked for is announced: a thread that loads because it was scrolled near is simply there.
      if (!first || this.announceLoad) {
        this.announce(this.i18n.t('comments.loaded', { count: page.items.length, formatted: this.i18n.number(page.items.length) }));
      }
      this.announceLoad = false;
      if (!first && page.items[0]) this.focusAfterUpdate = `#comment-${CSS.escape(page.items[0].id)}`;
    },
    failed: (error) => {
      this.formShown = true;
      this.announceLoad = false;
      this.announce(`${this.i18n.t('comments.loadFailed')} ${describeError(this.i18n, error)}`);
    },
  });

  private readonly sender = new SendController<Comment>(this);
  private readonly sendStatus = new SendStatus(this, this.sender, this.i18n, (text) => this.announce(text));
  /** The next page that arrives answers the reader's own retry, so its count is announced. */
  private announceLoad = false;
  private readonly draft = new DraftController<CommentDraft>(this, {
    kind: 'comment',
    delayMs: 300,
    values: () => ({ body: this.values.body, parentId: this.replyTo }),
    isEmpty: (draft) => !draft.body.trim() && draft.parentId === null,
  });
  private readonly feedback = new FormFeedback<CommentField>(this, FIELDS);
  private pendingStore?: PendingComments;
  private honeypotValue = '';
  private readonly viewport = new NearViewport(this, LAZY_MARGIN, () => this.loading === 'eager');
  private focusAfterUpdate?: string;

  override connectedCallback(): void {
    super.connectedCallback();
    const identity = rememberedIdentity.load();
    if (identity && !this.values.authorName && !this.values.authorEmail) {
      this.values = { ...this.values, authorName: identity.name, authorEmail: identity.email, authorUrl: identity.url ?? '' };
      this.remember = true;
    }
    // Updates are skipped while detached (see willUpdate); back on the page, the thread loads again.
    this.requestUpdate();
  }

  private threadId(): string {
    const named = this.thread.trim();
    if (named) return named;
    return this.source === 'wordpress' ? '' : defaultThread();
  }

  override willUpdate(changed: PropertyValues<this>): void {
    // A box taken off the page (the thread's own abort ends in a re-render) must not start a new request.
    if (!this.isConnected) return;
    if (changed.has('loading') && this.loading === 'eager') this.viewport.arrive();
    const backend = this.backendFor();
    const thread = this.threadId();
    const scope = backend && thread ? `${backend.label} ${thread}` : '';
    if (scope !== this.draft.scope) this.openScope(scope);
    if (this.viewport.near && backend && thread) {
      this.threadData.sync(backend, thread, Math.max(1, Math.floor(this.perPage) || 20), this.sort === 'newest' ? 'newest' : 'oldest');
    }
  }

  /** A new backend or thread: its own draft, its own pending comments, a fresh form. */
  private openScope(scope: string): void {
    const draft = this.draft.open(scope);
    this.pendingStore = scope ? new PendingComments(scope) : undefined;
    this.pending = this.pendingStore?.list() ?? [];
    this.values = { ...this.values, body: draft?.body ?? '' };
    this.replyTo = draft?.parentId ?? null;
    this.draftRestored = !!draft?.body;
    this.formShown = false;
    this.closed = false;
    this.notice = '';
    this.sentText = '';
    this.feedback.reset();
  }

  override updated(): void {
    if (this.focusAfterUpdate) {
      const target = this.renderRoot.querySelector<HTMLElement>(this.focusAfterUpdate);
      this.focusAfterUpdate = undefined;
      target?.focus();
    }
  }

  /** The one live region; the same text twice is still announced twice. */
  private announce(text: string): void {
    this.announcement = text === this.announcement ? `${text}\u00a0` : text;
  }

  // ---- the thread ----------------------------------------------------------

  /** Approved comments with the reader's own pending ones placed among them. */
  private visibleComments(): Comment[] {
    const listed = new Set(this.threadData.comments.map((c) => c.id));
    const pending = this.pending.filter((c) => !listed.has(c.id));
    return this.sort === 'newest' ? [...pending.reverse(), ...this.threadData.comments] : [...this.threadData.comments, ...pending];
  }

  private renderThread(): TemplateResult | typeof nothing {
    const data = this.threadData;
    if (!this.viewport.near || data.status === 'idle' || data.status === 'loading') return threadSkeleton(this.i18n, data.slowLoad.slow);
    if (data.status === 'error') return threadFailure(this.i18n, data.error, this.handleRetry);
    const comments = this.visibleComments();
    // "Be the first!" is no invitation on a closed post: there "Komentar ditutup." says it all.
    if (!comments.length) return this.closed ? nothing : html`<p part="empty" class="empty">${this.i18n.t('comments.empty')}</p>`;
    const tree = buildThread(comments, this.maxDepth);
    return html`<ol part="thread" class="thread" aria-busy=${data.loadingMore ? 'true' : 'false'}>
        ${threadEntries(tree, {
          i18n: this.i18n,
          onReply: this.closed ? undefined : this.handleReply,
          replyTo: this.closed ? null : this.replyTo,
          form: (comment) => this.renderForm(comment),
        })}
      </ol>
      ${data.error ? html`<p part="form-error" class="form-error">${this.i18n.t('comments.loadFailed')} ${describeError(this.i18n, data.error)}</p>` : nothing}
      ${data.hasMore ? loadMoreButton(this.i18n, data.loadingMore, this.handleLoadMore) : nothing}`;
  }

  // ---- the form ------------------------------------------------------------

  /** Errors show after a field was left or a send was tried; the server's until the field changes. */
  private shownError(field: CommentField, client: FieldErrors<CommentField>): string | undefined {
    const code = this.feedback.shown(field, client);
    return code ? this.i18n.fieldError(code) : undefined;
  }

  private renderForm(replyingTo?: Comment): TemplateResult {
    const t = this.i18n.t.bind(this.i18n);
    const client = validateComment(this.values);
    const markdownSource = this.source !== 'wordpress';
    const replyName = replyingTo ? replyingTo.author.name || t('comments.anonymous') : undefined;
    return html`<section
      part="form-section"
      class=${replyingTo ? 'form-section form-section--reply' : 'form-section'}
      aria-labelledby="reply-title"
      @keydown=${this.handleFormKeydown}
    >
      <div class="form-heading">
        <h2 id="reply-title" part="form-heading" aria-level=${this.topHeadingLevel}>
          ${replyName ? t('commentForm.headingReply', { name: replyName }) : t('commentForm.heading')}
        </h2>
        ${this.replyTo !== null
          ? html`<button type="button" part="cancel-reply" class="cancel-reply" @click=${this.cancelReply}>${t('commentForm.cancelReply')}</button>`
          : nothing}
      </div>
      <form
        part="form"
        novalidate
        aria-busy=${this.sender.busy ? 'true' : 'false'}
        @submit=${this.handleSubmit}
        @input=${this.handleInput}
        @focusout=${this.handleBlur}
      >
        <p class="note" id="form-note">${t('commentForm.emailNote')} ${t('common.requiredNote')}</p>
        ${this.draftRestored ? html`<p class="hint">${t('common.draftRestored')}</p>` : nothing}
        ${this.renderTextField('body', t('commentForm.body'), client, markdownSource ? t('common.markdownHint') : undefined)}
        ${markdownSource ? commentPreview(this.i18n, this.values.body, this.previewing, this.togglePreview) : nothing}
        ${this.renderTextField('authorName', t('commentForm.name'), client)}
        ${this.renderTextField('authorEmail', t('commentForm.email'), client)}
        ${this.renderTextField('authorUrl', t('commentForm.website'), client)}
        ${honeypot('field-homepage', 'homepage', t('common.honeypotLabel'), (value) => (this.honeypotValue = value))}
        <div class="check">
          <input id="field-remember" name="remember" type="checkbox" .checked=${live(this.remember)} @change=${this.handleRemember} />
          <label for="field-remember" part="label">${t('commentForm.remember')}</label>
        </div>
        ${markdownSource
          ? html`<label class="check check--notify" part="label">
              <input id="field-notify" name="notify" type="checkbox" .checked=${live(this.notify)} @change=${this.handleNotify} />
              <span>${t('commentForm.notify')}</span>
            </label>`
          : nothing}
        <div class="actions">
          <button type="submit" part="submit-button" class="button button--primary" aria-disabled=${this.sender.busy ? 'true' : 'false'}>
            ${t('commentForm.submit')}
          </button>
          ${this.renderSendStatus()}
        </div>
        ${this.notice ? html`<p part="form-error" class="form-error">${this.notice}</p>` : nothing}
      </form>
    </section>`;
  }

  private renderTextField(field: CommentField, label: string, client: FieldErrors<CommentField>, hint?: string): TemplateResult {
    const id = FIELD_IDS[field];
    const required = field !== 'authorUrl';
    const value = this.values[field];
    return renderField({ id, label, required, hint, error: this.shownError(field, client) }, (state) =>
      field === 'body'
        ? html`<textarea
            id=${id}
            name="comment"
            part="input"
            rows="6"
            ?required=${required}
            aria-invalid=${state.invalid}
            aria-describedby=${ifDefined(state.describedBy)}
            .value=${live(value)}
          ></textarea>`
        : html`<input
            id=${id}
            name=${{ authorName: 'author', authorEmail: 'email', authorUrl: 'url' }[field]}
            part="input"
            type=${field === 'authorEmail' ? 'email' : field === 'authorUrl' ? 'url' : 'text'}
            autocomplete=${field === 'authorEmail' ? 'email' : field === 'authorUrl' ? 'url' : 'name'}
            ?required=${required}
            aria-invalid=${state.invalid}
            aria-describedby=${ifDefined(state.describedBy)}
            .value=${live(value)}
          />`,
    );
  }

  private renderSendStatus(): TemplateResult | typeof nothing {
    const text = this.sendStatus.text || this.sentText;
    if (!text) return nothing;
    return html`<p part="send-status" class=${this.sentText && !this.sender.busy ? 'send-status send-status--done' : 'send-status'}>${text}</p>`;
  }

  private renderFormArea(): TemplateResult | typeof nothing {
    if (!this.formShown) return nothing;
    if (this.closed) return html`<p part="closed" class="closed">${this.i18n.t('comments.closed')}</p>`;
    // While replying, the form sits under the comment; if that comment is not on screen (yet), it stays here.
    if (this.replyTo !== null && this.replyTarget()) return nothing;
    return this.renderForm();
  }

  private replyTarget(): Comment | undefined {
    return this.replyTo === null || this.threadData.status !== 'loaded'
      ? undefined
      : this.threadData.comments.find((c) => c.id === this.replyTo);
  }

  override render() {
    const backend = this.backendFor();
    const thread = this.threadId();
    return html`<section part="thread-section" class="thread-section" aria-labelledby="comments-heading">
        <h2 id="comments-heading" part="heading" aria-level=${this.topHeadingLevel}>${this.i18n.t('comments.heading')}</h2>
        ${!backend ? this.renderProblem(this.i18n.t('error.noBackend')) : !thread ? this.renderProblem(this.i18n.t('comments.noThread')) : this.renderThread()}
      </section>
      ${backend && thread ? this.renderFormArea() : nothing}
      <div role="status" class="visually-hidden">${this.announcement}</div>`;
  }

  private renderProblem(text: string): TemplateResult {
    return html`<p part="error" class="error">${text}</p>
      <slot></slot>`;
  }

  // ---- handlers ------------------------------------------------------------

  private handleRetry = () => {
    this.announceLoad = true;
    this.threadData.reload();
  };

  private handleLoadMore = () => this.threadData.more();

  private handleReply = (comment: Comment) => {
    if (this.replyTo === comment.id) {
      this.cancelReply();
      return;
    }
    this.replyTo = comment.id;
    this.notice = '';
    this.draft.edited();
    this.focusAfterUpdate = `#${FIELD_IDS.body}`;
  };

  private cancelReply = () => {
    const from = this.replyTo;
    if (from === null) return;
    this.replyTo = null;
    this.draft.edited();
    this.focusAfterUpdate = `#comment-${CSS.escape(from)} .reply-button`;
  };

  private handleFormKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && this.replyTo !== null) {
      event.preventDefault();
      this.cancelReply();
    }
  };

  private fieldOf(event: Event): CommentField | undefined {
    const id = (event.target as HTMLElement).id;
    return FIELDS.find((field) => FIELD_IDS[field] === id);
  }

  private handleInput = (event: Event) => {
    const field = this.fieldOf(event);
    if (!field) return;
    this.values = { ...this.values, [field]: (event.target as HTMLInputElement | HTMLTextAreaElement).value };
    this.feedback.changed(field);
    if (this.sender.state === 'sent' || this.sender.state === 'failed') this.sender.reset();
    this.sentText = '';
    if (field === 'body') {
      this.draftRestored = false;
      this.draft.edited();
    }
  };

  private handleBlur = (event: Event) => {
    const field = this.fieldOf(event);
    if (field) this.feedback.left(field);
  };

  private handleNotify = (event: Event) => {
    this.notify = (event.target as HTMLInputElement).checked;
  };

  /** Unticking forgets at once; ticking remembers what is sent next. */
  private handleRemember = (event: Event) => {
    this.remember = (event.target as HTMLInputElement).checked;
    if (!this.remember) rememberedIdentity.forget();
  };

  private togglePreview = () => {
    this.previewing = !this.previewing;
  };

  private handleSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (this.sender.busy) return;
    const backend = this.backendFor();
    const thread = this.threadId();
    if (!backend || !thread) return;
    this.feedback.attempt();
    this.notice = '';
    this.sentText = '';
    const errors = this.feedback.merged(validateComment(this.values));
    const invalid = FIELDS.filter((field) => errors[field]);
    if (invalid.length) {
      this.focusAfterUpdate = `#${FIELD_IDS[invalid[0]]}`;
      this.announce(this.i18n.t('common.errorSummary', { count: invalid.length }));
      return;
    }
    const values = this.values;
    const comment: NewComment = {
      thread,
      parentId: this.replyTo,
      authorName: values.authorName.trim(),
      authorEmail: values.authorEmail.trim(),
      ...(values.authorUrl.trim() ? { authorUrl: values.authorUrl.trim() } : {}),
      body: values.body.trim(),
      ...(this.honeypotValue ? { website: this.honeypotValue } : {}),
      elapsedMs: this.draft.elapsedMs,
      ...(this.notify && this.source !== 'wordpress' ? { notify: true } : {}),
    };
    const submit = new KabarSubmitEvent({ kind: 'comment', comment });
    this.dispatchEvent(submit);
    if (submit.defaultPrevented) return;
    if (this.remember) {
      rememberedIdentity.save({ name: comment.authorName, email: comment.authorEmail, ...(comment.authorUrl ? { url: comment.authorUrl } : {}) });
    }
    // The send outlives a reload: the draft (with its key) is on disk before the first try.
    const send = this.draft.beginSend();
    const pendingStore = this.pendingStore;
    const idempotencyKey = send.idempotencyKey || undefined;
    const sent = await this.sender.send((signal) => backend.postComment(comment, { signal, idempotencyKey }));
    if (sent) this.handleSent(sent, comment, send, pendingStore);
    else {
      const error = this.sender.state === 'failed' ? this.sender.error : undefined;
      // Refused: the next send is another request, and an old key could only be refused again.
      this.draft.ended(send, !!error && needsNewKey(error));
      if (error) this.handleSendFailure(error);
    }
  };

  private handleSent(sent: Comment, comment: NewComment, send: DraftSend, pendingStore?: PendingComments): void {
    const current = send.scope === this.draft.scope;
    const typedOn = current && this.values.body.trim() !== comment.body;
    // Typed on while the comment was on its way: that text is a new comment, with its own key and clock.
    this.draft.confirmed(send, typedOn);
    // Servers answer with the comment; keep what we know if an answer leaves something out.
    const shown: Comment = { ...sent, thread: sent.thread || comment.thread, parentId: sent.parentId ?? comment.parentId ?? null };
    if (shown.status === 'pending') {
      pendingStore?.add(shown);
      if (pendingStore === this.pendingStore) this.pending = pendingStore?.list() ?? [shown];
    } else {
      this.threadData.add(shown);
    }
    if (current) {
      this.sentText = shown.status === 'pending' ? this.i18n.t('comments.pending') : this.i18n.t('commentForm.published');
      this.announce(this.sentText);
      // Typed on: the focus stays where the reader is writing.
      if (!typedOn) {
        this.values = { ...this.values, body: '' };
        this.replyTo = null;
        this.feedback.reset();
        this.previewing = false;
        this.draftRestored = false;
        this.focusAfterUpdate = `#comment-${CSS.escape(shown.id)}`;
      }
    }
    this.dispatchEvent(new KabarSubmittedEvent({ kind: 'comment', comment: shown }));
  }

  /** What a refused send means for the reader, by the server's code; never its own text. */
  private handleSendFailure(error: BackendError): void {
    this.dispatchEvent(new KabarErrorEvent(error));
    const t = this.i18n.t.bind(this.i18n);
    if (error.code === SEND_CODES.commentsClosed) {
      this.closed = true;
      this.replyTo = null;
      this.announce(t('comments.closed'));
      return;
    }
    const notices: Record<string, string> = {
      [SEND_CODES.keyReused]: t('commentForm.alreadyReceived'),
      [SEND_CODES.loginRequired]: t('commentForm.loginRequired'),
      [SEND_CODES.duplicate]: t('commentForm.duplicate'),
      [SEND_CODES.flood]: t('commentForm.flood'),
      [SEND_CODES.threadNotFound]: t('commentForm.invalidPost'),
    };
    const notice =
      notices[error.code ?? ''] ??
      (error.kind === 'validation' ? t('error.validation') : error.status === 409 ? t('commentForm.duplicate') : describeError(this.i18n, error));
    const first = error.kind === 'validation' ? this.feedback.fromServer(error.fields)[0] : undefined;
    if (first) this.focusAfterUpdate = `#${FIELD_IDS[first]}`;
    this.notice = notice;
    this.announce(notice);
  }
}
