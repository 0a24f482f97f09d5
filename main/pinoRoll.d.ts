// Types for 'pino-roll', which ships none: the part of its documented API the kiosk uses
// (https://github.com/mcollina/pino-roll#api). It resolves to a sonic-boom stream.

declare module 'pino-roll' {
  import type { EventEmitter } from 'node:events';

  /** The sonic-boom stream pino-roll writes through. */
  export interface RollingFile extends EventEmitter {
    write(chunk: string): boolean;
    end(): void;
    flushSync(): void;
  }

  export interface RollingFileOptions {
    file: string | (() => string);
    size?: number | string;
    frequency?: number | string;
    extension?: string;
    limit?: { count?: number; removeOtherLogFiles?: boolean };
    mkdir?: boolean;
    symlink?: boolean;
    dateFormat?: string;
    sync?: boolean;
  }

  export default function build(options: RollingFileOptions): Promise<RollingFile>;
}
