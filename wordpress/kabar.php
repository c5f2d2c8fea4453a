<?php
/**
 * Plugin Name:       Kabar
 * Plugin URI:        https://github.com/kabar-news/kabar
 * Description:       Community news on your own WordPress: a feed of article cards, a "send your story" form that files pending posts, and a comment box on WordPress's own comments.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      7.4
 * Author:            Kabar
 * License:           MIT
 * License URI:       https://opensource.org/licenses/MIT
 * Text Domain:       kabar
 * Domain Path:       /languages
 *
 * @package Kabar
 */

defined( 'ABSPATH' ) || exit;

define( 'KABAR_VERSION', '0.1.0' );
define( 'KABAR_FILE', __FILE__ );
define( 'KABAR_DIR', plugin_dir_path( __FILE__ ) );

require_once KABAR_DIR . 'includes/settings.php';
require_once KABAR_DIR . 'includes/render.php';
require_once KABAR_DIR . 'includes/blocks.php';
require_once KABAR_DIR . 'includes/comments.php';
require_once KABAR_DIR . 'includes/photo.php';
require_once KABAR_DIR . 'includes/stories.php';

add_action(
	'init',
	static function () {
		load_plugin_textdomain( 'kabar', false, dirname( plugin_basename( KABAR_FILE ) ) . '/languages' );
	},
	1
);

register_activation_hook( __FILE__, 'kabar_activate' );
