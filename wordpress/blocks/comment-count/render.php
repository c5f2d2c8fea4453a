<?php
/**
 * Server render of kabar/comment-count.
 *
 * @package Kabar
 * @var array $attributes The block's attributes.
 */

defined( 'ABSPATH' ) || exit;

echo kabar_render( 'comment-count', kabar_block_attrs( $attributes ) ); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- built and escaped by the renderer.
