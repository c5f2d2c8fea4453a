<?php
/**
 * A reader's photo loses its metadata (EXIF with the camera's GPS position, XMP, comments)
 * before WordPress stores it. With Imagick, `stripImage`; otherwise the metadata chunks are cut
 * out byte by byte, which keeps the picture itself exactly as sent (no re-encoding).
 *
 * @package Kabar
 */

defined( 'ABSPATH' ) || exit;

/** The photo's type by its first bytes, whatever its name or declared type says (the widgets' rule). */
function kabar_sniff_image_type( string $bytes ): string {
	if ( 0 === strncmp( $bytes, "\xFF\xD8\xFF", 3 ) ) {
		return 'image/jpeg';
	}
	if ( 0 === strncmp( $bytes, "\x89PNG\r\n\x1A\n", 8 ) ) {
		return 'image/png';
	}
	if ( 0 === strncmp( $bytes, 'GIF8', 4 ) ) {
		return 'image/gif';
	}
	if ( 0 === strncmp( $bytes, 'RIFF', 4 ) && 'WEBP' === substr( $bytes, 8, 4 ) ) {
		return 'image/webp';
	}
	return '';
}

/** Rewrites the file at `$path` without its metadata; false when it cannot be read as its type. */
function kabar_strip_image_metadata( string $path, string $type ): bool {
	if ( class_exists( 'Imagick' ) ) {
		try {
			$image = new Imagick( $path );
			$image->stripImage();
			return $image->writeImage( $path );
		} catch ( Exception $e ) { // phpcs:ignore Generic.CodeAnalysis.EmptyStatement.DetectedCatch -- the byte-level strip below is the fallback.
		}
	}
	$bytes = file_get_contents( $path ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents
	if ( false === $bytes ) {
		return false;
	}
	switch ( $type ) {
		case 'image/jpeg':
			$clean = kabar_strip_jpeg( $bytes );
			break;
		case 'image/png':
			$clean = kabar_strip_png( $bytes );
			break;
		case 'image/webp':
			$clean = kabar_strip_webp( $bytes );
			break;
		default:
			$clean = $bytes; // A GIF carries no EXIF or GPS.
	}
	return null !== $clean && false !== file_put_contents( $path, $clean ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_operations_file_put_contents
}

/** JPEG without its APP1–APP15 segments (EXIF, XMP, IPTC…) and comments; JFIF (APP0) stays. */
function kabar_strip_jpeg( string $bytes ): ?string {
	$out    = "\xFF\xD8";
	$at     = 2;
	$length = strlen( $bytes );
	while ( $at + 4 <= $length ) {
		if ( "\xFF" !== $bytes[ $at ] ) {
			return null;
		}
		$marker = ord( $bytes[ $at + 1 ] );
		if ( 0xFF === $marker ) { // Fill byte.
			++$at;
			continue;
		}
		if ( 0xDA === $marker ) { // Start of scan: the picture itself, to the end.
			return $out . substr( $bytes, $at );
		}
		$size = unpack( 'n', substr( $bytes, $at + 2, 2 ) )[1];
		if ( $size < 2 || $at + 2 + $size > $length ) {
			return null;
		}
		$drop = ( $marker >= 0xE1 && $marker <= 0xEF ) || 0xFE === $marker;
		if ( ! $drop ) {
			$out .= substr( $bytes, $at, 2 + $size );
		}
		$at += 2 + $size;
	}
	return null;
}

/** PNG without its text, time and EXIF chunks. */
function kabar_strip_png( string $bytes ): ?string {
	$out    = substr( $bytes, 0, 8 );
	$at     = 8;
	$length = strlen( $bytes );
	while ( $at + 12 <= $length ) {
		$size = unpack( 'N', substr( $bytes, $at, 4 ) )[1];
		$name = substr( $bytes, $at + 4, 4 );
		if ( $at + 12 + $size > $length ) {
			return null;
		}
		if ( ! in_array( $name, array( 'tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME' ), true ) ) {
			$out .= substr( $bytes, $at, 12 + $size );
		}
		$at += 12 + $size;
		if ( 'IEND' === $name ) {
			return $out;
		}
	}
	return null;
}

/** WebP without its EXIF and XMP chunks (and their flags in VP8X). */
function kabar_strip_webp( string $bytes ): ?string {
	$body   = '';
	$at     = 12;
	$length = strlen( $bytes );
	while ( $at + 8 <= $length ) {
		$name  = substr( $bytes, $at, 4 );
		$size  = unpack( 'V', substr( $bytes, $at + 4, 4 ) )[1];
		$chunk = substr( $bytes, $at, 8 + $size + ( $size & 1 ) );
		if ( 'VP8X' === $name && strlen( $chunk ) >= 9 ) {
			$chunk[8] = chr( ord( $chunk[8] ) & ~0x0C ); // The EXIF (0x08) and XMP (0x04) flags.
		}
		if ( 'EXIF' !== $name && 'XMP ' !== $name ) {
			$body .= $chunk;
		}
		$at += 8 + $size + ( $size & 1 );
	}
	return 'RIFF' . pack( 'V', 4 + strlen( $body ) ) . 'WEBP' . $body;
}
