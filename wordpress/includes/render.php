<?php
/**
 * The one renderer behind the blocks, the shortcodes and the comments take-over: a Kabar
 * element with a light-DOM fallback inside it (real links, a plain form that still posts), so
 * readers and crawlers get content before the script runs, and keep it if the script cannot.
 * The output is one line of HTML with no blank lines, which `wpautop` leaves whole.
 *
 * Attributes are the tags' own names (`per-page`, `heading-level`, …). Without `backend` an
 * element speaks to the Kabar server of the settings, or, when none is set, to this site
 * (`source="wordpress"`). On this site a signed-in reader's comment box carries the REST nonce
 * (`wp-nonce`) and the reader's name (`wp-user`), so the comment is theirs and no name or e-mail
 * is asked for.
 *
 * @package Kabar
 */

defined( 'ABSPATH' ) || exit;

/** The element of each kind, and the attributes it takes besides the common ones. */
function kabar_kinds(): array {
	return array(
		'feed'          => array(
			'tag'   => 'kabar-article-feed',
			'attrs' => array( 'per-page', 'category', 'tag', 'search', 'layout', 'paging', 'show-categories' ),
		),
		'story-form'    => array(
			'tag'   => 'kabar-story-form',
			'attrs' => array( 'min-paragraphs', 'photo', 'max-photo-mb', 'success-url', 'privacy-url', 'categories' ),
		),
		'comment-box'   => array(
			'tag'   => 'kabar-comment-box',
			'attrs' => array( 'thread', 'per-page', 'max-depth', 'sort', 'loading' ),
		),
		'comment-count' => array(
			'tag'   => 'kabar-comment-count',
			'attrs' => array( 'thread', 'href' ),
		),
	);
}

/** Attributes every element takes. */
const KABAR_COMMON_ATTRS = array( 'backend', 'source', 'lang', 'theme', 'heading-level' );

/** Whether an element's backend is this WordPress site. */
function kabar_is_own_site( array $attrs ): bool {
	return 'wordpress' === $attrs['source'] && untrailingslashit( $attrs['backend'] ) === untrailingslashit( home_url() );
}

/** The post a comment box or count belongs to when none was named: the one being shown. */
function kabar_current_post_id(): int {
	$id = get_the_ID();
	if ( ! $id && is_singular() ) {
		$id = get_queried_object_id();
	}
	return (int) $id;
}

/**
 * The HTML of one Kabar element.
 *
 * @param string $kind  `feed`, `story-form`, `comment-box` or `comment-count`.
 * @param array  $given Attributes by the tag's names; unknown ones are dropped.
 */
function kabar_render( string $kind, array $given ): string {
	$kinds = kabar_kinds();
	if ( ! isset( $kinds[ $kind ] ) ) {
		return '';
	}
	$allowed = array_merge( KABAR_COMMON_ATTRS, $kinds[ $kind ]['attrs'] );
	$attrs   = array();
	foreach ( $given as $name => $value ) {
		$name = strtolower( str_replace( '_', '-', (string) $name ) );
		if ( in_array( $name, $allowed, true ) && is_scalar( $value ) && '' !== trim( (string) $value ) ) {
			$attrs[ $name ] = is_bool( $value ) ? ( $value ? 'true' : 'false' ) : trim( (string) $value );
		}
	}
	$settings = kabar_settings();
	if ( empty( $attrs['backend'] ) ) {
		$attrs['source']  = '' !== $settings['server'] ? 'kabar' : 'wordpress';
		$attrs['backend'] = '' !== $settings['server'] ? $settings['server'] : home_url();
	}
	$attrs += array( 'source' => 'kabar' );
	$own    = kabar_is_own_site( $attrs );
	$inner  = '';

	if ( 'comment-box' === $kind || 'comment-count' === $kind ) {
		if ( empty( $attrs['thread'] ) && $own ) {
			$id = kabar_current_post_id();
			if ( $id ) {
				$attrs['thread'] = (string) $id;
			}
		}
	}
	if ( 'comment-box' === $kind && $own && is_user_logged_in() ) {
		$user                = wp_get_current_user();
		$attrs['wp-nonce']   = wp_create_nonce( 'wp_rest' );
		$attrs['wp-user']    = $user->display_name;
	}
	if ( 'story-form' === $kind && empty( $attrs['privacy-url'] ) && get_privacy_policy_url() ) {
		$attrs['privacy-url'] = get_privacy_policy_url();
	}

	if ( $own ) {
		switch ( $kind ) {
			case 'feed':
				$inner = kabar_fallback_feed( $attrs );
				break;
			case 'story-form':
				$inner = kabar_fallback_story_form();
				break;
			case 'comment-box':
				$inner = kabar_fallback_comments( (int) ( $attrs['thread'] ?? 0 ) );
				break;
			case 'comment-count':
				$inner = kabar_fallback_count( (int) ( $attrs['thread'] ?? 0 ) );
				break;
		}
	}

	kabar_enqueue_script();
	$tag  = $kinds[ $kind ]['tag'];
	$html = '<' . $tag;
	foreach ( $attrs as $name => $value ) {
		$html .= ' ' . $name . '="' . esc_attr( $value ) . '"';
	}
	return $html . '>' . $inner . '</' . $tag . '>';
}

