/**
 * PromQL text -> the evaluator's syntax tree (ast.ts). The grammar is the Prometheus project's
 * own (`@prometheus-io/lezer-promql`); this walks its Lezer tree by node name and applies the
 * checks Prometheus's parser makes (types of arguments and operands, matching modifiers).
 * Errors come back as a message with the 1-based column; nothing here throws to the caller.
 */
import { parser } from '@prometheus-io/lezer-promql';
import {
  COMPARISON_OPS,
  SET_OPS,
  type AggregateOp,
  type AtModifier,
  type BinaryOp,
  type Expr,
  type LabelMatcher,
  type MatchOp,
  type ValueType,
  type VectorMatching,
  type VectorSelector,
} from './ast';
import { FUNCTION_SIGNATURES, isSupportedFunction, type FunctionSignature } from './function-catalog';
import { LABEL_NAME_RE, compileAnchored, parseDuration, parseNumber, unquote } from './literals';

type SyntaxNode = ReturnType<typeof parser.parse>['topNode'];

export type ParseResult =
  | { readonly ok: true; readonly expr: Expr; readonly type: ValueType }
  | { readonly ok: false; readonly error: string; readonly position: number };

class PromQLSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

interface Typed {
  readonly expr: Expr;
  readonly type: ValueType;
}

const TYPE_NAMES: Record<ValueType, string> = {
  scalar: 'scalar',
  vector: 'instant vector',
  matrix: 'range vector',
  string: 'string',
};

const BINARY_OPS: Readonly<Record<string, BinaryOp>> = {
  Pow: '^',
  Mul: '*',
  Div: '/',
  Mod: '%',
  Add: '+',
  Sub: '-',
  Eql: '==',
  Neq: '!=',
  Gtr: '>',
  Lss: '<',
  Gte: '>=',
  Lte: '<=',
  And: 'and',
  Or: 'or',
  Unless: 'unless',
};

const AGGREGATE_OPS: Readonly<Record<string, AggregateOp>> = {
  Sum: 'sum',
  Avg: 'avg',
  Min: 'min',
  Max: 'max',
  Count: 'count',
  Group: 'group',
  Stddev: 'stddev',
  Stdvar: 'stdvar',
  Topk: 'topk',
  Bottomk: 'bottomk',
  Quantile: 'quantile',
  CountValues: 'count_values',
};

const MATCH_OPS: Readonly<Record<string, MatchOp>> = {
  EqlSingle: '=',
  Neq: '!=',
  EqlRegex: '=~',
  NeqRegex: '!~',
};

/** Parses a PromQL expression; a syntax or type error is returned with its position (0-based offset). */
export function parsePromQL(text: string): ParseResult {
  try {
    const tree = parser.parse(text);
    let errorAt = -1;
    tree.iterate({
      enter(node) {
        if (errorAt >= 0) return false;
        if (node.type.isError) errorAt = node.from;
        return undefined;
      },
    });
    if (errorAt >= 0) {
      const near = text.slice(errorAt, errorAt + 12);
      // The grammar reads an unknown function's name as a metric name and stops at its "(".
      const call = near.startsWith('(') ? /([a-zA-Z_][a-zA-Z0-9_]*)\s*$/.exec(text.slice(0, errorAt)) : null;
      if (call) throw new PromQLSyntaxError(`unknown function ${JSON.stringify(call[1])}`, call.index);
      const what = near === '' ? 'unexpected end of input' : `unexpected ${JSON.stringify(near)}`;
      throw new PromQLSyntaxError(what, errorAt);
    }
    const top = tree.topNode.firstChild;
    if (!top) throw new PromQLSyntaxError('no expression found in input', 0);
    const { expr, type } = new Converter(text).convert(top);
    return { ok: true, expr, type };
  } catch (e) {
    if (e instanceof PromQLSyntaxError) {
      return { ok: false, error: `${e.message} (column ${e.position + 1})`, position: e.position };
    }
    throw e;
  }
}

