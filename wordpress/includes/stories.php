<?php
/**
 * Stories into WordPress: `POST /wp-json/kabar/v1/stories` takes the story form's send (the
 * Kabar API's `POST /stories`: the same fields, answers and error codes) and files a pending
 * post by the user the settings name, with the writer's details as post meta (shown to editors
 * in a box beside the post) and the photo as a media attachment, its metadata stripped. The
 * rules are the widgets' own: name, e-mail, a title, at least two paragraphs, a link when it
 * was published elsewhere, consent; a filled honeypot or a send within a second of the form
 * showing (only a bot's) is dropped silently, and one faster than a person usually writes (or
 * with no timing) is filed marked for the editors; each address may file a few stories an hour; a repeated send under
 * one `Idempotency-Key` gets the first answer again and makes no second post.
 *
 * The route exists only while a story author is set, so the widgets (which look for the
 * `kabar/v1` namespace in the REST index) can tell readers that a site takes no stories.
 * The plain fallback form (no script) posts to admin-post.php and goes through the same code.
 *
 * @package Kabar
 */

defined( 'ABSPATH' ) || exit;

/** The widgets' limits (src/core/rules/rules.ts). */
const KABAR_LIMITS = array(
	'name_max'       => 100,
	'email_max'      => 254,
	'community_max'  => 120,
	'title_min'      => 5,
	'title_max'      => 200,
	'story_max'      => 30000,
	'url_max'        => 2000,
	'alt_max'        => 300,
	'category_max'   => 80,
	'photo_max'      => 5242880,
	'min_paragraphs' => 2,
	'min_fill_ms'    => 3000,
	'instant_ms'     => 1000,
);

/** The user stories are filed under, or 0 when the site takes none. */
function kabar_story_author(): int {
	$id   = kabar_settings()['story_author'];
	$user = $id ? get_userdata( $id ) : false;
	return $user && user_can( $user, 'edit_posts' ) ? (int) $id : 0;
}

/** A field's length in characters, as the widgets count them. */
function kabar_length( string $value ): int {
	return function_exists( 'mb_strlen' ) ? mb_strlen( $value, 'UTF-8' ) : strlen( utf8_decode( $value ) ); // phpcs:ignore PHPCompatibility.FunctionUse.RemovedFunctions.utf8_decodeDeprecated
}

/** A text field's code: `required`, `invalid_text`, `too_long`, `too_short`, or null when it passes. */
function kabar_check_text( string $value, int $max, bool $required, int $min = 0 ): ?string {
	if ( '' === $value ) {
		return $required ? 'required' : null;
	}
	if ( ! wp_check_invalid_utf8( $value ) ) {
		return 'invalid_text';
	}
	$length = kabar_length( $value );
	if ( $length > $max ) {
		return 'too_long';
	}
	return $length < $min ? 'too_short' : null;
}

/** Blocks of text separated by blank lines that hold a letter or a digit. */
function kabar_count_paragraphs( string $text ): int {
	$blocks = preg_split( '/\n[ \t]*\n/', str_replace( array( "\r\n", "\r" ), "\n", $text ) );
	return count( array_filter( $blocks, static fn( $block ) => (bool) preg_match( '/[\p{L}\p{N}]/u', $block ) ) );
}

/**
 * The story's field errors by the widgets' codes (wire names), empty when it may be filed.
 *
 * @param array      $story The fields, trimmed.
 * @param array|null $photo `{type, size}` of the photo, when one came.
 */
