<?php
/**
 * Settings › Kabar: one option, `kabar_settings`, an array that `wp option` and scripts can set.
 *
 * - `server`: the default Kabar server (its API root); empty for this WordPress site.
 * - `comments`: `theme` (the theme's own comments, the default) or `kabar` (the comment box).
 * - `story_author`: the user id stories are filed under.
 *
 * @package Kabar
 */

defined( 'ABSPATH' ) || exit;

/** The settings with their defaults filled in. */
function kabar_settings(): array {
	$saved = get_option( 'kabar_settings', array() );
	$saved = is_array( $saved ) ? $saved : array();
	return array(
		'server'       => isset( $saved['server'] ) ? (string) $saved['server'] : '',
		'comments'     => isset( $saved['comments'] ) && 'kabar' === $saved['comments'] ? 'kabar' : 'theme',
		'story_author' => isset( $saved['story_author'] ) ? absint( $saved['story_author'] ) : 0,
	);
}

/** What the settings form sends, made safe to store. */
function kabar_sanitize_settings( $input ): array {
	$input  = is_array( $input ) ? $input : array();
	$server = isset( $input['server'] ) ? esc_url_raw( trim( (string) $input['server'] ), array( 'http', 'https' ) ) : '';
	$author = isset( $input['story_author'] ) ? absint( $input['story_author'] ) : 0;
	return array(
		'server'       => untrailingslashit( $server ),
		'comments'     => isset( $input['comments'] ) && 'kabar' === $input['comments'] ? 'kabar' : 'theme',
		'story_author' => $author && get_userdata( $author ) ? $author : 0,
	);
}

/** On activation: stories go to the user who turned the plugin on, until the admin picks another. */
function kabar_activate(): void {
	if ( false === get_option( 'kabar_settings' ) ) {
		add_option(
			'kabar_settings',
			array(
				'server'       => '',
				'comments'     => 'theme',
				'story_author' => get_current_user_id(),
			)
		);
	}
}

add_action(
	'admin_init',
	static function () {
		register_setting(
			'kabar',
			'kabar_settings',
			array(
				'type'              => 'object',
				'sanitize_callback' => 'kabar_sanitize_settings',
				'default'           => array(),
			)
		);
	}
);

add_action(
	'admin_menu',
	static function () {
		add_options_page( __( 'Kabar', 'kabar' ), __( 'Kabar', 'kabar' ), 'manage_options', 'kabar', 'kabar_settings_page' );
	}
);

/** The settings page. */
function kabar_settings_page(): void {
	if ( ! current_user_can( 'manage_options' ) ) {
		return;
	}
	$settings = kabar_settings();
	$authors  = get_users(
		array(
			'capability' => 'edit_posts',
			'fields'     => array( 'ID', 'display_name' ),
		)
	);
	?>
	<div class="wrap">
		<h1><?php esc_html_e( 'Kabar', 'kabar' ); ?></h1>
		<form method="post" action="options.php">
			<?php settings_fields( 'kabar' ); ?>
			<table class="form-table" role="presentation">
				<tr>
					<th scope="row"><label for="kabar-server"><?php esc_html_e( 'Kabar server', 'kabar' ); ?></label></th>
					<td>
						<input type="url" class="regular-text" id="kabar-server" name="kabar_settings[server]" value="<?php echo esc_attr( $settings['server'] ); ?>" placeholder="https://news.example.org/api/v1" />
						<p class="description"><?php esc_html_e( 'Leave empty to use this WordPress site: its posts, its comments, and stories filed as pending posts. Nothing is loaded from another site unless you set a server here.', 'kabar' ); ?></p>
					</td>
				</tr>
				<tr>
					<th scope="row"><?php esc_html_e( 'Comments', 'kabar' ); ?></th>
					<td>
						<label><input type="checkbox" name="kabar_settings[comments]" value="kabar" <?php checked( 'kabar', $settings['comments'] ); ?> /> <?php esc_html_e( 'Use Kabar for this site\'s comments', 'kabar' ); ?></label>
						<p class="description"><?php esc_html_e( 'Replaces the theme\'s comments with the Kabar comment box on posts whose comments are open or that have comments. Comments stay WordPress comments: Discussion settings, moderation e-mails and Akismet apply as before.', 'kabar' ); ?></p>
					</td>
				</tr>
				<tr>
					<th scope="row"><label for="kabar-story-author"><?php esc_html_e( 'File stories under', 'kabar' ); ?></label></th>
					<td>
						<select id="kabar-story-author" name="kabar_settings[story_author]">
							<option value="0"><?php esc_html_e( '— Do not take stories —', 'kabar' ); ?></option>
							<?php foreach ( $authors as $author ) : ?>
								<option value="<?php echo esc_attr( (string) $author->ID ); ?>" <?php selected( $settings['story_author'], (int) $author->ID ); ?>><?php echo esc_html( $author->display_name ); ?></option>
							<?php endforeach; ?>
						</select>
						<p class="description"><?php esc_html_e( 'Stories sent through the story form become pending posts by this user, for your editors to review.', 'kabar' ); ?></p>
					</td>
				</tr>
			</table>
			<?php submit_button(); ?>
		</form>
	</div>
	<?php
}
