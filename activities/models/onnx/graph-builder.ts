import {
  encodeModel,
  TensorDataType,
  type AttributeValue,
  type Dim,
  type GraphSpec,
  type NodeSpec,
  type TensorValue,
  type ValueInfo,
} from './onnx-proto';

export type ElemType = 'float' | 'double' | 'int64' | 'int32';
/** A shape entry: a size, a symbolic name, or null for the dynamic batch dimension "N". */
export type ShapeDim = number | string | null;
export type AttrInput =
  | AttributeValue
  | number
  | bigint
  | string
  | readonly string[]
  | readonly number[]
  | Float32Array
  | Float64Array
  | Int32Array
  | BigInt64Array
  | TensorValue;

const ELEM: Record<ElemType, TensorDataType> = {
  float: TensorDataType.FLOAT,
  double: TensorDataType.DOUBLE,
  int64: TensorDataType.INT64,
  int32: TensorDataType.INT32,
};

/** Explicit attribute constructors, for when a plain value's type is ambiguous (`alpha: 1` would be INT). */
export const attr = {
  float: (value: number): AttributeValue => ({ kind: 'float', value }),
  int: (value: number | bigint): AttributeValue => ({ kind: 'int', value }),
  string: (value: string): AttributeValue => ({ kind: 'string', value }),
  floats: (value: ArrayLike<number>): AttributeValue => ({ kind: 'floats', value }),
  ints: (value: ArrayLike<number | bigint>): AttributeValue => ({ kind: 'ints', value }),
  strings: (value: readonly string[]): AttributeValue => ({ kind: 'strings', value }),
  tensor: (value: TensorValue): AttributeValue => ({ kind: 'tensor', value }),
};

function isTagged(v: object): v is AttributeValue {
  return 'kind' in v && 'value' in v;
}

/**
 * Infers the attribute type: integer number/bigint → INT, other number → FLOAT, string → STRING, string[] →
 * STRINGS, Float32Array/Float64Array → FLOATS, Int32Array/BigInt64Array/integer number[] → INTS, {dims, data} →
 * TENSOR. A number[] holding non-integers throws: pass a Float32Array or `attr.floats` so intent is explicit.
 */
export function toAttribute(name: string, v: AttrInput): AttributeValue {
  if (typeof v === 'bigint') return attr.int(v);
  if (typeof v === 'number') return Number.isInteger(v) ? attr.int(v) : attr.float(v);
  if (typeof v === 'string') return attr.string(v);
  if (v instanceof Float32Array || v instanceof Float64Array) return attr.floats(v);
  if (v instanceof Int32Array || v instanceof BigInt64Array) return attr.ints(v);
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x === 'string')) return attr.strings(v as string[]);
    const nums = v as readonly number[];
    if (!nums.every(Number.isInteger)) throw new Error(`attribute ${name}: use Float32Array or attr.floats for floats`);
    return attr.ints(nums);
  }
  if (isTagged(v as object)) return v as AttributeValue;
  return attr.tensor(v as TensorValue);
}

export interface ModelOptions {
  /** Operator sets by domain, e.g. `{ '': 17, 'ai.onnx.ml': 3 }`. */
  readonly opsets: Readonly<Record<string, number>>;
  readonly producer?: string;
  readonly producerVersion?: string;
  /** Defaults to 8 (the IR of opset 17). */
  readonly irVersion?: number;
  readonly modelVersion?: number;
  readonly docString?: string;
  readonly metadata?: Readonly<Record<string, string>>;
}

/**
 * Builds an ONNX graph and serialises it as a ModelProto.
 * @example
 *   const g = new GraphBuilder('affine');
 *   g.input('X', [null, 3]);
 *   g.initializer('W', new Float32Array(6), [2, 3]);
 *   g.node('Gemm', ['X', 'W'], ['Y'], { transB: 1 });
 *   g.output('Y', [null, 2]);
 *   const bytes = g.toModel({ opsets: { '': 17 } });
 */
export class GraphBuilder {
  private readonly nodes: NodeSpec[] = [];
  private readonly inits: (TensorValue & { name: string })[] = [];
  private readonly inputs: ValueInfo[] = [];
  private readonly outputs: ValueInfo[] = [];
  private readonly names = new Set<string>();

  constructor(readonly name: string) {}

  input(name: string, shape: readonly ShapeDim[], elemType: ElemType = 'float'): this {
    this.inputs.push(valueInfo(name, shape, elemType));
    this.names.add(name);
    return this;
  }

  output(name: string, shape: readonly ShapeDim[], elemType: ElemType = 'float'): this {
    this.outputs.push(valueInfo(name, shape, elemType));
    return this;
  }

  initializer(name: string, data: TensorValue['data'], dims: readonly number[]): this {
    this.inits.push({ name, data, dims });
    this.names.add(name);
    return this;
  }

  node(
    opType: string,
    inputs: readonly string[],
    outputs: readonly string[],
    attributes: Readonly<Record<string, AttrInput>> = {},
    options: { readonly domain?: string; readonly name?: string } = {},
  ): this {
    for (const i of inputs) {
      if (i !== '' && !this.names.has(i)) throw new Error(`${opType}: input "${i}" is not defined yet`);
    }
    for (const o of outputs) {
      if (this.names.has(o)) throw new Error(`${opType}: output "${o}" is already defined`);
      this.names.add(o);
    }
    const attrs = new Map(Object.entries(attributes).map(([k, v]) => [k, toAttribute(k, v)] as const));
    this.nodes.push({ opType, inputs, outputs, attributes: attrs, ...options });
    return this;
  }

  /** A name not used yet in this graph, for composing several models into one graph. */
  uniqueName(prefix: string): string {
    let name = prefix;
    for (let i = 1; this.names.has(name); i++) name = `${prefix}_${i}`;
    return name;
  }

  toGraph(): GraphSpec {
    for (const o of this.outputs) {
      if (!this.names.has(o.name)) throw new Error(`graph output "${o.name}" is never produced`);
    }
    return { name: this.name, nodes: this.nodes, initializers: this.inits, inputs: this.inputs, outputs: this.outputs };
  }

  toModel(options: ModelOptions): Uint8Array {
    return encodeModel({
      irVersion: options.irVersion ?? 8,
      opsets: options.opsets,
      producerName: options.producer ?? 'swap-reporting',
      graph: this.toGraph(),
      ...(options.producerVersion !== undefined && { producerVersion: options.producerVersion }),
      ...(options.modelVersion !== undefined && { modelVersion: options.modelVersion }),
      ...(options.docString !== undefined && { docString: options.docString }),
      ...(options.metadata !== undefined && { metadata: options.metadata }),
    });
  }
}

function valueInfo(name: string, shape: readonly ShapeDim[], elemType: ElemType): ValueInfo {
  const dims: Dim[] = shape.map((d) => d ?? 'N');
  return { name, elemType: ELEM[elemType], shape: dims };
}