/** Real links to the latest posts, as the feed would show them. */
function kabar_fallback_feed( array $attrs ): string {
	$args = array(
		'post_type'           => 'post',
		'post_status'         => 'publish',
		'posts_per_page'      => isset( $attrs['per-page'] ) ? max( 1, min( 100, absint( $attrs['per-page'] ) ) ) : 10,
		'ignore_sticky_posts' => true,
		'no_found_rows'       => true,
	);
	foreach ( array( 'category' => 'cat', 'tag' => 'tag_id' ) as $attr => $by_id ) {
		if ( ! empty( $attrs[ $attr ] ) ) {
			if ( ctype_digit( $attrs[ $attr ] ) ) {
				$args[ $by_id ] = (int) $attrs[ $attr ];
			} else {
				$args[ 'category' === $attr ? 'category_name' : 'tag' ] = $attrs[ $attr ];
			}
		}
	}
	$posts = get_posts( $args );
	if ( ! $posts ) {
		return '';
	}
	$items = '';
	foreach ( $posts as $post ) {
		$items .= '<li><a href="' . esc_url( get_permalink( $post ) ) . '">' . esc_html( wp_strip_all_tags( get_the_title( $post ) ) ) . '</a></li>';
	}
	return '<ul class="kabar-fallback">' . $items . '</ul>';
}

/** A plain story form that posts to the site itself (see stories.php), for readers without the script. */
function kabar_fallback_story_form(): string {
	if ( ! kabar_story_author() ) {
		return '';
	}
	$field = static function ( string $name, string $label, string $type = 'text', bool $required = true ): string {
		$input = 'textarea' === $type
			? '<textarea name="' . $name . '" rows="8"' . ( $required ? ' required' : '' ) . '></textarea>'
			: '<input type="' . $type . '" name="' . $name . '"' . ( $required ? ' required' : '' ) . ' />';
		return '<p><label>' . esc_html( $label ) . ' ' . $input . '</label></p>';
	};
	return '<form class="kabar-fallback" method="post" action="' . esc_url( admin_url( 'admin-post.php' ) ) . '" enctype="multipart/form-data">'
		. '<input type="hidden" name="action" value="kabar_story" />'
		. '<input type="hidden" name="kabar_started" value="' . esc_attr( kabar_started_token() ) . '" />'
		. '<input type="hidden" name="kabar_return" value="' . esc_url( kabar_current_url() ) . '" />'
		. $field( 'name', __( 'Your name', 'kabar' ) )
		. $field( 'email', __( 'E-mail', 'kabar' ), 'email' )
		. $field( 'community', __( 'Community', 'kabar' ), 'text', false )
		. $field( 'title', __( 'Title', 'kabar' ) )
		. $field( 'body', __( 'Your story (at least 2 paragraphs)', 'kabar' ), 'textarea' )
		. $field( 'original_url', __( 'Published elsewhere? Its link', 'kabar' ), 'url', false )
		. '<p style="position:absolute;left:-9999px" aria-hidden="true"><label>Website <input type="text" name="website" tabindex="-1" autocomplete="off" /></label></p>'
		. '<p><label><input type="checkbox" name="consent" value="1" required /> ' . esc_html__( 'I agree that the editors may publish and edit my story.', 'kabar' ) . '</label></p>'
		. '<p><button type="submit">' . esc_html__( 'Send story', 'kabar' ) . '</button></p>'
		. '</form>';
}