function kabar_validate_story( array $story, ?array $photo ): array {
	$l      = KABAR_LIMITS;
	$errors = array();
	$email  = $story['email'];
	$checks = array(
		'name'      => kabar_check_text( $story['name'], $l['name_max'], true ),
		'email'     => kabar_check_text( $email, $l['email_max'], true ) ?? ( preg_match( '/^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/', $email ) ? null : 'invalid_email' ),
		'community' => kabar_check_text( $story['community'], $l['community_max'], false ),
		'title'     => kabar_check_text( $story['title'], $l['title_max'], true, $l['title_min'] ),
		'body'      => kabar_check_text( $story['body'], $l['story_max'], true ) ?? ( kabar_count_paragraphs( $story['body'] ) < $l['min_paragraphs'] ? 'too_few_paragraphs' : null ),
		'category'  => kabar_check_text( $story['category'], $l['category_max'], false ),
	);
	if ( '' !== $story['original_url'] ) {
		$scheme                 = wp_parse_url( $story['original_url'], PHP_URL_SCHEME );
		$checks['original_url'] = strlen( $story['original_url'] ) <= $l['url_max'] && in_array( $scheme, array( 'http', 'https' ), true ) && wp_parse_url( $story['original_url'], PHP_URL_HOST ) ? null : 'invalid_url';
	}
	if ( $photo ) {
		if ( ! $photo['type'] ) {
			$checks['photo'] = 'photo_type';
		} elseif ( $photo['size'] > $l['photo_max'] ) {
			$checks['photo'] = 'photo_too_large';
		}
		$checks['photo_alt'] = '' === $story['photo_alt'] ? 'alt_required' : ( kabar_length( $story['photo_alt'] ) > $l['alt_max'] ? 'too_long' : null );
	}
	if ( ! in_array( $story['consent'], array( true, 'true', '1', 1, 'on' ), true ) ) {
		$checks['consent'] = 'consent_required';
	}
	foreach ( $checks as $field => $code ) {
		if ( $code ) {
			$errors[ $field ] = $code;
		}
	}
	return $errors;
}

/** The address a send came from, for the per-client limit. */
function kabar_client_address(): string {
	$address = isset( $_SERVER['REMOTE_ADDR'] ) ? sanitize_text_field( wp_unslash( $_SERVER['REMOTE_ADDR'] ) ) : '';
	/** Filters the address a story is counted against (behind a proxy, the reader's own). */
	return (string) apply_filters( 'kabar_client_address', $address );
}

/** The story's text as paragraph blocks: the writer's words escaped, line breaks kept. */
function kabar_story_content( string $body ): string {
	$blocks = array_filter( array_map( 'trim', preg_split( '/\n[ \t]*\n/', str_replace( array( "\r\n", "\r" ), "\n", $body ) ) ) );
	$html   = array();
	foreach ( $blocks as $block ) {
		$html[] = "<!-- wp:paragraph -->\n<p>" . nl2br( esc_html( $block ), false ) . "</p>\n<!-- /wp:paragraph -->";
	}
	return implode( "\n\n", $html );
}

/**
 * Takes one story: the one code path of the REST route and the plain form.
 *
 * @param array      $params The fields as sent (wire names).
 * @param array|null $file   The uploaded photo (`tmp_name`, `name`, `size`), if any.
 * @param string     $key    The Idempotency-Key, or '' for none.
 * @return array `[status, body]`; the body is the receipt or `{error: {code, message, fields?}}`.
 */
function kabar_take_story( array $params, ?array $file, string $key ): array {
	$record = '' !== $key ? 'kabar_send_' . md5( $key ) : '';
	if ( $record ) {
		$known = get_option( $record );
		if ( is_array( $known ) ) {
			return array( $known['status'], $known['body'] );
		}
		if ( false !== $known || ! add_option( $record, 'in-flight', '', 'no' ) ) {
			return array( 409, kabar_error( 'in_progress', __( 'This story is still being received.', 'kabar' ) ) );
		}
	}
	$answer = kabar_file_story( $params, $file );
	if ( $record ) {
		// A refusal is not kept: the corrected story comes under a new key, and a 5xx may be retried.
		if ( $answer[0] >= 200 && $answer[0] < 300 ) {
			update_option( $record, array( 'status' => $answer[0], 'body' => $answer[1], 'time' => time() ), 'no' );
		} else {
			delete_option( $record );
		}
	}
	return $answer;
}