function children(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

class Converter {
  constructor(private readonly text: string) {}

  private fail(node: SyntaxNode, message: string): never {
    throw new PromQLSyntaxError(message, node.from);
  }

  private source(node: SyntaxNode): string {
    return this.text.slice(node.from, node.to);
  }

  convert(node: SyntaxNode): Typed {
    switch (node.name) {
      case 'ParenExpr':
        return this.convert(children(node)[0]!);
      case 'NumberDurationLiteral':
        return { expr: { kind: 'number', value: this.number(node) }, type: 'scalar' };
      case 'StringLiteral':
        return { expr: { kind: 'string', value: this.string(node) }, type: 'string' };
      case 'VectorSelector':
        return { expr: this.vectorSelector(node), type: 'vector' };
      case 'MatrixSelector':
        return this.matrixSelector(node);
      case 'OffsetExpr':
        return this.offset(node);
      case 'StepInvariantExpr':
        return this.at(node);
      case 'UnaryExpr':
        return this.unary(node);
      case 'FunctionCall':
        return this.call(node);
      case 'AggregateExpr':
        return this.aggregate(node);
      case 'BinaryExpr':
        return this.binary(node);
      case 'SubqueryExpr':
        return this.fail(node, 'subqueries are not supported');
      default:
        return this.fail(node, `unsupported expression ${JSON.stringify(this.source(node))}`);
    }
  }

  private number(node: SyntaxNode): number {
    const text = this.source(node);
    const n = parseNumber(text);
    if (n === undefined) {
      if (parseDuration(text.replace(/^[-+]/, '')) !== undefined) {
        this.fail(node, `a duration (${text}) is only allowed in a range or an offset`);
      }
      this.fail(node, `bad number ${JSON.stringify(text)}`);
    }
    return n;
  }

  private string(node: SyntaxNode): string {
    const value = unquote(this.source(node));
    if (typeof value !== 'string') this.fail(node, value.error);
    return value;
  }

  /** A duration in a range or offset: `5m`, `-5m` (offset), or plain seconds. */
  private duration(node: SyntaxNode): number {
    const [first, second] = children(node);
    if (node.name === 'NumberDurationLiteralInDurationContext') {
      const text = this.source(node);
      const ms = parseDuration(text);
      if (ms !== undefined) return ms;
      const seconds = parseNumber(text);
      if (seconds === undefined || !Number.isFinite(seconds))
        this.fail(node, `bad duration ${JSON.stringify(text)}`);
      return Math.round(seconds * 1000);
    }
    if ((node.name === 'DurationExpr' || node.name === 'OffsetDurationExpr') && first) {
      if (first.name === 'UnaryOp' && second) {
        const inner = this.duration(second);
        return this.source(first) === '-' ? -inner : inner;
      }
      if (!second) return this.duration(first);
    }
    return this.fail(node, `unsupported duration expression ${JSON.stringify(this.source(node))}`);
  }

  private vectorSelector(node: SyntaxNode): VectorSelector {
    const matchers: LabelMatcher[] = [];
    for (const child of children(node)) {
      if (child.name === 'Identifier') {
        matchers.push({ name: '__name__', op: '=', value: this.source(child) });
      } else if (child.name === 'LabelMatchers') {
        for (const m of children(child)) matchers.push(this.matcher(m));
      }
    }
    const names = matchers.filter((m) => m.name === '__name__');
    if (names.length > 1 && node.firstChild?.name === 'Identifier') {
      this.fail(node, 'metric name must not be set twice');
    }
    if (matchers.every(matchesEmpty))
      this.fail(node, 'vector selector must contain at least one non-empty matcher');
    return { kind: 'vectorSelector', matchers, offsetMs: 0 };
  }

  private matcher(node: SyntaxNode): LabelMatcher {
    const parts = children(node);
    if (node.name === 'QuotedLabelName') return { name: '__name__', op: '=', value: this.string(parts[0]!) };
    const [nameNode, opNode, valueNode] = parts;
    if (!nameNode || !opNode || !valueNode) this.fail(node, 'incomplete label matcher');
    const name =
      nameNode.name === 'QuotedLabelName' ? this.string(nameNode.firstChild!) : this.source(nameNode);
    const op = MATCH_OPS[opNode.firstChild?.name ?? ''];
    if (!op) this.fail(opNode, `unknown matcher ${JSON.stringify(this.source(opNode))}`);
    const value = this.string(valueNode);
    if (op === '=~' || op === '!~') {
      const re = compileAnchored(value);
      if (re instanceof RegExp) return { name, op, value, re };
      this.fail(valueNode, re.error);
    }
    return { name, op, value };
  }

  private matrixSelector(node: SyntaxNode): Typed {
    const [inner, range] = children(node);
    const vector = this.convert(inner!);
    if (vector.expr.kind !== 'vectorSelector') this.fail(node, 'ranges only allowed for vector selectors');
    const rangeMs = this.duration(range!);
    if (rangeMs <= 0) this.fail(range!, `range must be positive, got ${this.source(range!)}`);
    return { expr: { kind: 'matrixSelector', selector: vector.expr, rangeMs }, type: 'matrix' };
  }

  private offset(node: SyntaxNode): Typed {
    const parts = children(node);
    const inner = this.convert(parts[0]!);
    const offsetMs = this.duration(parts[parts.length - 1]!);
    return this.modifySelector(node, inner, (s) => {
      if (s.offsetMs !== 0) this.fail(node, 'offset may not be set multiple times');
      return { ...s, offsetMs };
    });
  }

  private at(node: SyntaxNode): Typed {
    const parts = children(node);
    const inner = this.convert(parts[0]!);
    const last = parts[parts.length - 1]!;
    let at: AtModifier;
    if (last.name === 'AtModifierPreprocessors') at = last.firstChild?.name === 'AtStart' ? 'start' : 'end';
    else {
      const seconds = this.number(last);
      if (!Number.isFinite(seconds)) this.fail(last, `timestamp out of bounds for @ modifier: ${seconds}`);
      at = { ms: Math.round(seconds * 1000) };
    }
    return this.modifySelector(node, inner, (s) => {
      if (s.at !== undefined) this.fail(node, '@ <timestamp> may not be set multiple times');
      return { ...s, at };
    });
  }

  /** Applies `offset` / `@` to the selector it belongs to (through a unary minus, as Prometheus binds it). */
  private modifySelector(
    node: SyntaxNode,
    inner: Typed,
    modify: (s: VectorSelector) => VectorSelector,
  ): Typed {
    const e = inner.expr;
    if (e.kind === 'vectorSelector') return { expr: modify(e), type: inner.type };
    if (e.kind === 'matrixSelector')
      return { expr: { ...e, selector: modify(e.selector) }, type: inner.type };
    if (e.kind === 'unary') {
      const operand = this.modifySelector(node, { expr: e.expr, type: inner.type }, modify);
      return { expr: { ...e, expr: operand.expr }, type: inner.type };
    }
    return this.fail(node, 'offset and @ modifiers must follow a vector or range vector selector');
  }

  private unary(node: SyntaxNode): Typed {
    const [opNode, operandNode] = children(node);
    const operand = this.convert(operandNode!);
    if (operand.type !== 'scalar' && operand.type !== 'vector') {
      this.fail(
        node,
        `unary expression only allowed on expressions of type scalar or instant vector, got ${TYPE_NAMES[operand.type]}`,
      );
    }
    const op = this.source(opNode!) === '-' ? '-' : '+';
    if (operand.expr.kind === 'number') {
      return {
        expr: { kind: 'number', value: op === '-' ? -operand.expr.value : operand.expr.value },
        type: 'scalar',
      };
    }
    return { expr: { kind: 'unary', op, expr: operand.expr }, type: operand.type };
  }

  private args(body: SyntaxNode | undefined): Typed[] {
    return body ? children(body).map((c) => this.convert(c)) : [];
  }

  private call(node: SyntaxNode): Typed {
    const [ident, body] = children(node);
    const name = this.source(ident!);
    if (!isSupportedFunction(name)) this.fail(ident!, `function ${JSON.stringify(name)} is not supported`);
    const signature: FunctionSignature = FUNCTION_SIGNATURES[name];
    const args = this.args(body);
    const required =
      signature.args.length - (signature.variadic && signature.variadic > 0 ? signature.variadic : 0);
    const tooMany = signature.variadic !== -1 && args.length > signature.args.length;
    if (args.length < (signature.variadic === -1 ? signature.args.length - 1 : required) || tooMany) {
      this.fail(
        node,
        `expected ${signature.args.length} argument(s) in call to ${JSON.stringify(name)}, got ${args.length}`,
      );
    }
    args.forEach((arg, i) => {
      const want = signature.args[Math.min(i, signature.args.length - 1)]!;
      if (arg.type !== want) {
        this.fail(
          node,
          `expected type ${TYPE_NAMES[want]} in call to function ${JSON.stringify(name)}, got ${TYPE_NAMES[arg.type]}`,
        );
      }
    });
    return { expr: { kind: 'call', func: name, args: args.map((a) => a.expr) }, type: signature.returns };
  }

  private groupingLabels(node: SyntaxNode): string[] {
    return children(node).map((c) => {
      const label = c.name === 'QuotedLabelName' ? this.string(c.firstChild!) : this.source(c);
      if (!LABEL_NAME_RE.test(label)) this.fail(c, `invalid label name ${JSON.stringify(label)}`);
      return label;
    });
  }

  private aggregate(node: SyntaxNode): Typed {
    let op: AggregateOp | undefined;
    let grouping: string[] = [];
    let without = false;
    let body: SyntaxNode | undefined;
    for (const child of children(node)) {
      if (child.name === 'AggregateOp') {
        op = AGGREGATE_OPS[child.firstChild?.name ?? ''];
        if (!op) this.fail(child, `aggregation ${JSON.stringify(this.source(child))} is not supported`);
      } else if (child.name === 'AggregateModifier') {
        const [kind, labels] = children(child);
        without = kind?.name === 'Without';
        grouping = labels ? this.groupingLabels(labels) : [];
      } else if (child.name === 'FunctionCallBody') body = child;
    }
    if (!op) return this.fail(node, 'missing aggregation operator');
    const args = this.args(body);
    const takesParam = op === 'topk' || op === 'bottomk' || op === 'quantile' || op === 'count_values';
    if (args.length !== (takesParam ? 2 : 1)) {
      this.fail(
        node,
        `wrong number of arguments for aggregate expression provided, expected ${takesParam ? 2 : 1}, got ${args.length}`,
      );
    }
    const expr = args[args.length - 1]!;
    if (expr.type !== 'vector') {
      this.fail(node, `expected type instant vector in aggregation expression, got ${TYPE_NAMES[expr.type]}`);
    }
    const param = takesParam ? args[0]! : undefined;
    const paramType: ValueType = op === 'count_values' ? 'string' : 'scalar';
    if (param && param.type !== paramType) {
      this.fail(
        node,
        `expected type ${TYPE_NAMES[paramType]} in aggregation parameter, got ${TYPE_NAMES[param.type]}`,
      );
    }
    if (op === 'count_values' && param?.expr.kind === 'string' && !LABEL_NAME_RE.test(param.expr.value)) {
      this.fail(node, `invalid label name ${JSON.stringify(param.expr.value)}`);
    }
    return {
      expr: { kind: 'aggregate', op, param: param?.expr, expr: expr.expr, grouping, without },
      type: 'vector',
    };
  }

  private binary(node: SyntaxNode): Typed {
    const parts = children(node);
    const lhs = this.convert(parts[0]!);
    const rhs = this.convert(parts[parts.length - 1]!);
    const opNode = parts[1]!;
    const op = BINARY_OPS[opNode.name];
    if (!op) this.fail(opNode, `operator ${JSON.stringify(this.source(opNode))} is not supported`);
    let returnBool = false;
    let clause: SyntaxNode | undefined;
    for (const part of parts.slice(2, -1)) {
      if (part.name === 'BoolModifier') returnBool = true;
      else if (part.name === 'MatchingModifierClause') clause = part;
      else this.fail(part, `unsupported modifier ${JSON.stringify(this.source(part))}`);
    }
    const isComparison = COMPARISON_OPS.has(op);
    const isSet = SET_OPS.has(op);
    for (const side of [lhs, rhs]) {
      if (side.type !== 'scalar' && side.type !== 'vector') {
        this.fail(node, 'binary expression must contain only scalar and instant vector types');
      }
    }
    if (returnBool && !isComparison)
      this.fail(opNode, 'bool modifier can only be used on comparison operators');
    const bothVectors = lhs.type === 'vector' && rhs.type === 'vector';
    if (isComparison && !returnBool && lhs.type === 'scalar' && rhs.type === 'scalar') {
      this.fail(opNode, 'comparisons between scalars must use BOOL modifier');
    }
    if (isSet && !bothVectors) {
      this.fail(opNode, `set operator ${JSON.stringify(op)} not allowed in binary scalar expression`);
    }
    if (clause && !bothVectors) this.fail(clause, 'vector matching only allowed between instant vectors');
    let matching: VectorMatching | undefined;
    if (bothVectors) {
      matching = clause
        ? this.matching(clause, isSet)
        : { card: isSet ? 'many-to-many' : 'one-to-one', on: false, labels: [], include: [] };
    }
    const type: ValueType =
      bothVectors || lhs.type === 'vector' || rhs.type === 'vector' ? 'vector' : 'scalar';
    return { expr: { kind: 'binary', op, lhs: lhs.expr, rhs: rhs.expr, returnBool, matching }, type };
  }

  private matching(clause: SyntaxNode, isSet: boolean): VectorMatching {
    const parts = children(clause);
    const on = parts[0]?.name === 'On';
    const labels = parts[1] ? this.groupingLabels(parts[1]) : [];
    const group = parts[2]?.name;
    const include = parts[3] ? this.groupingLabels(parts[3]) : [];
    if (group && isSet) this.fail(clause, 'no grouping allowed for set operations (and, or, unless)');
    if (on) {
      for (const label of include) {
        if (labels.includes(label))
          this.fail(clause, `label ${JSON.stringify(label)} must not occur in ON and GROUP clause at once`);
      }
    }
    const card = isSet
      ? 'many-to-many'
      : group === 'GroupLeft'
        ? 'many-to-one'
        : group === 'GroupRight'
          ? 'one-to-many'
          : 'one-to-one';
    return { card, on, labels, include };
  }
}

function matchesEmpty(m: LabelMatcher): boolean {
  switch (m.op) {
    case '=':
      return m.value === '';
    case '!=':
      return m.value !== '';
    default:
      return (m.op === '=~') === m.re!.test('');
  }
}
