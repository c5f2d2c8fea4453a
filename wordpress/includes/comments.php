<?php
/**
 * "Use Kabar for this site's comments": the theme's comments become the comment box, on
 * WordPress's own comments. Classic themes through `comments_template`, block themes by
 * rendering `core/comments` (and the older `core/post-comments`) as the box. Only on posts
 * whose comments are open or that have comments, as the theme would.
 *
 * Comments sent through the REST API (which the box uses) get what the theme's form gives:
 * guests may comment exactly when the Discussion settings let them, and the moderator and
 * post-author e-mails are sent (the REST controller inserts with `wp_insert_comment`, so
 * `comment_post`, which sends them, never fires). WordPress's own checks (flood, duplicates,
 * disallowed words) run in the REST controller itself, and Akismet checks REST comments too.
 *
 * @package Kabar
 */

defined( 'ABSPATH' ) || exit;

/** Whether the comment box stands in for the theme's comments on this post. */
function kabar_takes_comments( int $post_id ): bool {
	if ( 'kabar' !== kabar_settings()['comments'] || ! $post_id || ! post_type_supports( get_post_type( $post_id ), 'comments' ) ) {
		return false;
	}
	return comments_open( $post_id ) || get_comments_number( $post_id ) > 0;
}

/** The comment box for a post, as the theme's comments would sit. */
function kabar_comments_markup( int $post_id ): string {
	return '<section id="comments" class="kabar-comments">' . kabar_render( 'comment-box', array( 'thread' => (string) $post_id ) ) . '</section>';
}

add_filter(
	'comments_template',
	static function ( $template ) {
		return kabar_takes_comments( kabar_current_post_id() ) ? KABAR_DIR . 'templates/comments.php' : $template;
	}
);

add_filter(
	'pre_render_block',
	static function ( $pre_render, $parsed_block, $parent_block = null ) {
		if ( null !== $pre_render || ! in_array( $parsed_block['blockName'] ?? '', array( 'core/comments', 'core/post-comments' ), true ) ) {
			return $pre_render;
		}
		$post_id = $parent_block instanceof WP_Block && isset( $parent_block->context['postId'] ) ? (int) $parent_block->context['postId'] : kabar_current_post_id();
		return kabar_takes_comments( $post_id ) ? kabar_comments_markup( $post_id ) : $pre_render;
	},
	10,
	3
);

add_filter(
	'rest_allow_anonymous_comments',
	static function () {
		// Guests may comment exactly when the Discussion settings let them ("Users must be registered and logged in" unticked).
		return ! get_option( 'comment_registration' );
	}
);

add_action(
	'rest_insert_comment',
	static function ( $comment, $request, $creating ) {
		if ( ! $creating || ! $comment instanceof WP_Comment ) {
			return;
		}
		// What `comment_post` does for the theme's form; each sends only when its setting and the comment's status call for it.
		wp_new_comment_notify_moderator( (int) $comment->comment_ID );
		wp_new_comment_notify_postauthor( (int) $comment->comment_ID );
	},
	10,
	3
);
