<?php
/**
 * Server render of kabar/story-form.
 *
 * @package Kabar
 * @var array $attributes The block's attributes.
 */

defined( 'ABSPATH' ) || exit;

echo kabar_render( 'story-form', kabar_block_attrs( $attributes ) ); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- built and escaped by the renderer.
