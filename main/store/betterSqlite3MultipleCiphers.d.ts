// Types for 'better-sqlite3-multiple-ciphers'. The package ships index.d.ts but its package.json
// "exports" has no "types" condition, so TypeScript's NodeNext resolution cannot see it (TS7016).
// This ambient module is that file's declarations (DefinitelyTyped's better-sqlite3 types, MIT,
// by Ben Davies, Mathew Rumsey, Santiago Aguilar, Alessandro Vergani, Andrew Kaiser, Mark Stewart,
// Florian Stamer, Mahesh Bandara Wijerathna), with `any` and `{}` replaced to satisfy our lint.
// Delete this file when the package's exports map gains "types".

declare module 'better-sqlite3-multiple-ciphers' {
  type VariableArgFunction = (...params: never[]) => unknown;
  type ArgumentTypes<F extends VariableArgFunction> = F extends (...args: infer A) => unknown ? A : never;

  namespace BetterSqlite3MultipleCiphers {
    interface Statement<BindParameters extends unknown[], Result = unknown> {
      database: Database;
      source: string;
      reader: boolean;
      readonly: boolean;
      busy: boolean;

      run(...params: BindParameters): Database.RunResult;
      get(...params: BindParameters): Result | undefined;
      all(...params: BindParameters): Result[];
      iterate(...params: BindParameters): IterableIterator<Result>;
      pluck(toggleState?: boolean): this;
      expand(toggleState?: boolean): this;
      raw(toggleState?: boolean): this;
      bind(...params: BindParameters): this;
      columns(): ColumnDefinition[];
      safeIntegers(toggleState?: boolean): this;
    }

    interface ColumnDefinition {
      name: string;
      column: string | null;
      table: string | null;
      database: string | null;
      type: string | null;
    }

    interface Transaction<F extends VariableArgFunction> {
      (...params: ArgumentTypes<F>): ReturnType<F>;
      default(...params: ArgumentTypes<F>): ReturnType<F>;
      deferred(...params: ArgumentTypes<F>): ReturnType<F>;
      immediate(...params: ArgumentTypes<F>): ReturnType<F>;
      exclusive(...params: ArgumentTypes<F>): ReturnType<F>;
    }

    interface Database {
      memory: boolean;
      readonly: boolean;
      name: string;
      open: boolean;
      inTransaction: boolean;

      prepare<BindParameters extends unknown[] | object = unknown[], Result = unknown>(
        source: string,
      ): BindParameters extends unknown[] ? Statement<BindParameters, Result> : Statement<[BindParameters], Result>;
      transaction<F extends VariableArgFunction>(fn: F): Transaction<F>;
      exec(source: string): this;
      key(key: Buffer): number;
      rekey(key: Buffer): number;
      pragma(source: string, options?: Database.PragmaOptions): unknown;
      close(): this;
      defaultSafeIntegers(toggleState?: boolean): this;
      backup(destinationFile: string, options?: Database.BackupOptions): Promise<Database.BackupMetadata>;
      unsafeMode(unsafe?: boolean): this;
      serialize(options?: Database.SerializeOptions): Buffer;
    }

    interface DatabaseConstructor {
      new (filename?: string | Buffer, options?: Database.Options): Database;
      (filename?: string, options?: Database.Options): Database;
      prototype: Database;
      SqliteError: SqliteErrorType;
    }
  }

  interface SqliteErrorType {
    new (message: string, code: string): Error & { code: string };
  }

  namespace Database {
    interface RunResult {
      changes: number;
      lastInsertRowid: number | bigint;
    }

    interface Options {
      readonly?: boolean | undefined;
      fileMustExist?: boolean | undefined;
      timeout?: number | undefined;
      verbose?: ((message?: unknown, ...additionalArgs: unknown[]) => void) | undefined;
      nativeBinding?: string | undefined;
    }

    interface SerializeOptions {
      attached?: string;
    }

    interface PragmaOptions {
      simple?: boolean | undefined;
    }

    interface BackupMetadata {
      totalPages: number;
      remainingPages: number;
    }
    interface BackupOptions {
      progress: (info: BackupMetadata) => number;
    }

    type SqliteError = SqliteErrorType;
    type Statement<BindParameters extends unknown[] | object = unknown[], Result = unknown> = BindParameters extends unknown[]
      ? BetterSqlite3MultipleCiphers.Statement<BindParameters, Result>
      : BetterSqlite3MultipleCiphers.Statement<[BindParameters], Result>;
    type Transaction<T extends VariableArgFunction = VariableArgFunction> = BetterSqlite3MultipleCiphers.Transaction<T>;
    type Database = BetterSqlite3MultipleCiphers.Database;
  }

  const Database: BetterSqlite3MultipleCiphers.DatabaseConstructor;
  export = Database;
}
