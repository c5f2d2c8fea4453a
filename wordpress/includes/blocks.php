<?php
/**
 * The four dynamic blocks. Each `block.json` names its attributes in camelCase; its
 * `render.php` hands them to the one renderer under the tags' names.
 *
 * @package Kabar
 */

defined( 'ABSPATH' ) || exit;

/** `perPage` → `per-page`: block attributes under the tags' names. */
function kabar_block_attrs( array $attributes ): array {
	$attrs = array();
	foreach ( $attributes as $name => $value ) {
		if ( is_scalar( $value ) && '' !== (string) $value ) {
			$attrs[ strtolower( preg_replace( '/([a-z])([A-Z])/', '$1-$2', (string) $name ) ) ] = is_bool( $value ) ? ( $value ? 'true' : '' ) : $value;
		}
	}
	return $attrs;
}

add_action(
	'init',
	static function () {
		wp_register_script(
			'kabar-blocks-editor',
			plugins_url( 'assets/editor.js', KABAR_FILE ),
			array( 'wp-blocks', 'wp-element', 'wp-block-editor', 'wp-components', 'wp-server-side-render' ),
			KABAR_VERSION,
			true
		);
		// The editor's labels come from PHP, so the plugin's one translation file serves them.
		wp_localize_script(
			'kabar-blocks-editor',
			'kabarEditor',
			array(
				'settings'      => __( 'Settings', 'kabar' ),
				'perPage'       => __( 'Articles per page', 'kabar' ),
				'category'      => __( 'Category (slug or id)', 'kabar' ),
				'tag'           => __( 'Tag (slug or id)', 'kabar' ),
				'backend'       => __( 'Source address (empty: this site, or the Kabar server of the settings)', 'kabar' ),
				'source'        => __( 'Source type', 'kabar' ),
				'thread'        => __( 'Post id (empty: the post being shown)', 'kabar' ),
				'lang'          => __( 'Language (empty: the page\'s)', 'kabar' ),
				'headingLevel'  => __( 'Heading level', 'kabar' ),
				'minParagraphs' => __( 'Least paragraphs', 'kabar' ),
				'photo'         => __( 'Photo', 'kabar' ),
				'optional'      => __( 'Optional', 'kabar' ),
				'required'      => __( 'Required', 'kabar' ),
				'none'          => __( 'None', 'kabar' ),
				'page'          => __( 'Page default', 'kabar' ),
			)
		);
		foreach ( array( 'article-feed', 'story-form', 'comment-box', 'comment-count' ) as $block ) {
			register_block_type( KABAR_DIR . 'blocks/' . $block );
		}
	}
);