/** The post's approved comments and WordPress's own comment form, which works without the script. */
function kabar_fallback_comments( int $post_id ): string {
	if ( ! $post_id ) {
		return '';
	}
	$comments = get_comments(
		array(
			'post_id' => $post_id,
			'status'  => 'approve',
			'order'   => 'ASC',
			'number'  => 50,
		)
	);
	$html = '';
	if ( $comments ) {
		$html .= '<ol class="kabar-fallback">';
		foreach ( $comments as $comment ) {
			$html .= '<li><strong>' . esc_html( get_comment_author( $comment ) ) . '</strong> ' . wp_kses_post( wpautop( get_comment_text( $comment ) ) ) . '</li>';
		}
		$html .= '</ol>';
	}
	if ( comments_open( $post_id ) ) {
		$html .= '<form class="kabar-fallback" method="post" action="' . esc_url( site_url( '/wp-comments-post.php' ) ) . '">'
			. '<p><label>' . esc_html__( 'Comment', 'kabar' ) . ' <textarea name="comment" rows="5" required></textarea></label></p>';
		if ( ! is_user_logged_in() ) {
			$html .= '<p><label>' . esc_html__( 'Name', 'kabar' ) . ' <input type="text" name="author" required /></label></p>'
				. '<p><label>' . esc_html__( 'E-mail', 'kabar' ) . ' <input type="email" name="email" required /></label></p>';
		}
		$html .= '<input type="hidden" name="comment_post_ID" value="' . esc_attr( (string) $post_id ) . '" /><input type="hidden" name="comment_parent" value="0" />'
			. '<p><button type="submit">' . esc_html__( 'Post comment', 'kabar' ) . '</button></p></form>';
	}
	return $html;
}

/** "3 Comments", linked to the comments. */
function kabar_fallback_count( int $post_id ): string {
	if ( ! $post_id ) {
		return '';
	}
	return '<a href="' . esc_url( get_comments_link( $post_id ) ) . '">' . esc_html( wp_strip_all_tags( get_comments_number_text( false, false, false, $post_id ) ) ) . '</a>';
}

/** The address of the page being shown, for the plain story form to come back to. */
function kabar_current_url(): string {
	$path = isset( $_SERVER['REQUEST_URI'] ) ? wp_unslash( $_SERVER['REQUEST_URI'] ) : '/'; // phpcs:ignore WordPress.Security.ValidatedSanitizedInput.InputNotSanitized
	return home_url( (string) $path );
}

/**
 * Loads the widgets' script once per page, and only on pages where a Kabar element rendered:
 * a script module on WordPress 6.5+, a `type="module"` script tag before that.
 */
function kabar_enqueue_script(): void {
	static $done = false;
	if ( $done ) {
		return;
	}
	$done = true;
	$src  = plugins_url( 'assets/kabar.js', KABAR_FILE );
	if ( function_exists( 'wp_enqueue_script_module' ) ) {
		wp_enqueue_script_module( 'kabar', $src, array(), KABAR_VERSION );
		return;
	}
	wp_enqueue_script( 'kabar', $src, array(), KABAR_VERSION, true );
}

add_filter(
	'script_loader_tag',
	static function ( $tag, $handle ) {
		if ( 'kabar' !== $handle || false !== strpos( $tag, 'type="module"' ) ) {
			return $tag;
		}
		$tag = preg_replace( '/\stype=(["\'])text\/javascript\1/', '', $tag );
		return str_replace( '<script ', '<script type="module" ', $tag );
	},
	10,
	2
);

/** A shortcode's attributes as the tag's names (`per-page` stays `per-page`; WordPress lower-cases them). */
function kabar_shortcode_attrs( $atts ): array {
	return is_array( $atts ) ? $atts : array();
}

foreach ( array(
	'kabar_feed'          => 'feed',
	'kabar_story_form'    => 'story-form',
	'kabar_comments'      => 'comment-box',
	'kabar_comment_count' => 'comment-count',
) as $kabar_shortcode => $kabar_kind ) {
	add_shortcode(
		$kabar_shortcode,
		static function ( $atts ) use ( $kabar_kind ) {
			return kabar_render( $kabar_kind, kabar_shortcode_attrs( $atts ) );
		}
	);
}
unset( $kabar_shortcode, $kabar_kind );
