/**
 * Photos made in the test itself: a phone-sized JPEG with enough detail that
 * it does not compress to nothing, and a text file wearing a .jpg name.
 */
export async function makePhoto(width = 4000, height = 3000, type = 'image/jpeg', name = 'pantai.jpg'): Promise<File> {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d')!;
  const gradient = context.createLinearGradient(0, 0, width, height);
  gradient.addColorStop(0, '#1d5fd1');
  gradient.addColorStop(1, '#f2c14e');
  context.fillStyle = gradient;
  context.fillRect(0, 0, width, height);
  // Deterministic "texture": many small shapes, like leaves and waves in a real photo.
  let seed = 7;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  for (let i = 0; i < 6000; i++) {
    context.fillStyle = `hsl(${Math.floor(random() * 360)} 60% ${30 + Math.floor(random() * 40)}%)`;
    context.fillRect(random() * width, random() * height, 4 + random() * 60, 4 + random() * 60);
  }
  const blob = await canvas.convertToBlob({ type, quality: 0.92 });
  return new File([blob], name, { type });
}

export function textFileNamedJpg(): File {
  return new File(['Ini bukan foto, hanya teks biasa.\n'], 'foto.jpg', { type: 'image/jpeg' });
}

/** Width and height of an image file, decoded by the browser. */
export async function dimensions(blob: Blob): Promise<{ width: number; height: number }> {
  const bitmap = await createImageBitmap(blob);
  const size = { width: bitmap.width, height: bitmap.height };
  bitmap.close();
  return size;
}
