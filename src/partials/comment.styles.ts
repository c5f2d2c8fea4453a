import { css } from 'lit';

/** Styles of one comment (`renderComment`). */
export const commentStyles = css`
  .comment {
    display: grid;
    /* One column no wider than the comment: a wide table or code block scrolls inside it instead. */
    grid-template-columns: minmax(0, 1fr);
    gap: 0.375rem;
    padding: 0.75rem 0;
    border-radius: var(--_radius);
  }
  .comment:focus-visible {
    outline-offset: 4px;
  }
  .comment--pending {
    padding: 0.75rem;
    background: var(--kabar-comment-pending-background, var(--_surface));
    border: 1px dashed var(--kabar-color-border, var(--_border));
  }
  .comment__header {
    display: flex;
    align-items: center;
    gap: 0.625rem;
  }
  .comment__meta {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0 0.5rem;
    min-width: 0;
  }
  .avatar {
    flex: none;
    display: inline-grid;
    place-items: center;
    width: var(--kabar-avatar-size, 2.5rem);
    height: var(--kabar-avatar-size, 2.5rem);
    border-radius: 50%;
    object-fit: cover;
    font-weight: 600;
    font-size: 0.9rem;
    color: #fff;
    background: #5b616b;
  }
  .avatar--0 { background: #8a3b12; }
  .avatar--1 { background: #1f5f8b; }
  .avatar--2 { background: #2e6b3a; }
  .avatar--3 { background: #6a3d8f; }
  .avatar--4 { background: #8b2d4f; }
  .avatar--5 { background: #44546a; }
  .author {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  a.author {
    color: var(--kabar-color-link, var(--_accent));
  }
  .answering,
  .date {
    color: var(--kabar-color-muted, var(--_muted));
    font-size: 0.875em;
  }
  .pending-note {
    margin: 0;
    font-size: 0.875em;
    font-style: italic;
    color: var(--kabar-color-muted, var(--_muted));
  }
  .comment__body {
    overflow-wrap: anywhere;
    line-height: 1.55;
  }
  .comment__body > :first-child {
    margin-top: 0;
  }
  .comment__body > :last-child {
    margin-bottom: 0;
  }
  .comment__body a {
    color: var(--kabar-color-link, var(--_accent));
  }
  .comment__body img {
    max-width: 100%;
    height: auto;
  }
  .comment__body blockquote {
    margin: 0.5rem 0;
    padding-left: 0.75rem;
    border-left: 3px solid var(--kabar-color-border, var(--_border));
  }
  .comment__body pre {
    overflow-x: auto;
  }
  .reply-button {
    justify-self: start;
    padding: 0.125rem 0.5rem;
    border: 1px solid transparent;
    border-radius: var(--_radius);
    background: none;
    color: var(--kabar-color-link, var(--_accent));
    font-size: 0.875em;
    font-weight: 600;
    cursor: pointer;
  }
  .reply-button:hover {
    border-color: currentColor;
  }
`;
