/**
 * A WordPress REST API replayed from recorded answers, so the demo pages can
 * show the WordPress adapter without a WordPress site. Filled in separately.
 */
import { Hono } from 'hono';

export const wordpressReplay = new Hono();
