<?php
/**
 * The theme's comments template while Kabar takes the comments (classic themes).
 *
 * @package Kabar
 */

defined( 'ABSPATH' ) || exit;

echo kabar_comments_markup( kabar_current_post_id() ); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- built and escaped by the renderer.
