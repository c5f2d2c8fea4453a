<?php
/**
 * Removes what the plugin keeps of its own: its settings and its short-lived send records.
 * Stories already filed stay, as posts of the site.
 *
 * @package Kabar
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

delete_option( 'kabar_settings' );

global $wpdb;
// Idempotency records and rate-limit counters are options and transients under the plugin's prefix.
$wpdb->query( "DELETE FROM {$wpdb->options} WHERE option_name LIKE '\\_transient\\_kabar\\_%' OR option_name LIKE '\\_transient\\_timeout\\_kabar\\_%' OR option_name LIKE 'kabar\\_send\\_%'" );
