/**
 * The PromQL syntax tree the evaluator walks, converted from the Lezer tree of
 * `@prometheus-io/lezer-promql` by parse.ts. Field names follow Prometheus's parser/ast.go.
 */

export type ValueType = 'scalar' | 'vector' | 'matrix' | 'string';

export type MatchOp = '=' | '!=' | '=~' | '!~';

export interface LabelMatcher {
  readonly name: string;
  readonly op: MatchOp;
  readonly value: string;
  /** Compiled, anchored as Prometheus anchors it (`^(?:re)$`), for `=~` and `!~`. */
  readonly re?: RegExp;
}

/** `@ <timestamp>` or `@ start()` / `@ end()`. */
export type AtModifier = { readonly ms: number } | 'start' | 'end';

export interface VectorSelector {
  readonly kind: 'vectorSelector';
  readonly matchers: readonly LabelMatcher[];
  readonly offsetMs: number;
  readonly at?: AtModifier;
}

export interface MatrixSelector {
  readonly kind: 'matrixSelector';
  readonly selector: VectorSelector;
  readonly rangeMs: number;
}

export interface NumberLiteral {
  readonly kind: 'number';
  readonly value: number;
}

export interface StringLiteral {
  readonly kind: 'string';
  readonly value: string;
}

export interface Call {
  readonly kind: 'call';
  readonly func: string;
  readonly args: readonly Expr[];
}

export type AggregateOp =
  | 'sum'
  | 'avg'
  | 'min'
  | 'max'
  | 'count'
  | 'group'
  | 'stddev'
  | 'stdvar'
  | 'topk'
  | 'bottomk'
  | 'quantile'
  | 'count_values';

export interface Aggregate {
  readonly kind: 'aggregate';
  readonly op: AggregateOp;
  readonly param?: Expr;
  readonly expr: Expr;
  readonly grouping: readonly string[];
  readonly without: boolean;
}

export type ArithmeticOp = '+' | '-' | '*' | '/' | '%' | '^';
export type ComparisonOp = '==' | '!=' | '>' | '<' | '>=' | '<=';
export type SetOp = 'and' | 'or' | 'unless';
export type BinaryOp = ArithmeticOp | ComparisonOp | SetOp;

/** Prometheus's VectorMatchCardinality. */
export type Cardinality = 'one-to-one' | 'many-to-one' | 'one-to-many' | 'many-to-many';

export interface VectorMatching {
  readonly card: Cardinality;
  /** true: `on(labels)`; false: `ignoring(labels)` (or no clause, with no labels). */
  readonly on: boolean;
  readonly labels: readonly string[];
  /** The `group_left(...)` / `group_right(...)` labels copied from the "one" side. */
  readonly include: readonly string[];
}

export interface Binary {
  readonly kind: 'binary';
  readonly op: BinaryOp;
  readonly lhs: Expr;
  readonly rhs: Expr;
  readonly returnBool: boolean;
  /** Present when both sides are instant vectors. */
  readonly matching?: VectorMatching;
}

export interface Unary {
  readonly kind: 'unary';
  readonly op: '-' | '+';
  readonly expr: Expr;
}

export type Expr =
  VectorSelector | MatrixSelector | NumberLiteral | StringLiteral | Call | Aggregate | Binary | Unary;

export const COMPARISON_OPS: ReadonlySet<BinaryOp> = new Set(['==', '!=', '>', '<', '>=', '<=']);
export const SET_OPS: ReadonlySet<BinaryOp> = new Set(['and', 'or', 'unless']);
