/** One figure of a benchmark run. */
export interface BenchFigure {
  readonly label: string;
  readonly value: number;
  readonly unit: string;
}

/** A same-run comparison: ours against a baseline, with the target ratio. */
export interface BenchRatio {
  readonly label: string;
  readonly value: number;
  /** The ratio an issue asks for (`value >= target` passes); absent where no issue sets one. */
  readonly target?: number;
}

export interface BenchResult {
  readonly name: string;
  readonly figures: readonly BenchFigure[];
  readonly ratios: readonly BenchRatio[];
}

/** What each `scripts/bench/<name>.ts` exports. */
export interface Benchmark {
  readonly name: string;
  readonly description: string;
  run(): Promise<BenchResult>;
}
