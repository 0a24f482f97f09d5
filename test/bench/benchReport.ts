/** One benchmark figure: printed as a JSON line by `npm run bench`. */
export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  /** Where two things are compared: this figure over the baseline. */
  ratio?: number;
  /** What we aim for, in words (`">= 0.6"`, `"< 10 s"`). */
  target?: string;
}

/** Prints one figure. Benchmarks never fail a build; people read the figures. */
export function report(figure: BenchFigure): void {
  process.stdout.write(JSON.stringify(figure) + '\n');
}
