<?php
/**
 * Test-only must-use plugin for the WordPress end-to-end tests; never part of the Kabar plugin.
 *
 * - Seeds the site once: locale id_ID, pretty permalinks, an author and an editor, three posts.
 * - Captures every e-mail (`pre_wp_mail`) as a JSON line in wp-content/kabar-test/mail.jsonl,
 *   since WordPress Playground has no mail transport.
 * - Lets the Node side call the REST API as a seeded user with the `X-Kabar-Test-User` header
 *   (the browser side signs in through wp-login.php like a person).
 * - `?kabar_test_theme=twentytwentyone` shows a page in the classic theme.
 */

const KABAR_TEST_DIR = WP_CONTENT_DIR . '/kabar-test';

add_filter(
	'pre_wp_mail',
	static function ( $sent, $atts ) {
		if ( ! is_dir( KABAR_TEST_DIR ) ) {
			mkdir( KABAR_TEST_DIR, 0777, true );
		}
		file_put_contents( KABAR_TEST_DIR . '/mail.jsonl', wp_json_encode( array( 'to' => $atts['to'], 'subject' => $atts['subject'], 'message' => $atts['message'] ) ) . "\n", FILE_APPEND );
		return true;
	},
	10,
	2
);

add_filter(
	'determine_current_user',
	static function ( $user_id ) {
		$login = isset( $_SERVER['HTTP_X_KABAR_TEST_USER'] ) ? sanitize_user( wp_unslash( $_SERVER['HTTP_X_KABAR_TEST_USER'] ) ) : '';
		if ( '' === $login ) {
			return $user_id;
		}
		$user = get_user_by( 'login', $login );
		return $user ? $user->ID : $user_id;
	},
	30
);

foreach ( array( 'stylesheet', 'template' ) as $kabar_test_filter ) {
	add_filter(
		$kabar_test_filter,
		static function ( $theme ) {
			return isset( $_GET['kabar_test_theme'] ) ? sanitize_key( wp_unslash( $_GET['kabar_test_theme'] ) ) : $theme;
		}
	);
}

add_action(
	'init',
	static function () {
		if ( get_option( 'kabar_test_seeded' ) ) {
			return;
		}
		update_option( 'kabar_test_seeded', 1 );
		update_option( 'WPLANG', 'id_ID' );
		update_option( 'blogname', 'Warta Warga' );
		update_option( 'admin_email', 'redaksi@warta.example' );
		update_option( 'timezone_string', 'Asia/Jakarta' );
		update_option( 'permalink_structure', '/%postname%/' );
		flush_rewrite_rules( false );
		foreach ( array( 'penulis' => 'author', 'redaktur' => 'editor' ) as $login => $role ) {
			wp_insert_user(
				array(
					'user_login'   => $login,
					'user_pass'    => $login . '-sandi',
					'user_email'   => $login . '@warta.example',
					'display_name' => 'penulis' === $login ? 'Rina Marlina' : 'Agus Setiawan',
					'role'         => $role,
				)
			);
		}
		$titles = array( 'Warga Desa Sukamaju menanam mangrove', 'Posyandu keliling sampai ke dusun', 'Perpustakaan kampung buka malam hari' );
		foreach ( $titles as $i => $title ) {
			wp_insert_post(
				array(
					'post_title'   => $title,
					'post_content' => "<!-- wp:paragraph -->\n<p>Paragraf pertama tentang {$title}.</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:paragraph -->\n<p>Paragraf kedua.</p>\n<!-- /wp:paragraph -->",
					'post_status'  => 'publish',
					'post_author'  => 1,
					'post_date'    => gmdate( 'Y-m-d H:i:s', time() - ( 3 - $i ) * HOUR_IN_SECONDS ),
				)
			);
		}
	},
	0
);
