import type { ReactiveControllerHost } from 'lit';
import { photoFileName, preparePhoto, type PreparedPhoto } from '../core/image.js';

/** What the rules see of a photo: its type by its bytes and its size after downscaling. */
export interface PhotoFacts {
  type: string;
  size: number;
}

/**
 * The photo of a story: the file the writer picked, checked by its bytes and
 * downscaled in the browser before anything is sent. A newer pick wins over a
 * check still running for an older one.
 */
export class PhotoController {
  /** The file as picked. */
  file?: File;
  /** Checked and ready to send. */
  prepared?: PreparedPhoto;
  /** Not a picture we can take (a text file named `.jpg`). */
  rejected = false;
  /** The check under way, if any; a send waits for it. */
  pending?: Promise<void>;

  constructor(private readonly host: ReactiveControllerHost) {}

  /** Takes a new pick (or none, to remove the photo) and starts checking it. */
  set(file: File | undefined): void {
    this.file = file;
    this.prepared = undefined;
    this.rejected = false;
    this.pending = undefined;
    this.host.requestUpdate();
    if (!file) return;
    const job: Promise<void> = preparePhoto(file).then(
      (prepared) => this.settle(job, prepared),
      () => this.settle(job, undefined),
    );
    this.pending = job;
  }

  /** For the rules: undefined without a photo; while still being checked, no verdict yet. */
  get facts(): PhotoFacts | undefined {
    if (!this.file) return undefined;
    if (this.prepared) return { type: this.prepared.type, size: this.prepared.blob.size };
    if (this.rejected) return { type: 'unknown', size: this.file.size };
    return { type: 'image/jpeg', size: 0 };
  }

  /** The file to send: the checked, downscaled bytes under a name that matches their type. */
  toSend(): File | undefined {
    const prepared = this.prepared;
    if (!prepared || !this.file) return undefined;
    return new File([prepared.blob], photoFileName(this.file.name, prepared.type), { type: prepared.type });
  }

  private settle(job: Promise<void>, prepared: PreparedPhoto | undefined): void {
    if (this.pending !== job) return;
    this.prepared = prepared;
    this.rejected = !prepared;
    this.pending = undefined;
    this.host.requestUpdate();
  }
}
