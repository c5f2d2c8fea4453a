import { html, nothing, type TemplateResult } from 'lit';

/**
 * The field template of Kabar's forms: a label beside its control in the same
 * shadow root, an optional hint, and the error linked with `aria-describedby`.
 * A control with id `x` has its hint at `x-hint` and its error at `x-error`.
 */
export interface Field {
  id: string;
  label: string;
  required?: boolean;
  hint?: string | TemplateResult;
  /** The message to show, already in the reader's words; none while there is nothing to say. */
  error?: string;
  /** More ids that describe the control (a counter, a note), read after the hint. */
  notes?: Array<string | false | undefined>;
  /** Part names of the error; the story form also answers to its older name, `error`. */
  errorParts?: string;
}

/** What the control of a field carries: its description and whether it is invalid. */
export interface ControlState {
  describedBy?: string;
  invalid: 'true' | 'false';
}

export function controlState(field: Field): ControlState {
  const ids = [field.hint ? `${field.id}-hint` : undefined, ...(field.notes ?? []), field.error ? `${field.id}-error` : undefined];
  return { describedBy: ids.filter(Boolean).join(' ') || undefined, invalid: field.error ? 'true' : 'false' };
}

export function fieldLabel(id: string, text: string, required = false): TemplateResult {
  return html`<label for=${id} part="label"
    >${text}${required ? html`<span class="required" aria-hidden="true"> *</span>` : nothing}</label
  >`;
}

export function fieldHint(field: Pick<Field, 'id' | 'hint'>): TemplateResult | typeof nothing {
  return field.hint ? html`<p id="${field.id}-hint" class="hint" part="hint">${field.hint}</p>` : nothing;
}

export function fieldError(field: Pick<Field, 'id' | 'error' | 'errorParts'>): TemplateResult | typeof nothing {
  return field.error
    ? html`<p id="${field.id}-error" class="field-error" part=${field.errorParts ?? 'field-error'}>${field.error}</p>`
    : nothing;
}

/** A whole field: label, hint, the control made by `control`, anything after it, the error. */
export function renderField(field: Field, control: (state: ControlState) => TemplateResult, after: unknown = nothing): TemplateResult {
  return html`<div class="field" part="field">
    ${fieldLabel(field.id, field.label, field.required)} ${fieldHint(field)} ${control(controlState(field))} ${after}
    ${fieldError(field)}
  </div>`;
}

/**
 * A field people never see or reach: bots that fill every input give
 * themselves away. `onInput` hears what was typed into it.
 */
export function honeypot(id: string, name: string, label: string, onInput: (value: string) => void): TemplateResult {
  return html`<div class="honeypot" aria-hidden="true">
    <label for=${id}>${label}</label>
    <input
      id=${id}
      name=${name}
      type="text"
      tabindex="-1"
      autocomplete="off"
      @input=${(event: Event) => onInput((event.target as HTMLInputElement).value)}
    />
  </div>`;
}
