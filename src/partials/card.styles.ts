import { css } from 'lit';

/**
 * Styles of the shared card template. Every colour and size is a `--kabar-*`
 * property read with a fallback to the host tokens, so a page restyles cards
 * from `:root`, a wrapper or the element. The card reacts to the width of its
 * container (`container-type` is set by whoever holds it), never the viewport.
 */
export const cardStyles = css`
  .card {
    position: relative;
    display: flex;
    flex-direction: column;
    height: 100%;
    overflow: hidden;
    color: var(--kabar-card-color, inherit);
    background: var(--kabar-card-background, var(--_bg));
    border: var(--kabar-card-border, 1px solid var(--_border));
    border-radius: var(--kabar-card-radius, var(--_radius));
    box-shadow: var(--kabar-card-shadow, none);
  }
  .card:focus-within {
    outline: 3px solid var(--kabar-color-focus, var(--_focus));
    outline-offset: 2px;
  }
  .card__body {
    display: flex;
    flex-direction: column;
    gap: 0.4rem;
    padding: var(--kabar-card-padding, var(--_space));
    flex: 1 1 auto;
    min-width: 0;
  }
  .card__media {
    order: -1;
    aspect-ratio: var(--kabar-card-image-ratio, 16 / 9);
    background: var(--kabar-card-image-background, var(--_surface));
    overflow: hidden;
  }
  .card__image {
    display: block;
    width: 100%;
    height: 100%;
    object-fit: cover;
  }
  .card__kicker {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin: 0;
    font-size: var(--kabar-card-kicker-size, 0.8125rem);
    font-weight: 600;
  }
  .card__source {
    color: var(--kabar-card-source-color, var(--kabar-color-accent, var(--_accent)));
  }
  .card__badge {
    padding: 0 0.4em;
    border-radius: 0.25em;
    color: var(--kabar-color-accent-contrast, var(--_accent-contrast));
    background: var(--kabar-color-accent, var(--_accent));
  }
  .card__title {
    margin: 0;
    font-size: var(--kabar-card-title-size, 1.125rem);
    line-height: 1.3;
    font-weight: var(--kabar-card-title-weight, 700);
    overflow-wrap: anywhere;
  }
  .card__link {
    color: var(--kabar-card-title-color, inherit);
    text-decoration: none;
  }
  .card__link:hover {
    text-decoration: underline;
  }
  .card__link:focus-visible {
    outline: none;
  }
  /* One real link, the whole card its hit area. */
  .card__link::after {
    content: '';
    position: absolute;
    inset: 0;
    z-index: 1;
  }
  .card__meta {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.75rem;
    margin: 0;
    font-size: var(--kabar-card-meta-size, 0.875rem);
    color: var(--kabar-color-muted, var(--_muted));
  }
  .card__excerpt {
    margin: 0;
    line-height: 1.5;
    font-size: var(--kabar-card-excerpt-size, 0.9375rem);
  }
  .card__categories {
    display: flex;
    flex-wrap: wrap;
    gap: 0.35rem;
    margin: auto 0 0;
    padding: 0.25rem 0 0;
    list-style: none;
    font-size: 0.8125rem;
  }
  .card__category {
    padding: 0.1em 0.55em;
    border-radius: 999px;
    color: var(--kabar-chip-color, var(--_fg));
    background: var(--kabar-chip-background, var(--_surface));
  }

  /* horizontal: picture beside the text once there is room for both */
  @container (min-width: 34rem) {
    .card--horizontal {
      flex-direction: row;
    }
    .card--horizontal .card__media {
      flex: 0 0 var(--kabar-card-image-width, 32%);
      align-self: flex-start;
    }
  }

  /* compact: a line of title and date */
  .card--compact {
    border-width: 0 0 1px;
    border-radius: 0;
    background: transparent;
  }
  .card--compact .card__body {
    padding: 0.6rem 0;
    gap: 0.2rem;
  }
  .card--compact .card__title {
    font-size: var(--kabar-card-compact-title-size, 1rem);
  }

  .card--skeleton .card__media,
  .skeleton__line {
    background: var(--kabar-skeleton-color, var(--_surface));
  }
  .skeleton__line {
    display: block;
    height: 0.85rem;
    border-radius: 0.25rem;
    animation: kabar-pulse 1.4s ease-in-out infinite;
  }
  .skeleton__line--title {
    height: 1.2rem;
  }
  .skeleton__line--short {
    width: 60%;
  }
  .skeleton__line--meta {
    width: 40%;
  }
  @keyframes kabar-pulse {
    50% {
      opacity: 0.5;
    }
  }
`;

/** The buttons and the error block of the card's and the feed's loading states. */
export const cardStateStyles = css`
  .button {
    font: inherit;
    cursor: pointer;
    padding: 0.6rem 1.2rem;
    min-height: 2.75rem;
    border: 1px solid var(--kabar-color-accent, var(--_accent));
    border-radius: var(--kabar-button-radius, var(--_radius));
    color: var(--kabar-button-color, var(--kabar-color-accent-contrast, var(--_accent-contrast)));
    background: var(--kabar-button-background, var(--kabar-color-accent, var(--_accent)));
    font-weight: 600;
  }
  .button[aria-disabled='true'],
  .button:disabled {
    opacity: 0.55;
    cursor: default;
  }
  .error {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75rem;
    padding: var(--_space);
    border-radius: var(--_radius);
    background: var(--kabar-message-background, var(--_surface));
  }
  .error__message {
    margin: 0;
    flex: 1 1 16rem;
  }
  .slow {
    margin: 0 0 0.75rem;
    color: var(--kabar-color-muted, var(--_muted));
  }
`;