/** `{error: {code, message, fields?}}`, the Kabar API's error shape. */
function kabar_error( string $code, string $message, array $fields = array() ): array {
	return array( 'error' => array_merge( array( 'code' => $code, 'message' => $message ), $fields ? array( 'fields' => $fields ) : array() ) );
}

/** Validates and files a story (see kabar_take_story). */
function kabar_file_story( array $params, ?array $file ): array {
	$author = kabar_story_author();
	if ( ! $author ) {
		return array( 503, kabar_error( 'stories_off', __( 'This site takes no stories.', 'kabar' ) ) );
	}
	$text  = static fn( $name ) => isset( $params[ $name ] ) && is_scalar( $params[ $name ] ) ? trim( (string) $params[ $name ] ) : '';
	$story = array(
		'name'         => $text( 'name' ),
		'email'        => $text( 'email' ),
		'community'    => $text( 'community' ),
		'title'        => $text( 'title' ),
		'body'         => $text( 'body' ),
		'category'     => $text( 'category' ),
		'original_url' => $text( 'original_url' ),
		'photo_alt'    => $text( 'photo_alt' ),
		'consent'      => $params['consent'] ?? false,
	);
	$photo = null;
	// `$file` comes from PHP's own `$_FILES` (never from the request's fields), so its path is PHP's upload.
	if ( $file && ! empty( $file['tmp_name'] ) && UPLOAD_ERR_OK === (int) ( $file['error'] ?? UPLOAD_ERR_OK ) && is_file( $file['tmp_name'] ) ) {
		$head  = (string) file_get_contents( $file['tmp_name'], false, null, 0, 16 ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents
		$photo = array(
			'type' => kabar_sniff_image_type( $head ),
			'size' => (int) filesize( $file['tmp_name'] ),
		);
	}
	$errors = kabar_validate_story( $story, $photo );
	if ( $errors ) {
		return array( 422, kabar_error( 'validation_failed', __( 'Some fields need another look.', 'kabar' ), $errors ) );
	}

	// Only a bot fills the honeypot or sends within a second: dropped, with the answer a person would get.
	// Faster than a person usually writes, or no timing at all, may still be a person's: filed, marked.
	$elapsed = $params['elapsed_ms'] ?? null;
	$elapsed = is_numeric( $elapsed ) ? (float) $elapsed : -1;
	if ( '' !== $text( 'website' ) || ( $elapsed >= 0 && $elapsed < KABAR_LIMITS['instant_ms'] ) ) {
		return array( 201, kabar_receipt( 'dropped-' . wp_generate_password( 12, false ) ) );
	}
	$flag = $elapsed < 0 ? 'no_timing' : ( $elapsed < KABAR_LIMITS['min_fill_ms'] ? 'too_fast' : '' );

	$limit   = (int) apply_filters( 'kabar_stories_per_hour', 5 );
	$counter = 'kabar_rate_' . md5( kabar_client_address() );
	$sent    = (int) get_transient( $counter );
	if ( $limit > 0 && $sent >= $limit ) {
		return array( 429, kabar_error( 'rate_limited', __( 'Too many stories from this address; please try again later.', 'kabar' ) ) );
	}
	set_transient( $counter, $sent + 1, HOUR_IN_SECONDS );

	$post = array(
		'post_type'    => 'post',
		'post_status'  => 'pending',
		'post_author'  => $author,
		'post_title'   => $story['title'],
		'post_content' => kabar_story_content( $story['body'] ),
	);
	if ( '' !== $story['category'] ) {
		$term = ctype_digit( $story['category'] ) ? get_term( (int) $story['category'], 'category' ) : get_term_by( 'slug', $story['category'], 'category' );
		if ( $term && ! is_wp_error( $term ) ) {
			$post['post_category'] = array( (int) $term->term_id );
		}
	}
	$post_id = wp_insert_post( wp_slash( $post ), true );
	if ( is_wp_error( $post_id ) ) {
		return array( 500, kabar_error( 'not_saved', __( 'The story could not be saved; please try again.', 'kabar' ) ) );
	}
	foreach ( array(
		'_kabar_writer_name'  => $story['name'],
		'_kabar_writer_email' => $story['email'],
		'_kabar_community'    => $story['community'],
		'_kabar_original_url' => $story['original_url'],
		'_kabar_flag'         => $flag,
	) as $meta => $value ) {
		if ( '' !== $value ) {
			update_post_meta( $post_id, $meta, wp_slash( $value ) );
		}
	}
	if ( $photo ) {
		kabar_attach_photo( $post_id, $file, $photo['type'], $story['photo_alt'] );
	}
	return array( 201, kabar_receipt( (string) $post_id ) );
}

/** `{id, status: "pending", received_at}`. */
function kabar_receipt( string $id ): array {
	return array(
		'id'          => $id,
		'status'      => 'pending',
		'received_at' => gmdate( 'c' ),
	);
}

/** The photo, without its metadata, as the post's featured image with its alt text. */
function kabar_attach_photo( int $post_id, array $file, string $type, string $alt ): void {
	require_once ABSPATH . 'wp-admin/includes/file.php';
	require_once ABSPATH . 'wp-admin/includes/media.php';
	require_once ABSPATH . 'wp-admin/includes/image.php';
	$extensions = array(
		'image/jpeg' => 'jpg',
		'image/png'  => 'png',
		'image/gif'  => 'gif',
		'image/webp' => 'webp',
	);
	$copy = wp_tempnam( 'kabar-photo' );
	if ( ! $copy || ! copy( $file['tmp_name'], $copy ) || ! kabar_strip_image_metadata( $copy, $type ) ) {
		return;
	}
	$name          = sanitize_file_name( pathinfo( (string) ( $file['name'] ?? 'photo' ), PATHINFO_FILENAME ) ?: 'photo' ) . '.' . $extensions[ $type ];
	$attachment_id = media_handle_sideload( array( 'name' => $name, 'tmp_name' => $copy ), $post_id );
	if ( is_wp_error( $attachment_id ) ) {
		wp_delete_file( $copy );
		return;
	}
	update_post_meta( $attachment_id, '_wp_attachment_image_alt', wp_slash( $alt ) );
	set_post_thumbnail( $post_id, $attachment_id );
}

add_action(
	'rest_api_init',
	static function () {
		if ( ! kabar_story_author() ) {
			return;
		}
		register_rest_route(
			'kabar/v1',
			'/stories',
			array(
				'methods'             => 'POST',
				'permission_callback' => '__return_true',
				'callback'            => static function ( WP_REST_Request $request ) {
					$files = $request->get_file_params();
					$key   = (string) $request->get_header( 'idempotency_key' );
					[ $status, $body ] = kabar_take_story( $request->get_params(), $files['photo'] ?? null, substr( $key, 0, 200 ) );
					$response = new WP_REST_Response( $body, $status );
					if ( 429 === $status ) {
						$response->header( 'Retry-After', (string) HOUR_IN_SECONDS );
					}
					return $response;
				},
			)
		);
	}
);

// The widgets send an Idempotency-Key, which core's CORS preflight does not allow by itself.
add_filter(
	'rest_allowed_cors_headers',
	static function ( $headers ) {
		return array_merge( (array) $headers, array( 'Idempotency-Key' ) );
	}
);

/** A signed time, so the plain form's fill time can be measured without trusting the reader's clock. */
function kabar_started_token(): string {
	$now = (string) time();
	return $now . '.' . hash_hmac( 'sha256', $now, wp_salt( 'nonce' ) );
}

/** The plain story form (no script) posts here and goes through the REST route's code. */
function kabar_plain_story(): void {
	// phpcs:disable WordPress.Security.NonceVerification.Missing -- an anonymous public form; the honeypot, fill time and per-address limit guard it.
	$params            = wp_unslash( $_POST );
	$token             = explode( '.', (string) ( $params['kabar_started'] ?? '' ) );
	$valid             = 2 === count( $token ) && hash_equals( hash_hmac( 'sha256', $token[0], wp_salt( 'nonce' ) ), $token[1] );
	$params['elapsed_ms'] = $valid ? ( time() - (int) $token[0] ) * 1000 : -1;
	$file              = isset( $_FILES['photo'] ) && ! empty( $_FILES['photo']['tmp_name'] ) ? $_FILES['photo'] : null; // phpcs:ignore WordPress.Security.ValidatedSanitizedInput
	[ $status, $body ] = kabar_file_story( $params, $file );
	// phpcs:enable
	if ( $status >= 300 ) {
		$messages = array(
			'required'           => __( 'This field is required.', 'kabar' ),
			'too_few_paragraphs' => __( 'Write at least 2 paragraphs, separated by a blank line.', 'kabar' ),
			'invalid_email'      => __( 'Enter a valid e-mail address.', 'kabar' ),
			'invalid_url'        => __( 'Enter a link that starts with http:// or https://.', 'kabar' ),
			'consent_required'   => __( 'Please agree so the editors may publish your story.', 'kabar' ),
		);
		$list = '';
		foreach ( $body['error']['fields'] ?? array() as $field => $code ) {
			$list .= '<li>' . esc_html( $field . ': ' . ( $messages[ $code ] ?? $code ) ) . '</li>';
		}
		wp_die( '<p>' . esc_html( $body['error']['message'] ) . '</p><ul>' . $list . '</ul>', esc_html__( 'Story not sent', 'kabar' ), array( 'response' => $status, 'back_link' => true ) ); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped
	}
	$back = wp_validate_redirect( (string) ( $params['kabar_return'] ?? '' ), home_url( '/' ) );
	wp_safe_redirect( add_query_arg( 'kabar_story', 'received', $back ) );
	exit;
}
add_action( 'admin_post_nopriv_kabar_story', 'kabar_plain_story' );
add_action( 'admin_post_kabar_story', 'kabar_plain_story' );

// Editors see who wrote the story, from where, and where else it appeared.
add_action(
	'add_meta_boxes_post',
	static function ( $post ) {
		if ( ! get_post_meta( $post->ID, '_kabar_writer_email', true ) ) {
			return;
		}
		add_meta_box(
			'kabar-story',
			__( 'Sent through Kabar', 'kabar' ),
			static function ( $post ) {
				$rows = array(
					__( 'Writer', 'kabar' )        => esc_html( get_post_meta( $post->ID, '_kabar_writer_name', true ) ),
					__( 'E-mail', 'kabar' )        => esc_html( get_post_meta( $post->ID, '_kabar_writer_email', true ) ),
					__( 'Community', 'kabar' )     => esc_html( get_post_meta( $post->ID, '_kabar_community', true ) ),
					__( 'Original link', 'kabar' ) => ( static fn( $url ) => $url ? '<a href="' . esc_url( $url ) . '" rel="noopener">' . esc_html( $url ) . '</a>' : '' )( get_post_meta( $post->ID, '_kabar_original_url', true ) ),
					__( 'Note', 'kabar' )          => get_post_meta( $post->ID, '_kabar_flag', true ) ? esc_html__( 'Sent faster than a person usually writes: check it is not spam.', 'kabar' ) : '',
				);
				echo '<dl>';
				foreach ( $rows as $label => $value ) {
					if ( '' !== $value ) {
						echo '<dt>' . esc_html( $label ) . '</dt><dd>' . $value . '</dd>'; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- escaped above.
					}
				}
				echo '</dl>';
			},
			'post',
			'side'
		);
	}
);
