/** The ordinary long comment of the comment benchmark: read by the page, and by the bench, which renders it with the server's renderer. */
import { LIMITS } from '../../src/core/rules/rules.js';

export const ORDINARY = 'Terima kasih atas **kabarnya**. Kami di RW 05 juga memulai _bank sampah_ bulan lalu, lihat [catatan kami](https://contoh.id/catatan).\n\n'
  .repeat(40)
  .slice(0, LIMITS.commentMaxChars);
