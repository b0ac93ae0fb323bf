import { littleEndianBytes, ProtoWriter } from './protobuf-writer';

// Plain-object forms of the onnx.proto messages we emit, and their encoders. Field numbers are those of
// onnx/onnx.proto (proto2); only the fields an inference graph needs are covered.

/** TensorProto.DataType values we use. */
export const TensorDataType = { FLOAT: 1, INT32: 6, INT64: 7, DOUBLE: 11 } as const;
export type TensorDataType = (typeof TensorDataType)[keyof typeof TensorDataType];

const AttributeType = { FLOAT: 1, INT: 2, STRING: 3, TENSOR: 4, FLOATS: 6, INTS: 7, STRINGS: 8 } as const;

export interface TensorValue {
  readonly name?: string;
  readonly dims: readonly number[];
  readonly data: Float32Array | Float64Array | BigInt64Array | Int32Array;
}

/** A tagged attribute value; `attr()` builds one from a plain JS value. */
export type AttributeValue =
  | { readonly kind: 'float'; readonly value: number }
  | { readonly kind: 'int'; readonly value: number | bigint }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'tensor'; readonly value: TensorValue }
  | { readonly kind: 'floats'; readonly value: ArrayLike<number> }
  | { readonly kind: 'ints'; readonly value: ArrayLike<number | bigint> }
  | { readonly kind: 'strings'; readonly value: readonly string[] };

export interface NodeSpec {
  readonly opType: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly name?: string;
  readonly domain?: string;
  readonly attributes: ReadonlyMap<string, AttributeValue>;
}

/** A dimension: a fixed size, or a symbolic name such as "N" for a dynamic batch. */
export type Dim = number | string;

export interface ValueInfo {
  readonly name: string;
  readonly elemType: TensorDataType;
  readonly shape: readonly Dim[];
}

export interface GraphSpec {
  readonly name: string;
  readonly nodes: readonly NodeSpec[];
  readonly initializers: readonly (TensorValue & { readonly name: string })[];
  readonly inputs: readonly ValueInfo[];
  readonly outputs: readonly ValueInfo[];
  readonly docString?: string;
}

export interface ModelSpec {
  readonly irVersion: number;
  readonly opsets: Readonly<Record<string, number>>;
  readonly producerName: string;
  readonly producerVersion?: string;
  readonly modelVersion?: number;
  readonly docString?: string;
  readonly metadata?: Readonly<Record<string, string>>;
  readonly graph: GraphSpec;
}

function dataTypeOf(data: TensorValue['data']): TensorDataType {
  if (data instanceof Float32Array) return TensorDataType.FLOAT;
  if (data instanceof Float64Array) return TensorDataType.DOUBLE;
  if (data instanceof BigInt64Array) return TensorDataType.INT64;
  return TensorDataType.INT32;
}

export function writeTensor(w: ProtoWriter, t: TensorValue): void {
  const count = t.dims.reduce((a, b) => a * b, 1);
  if (count !== t.data.length)
    throw new Error(`tensor ${t.name ?? ''}: dims ${t.dims.join('x')} ≠ ${t.data.length} values`);
  w.packedInts(1, t.dims);
  w.int(2, dataTypeOf(t.data));
  if (t.name !== undefined) w.string(8, t.name);
  w.bytes(9, littleEndianBytes(t.data));
}

function writeAttribute(w: ProtoWriter, name: string, a: AttributeValue): void {
  w.string(1, name);
  switch (a.kind) {
    case 'float':
      w.int(20, AttributeType.FLOAT).float(2, a.value);
      break;
    case 'int':
      w.int(20, AttributeType.INT).int(3, a.value);
      break;
    case 'string':
      w.int(20, AttributeType.STRING).string(4, a.value);
      break;
    case 'tensor':
      w.int(20, AttributeType.TENSOR).message(5, (m) => writeTensor(m, a.value));
      break;
    case 'floats':
      w.int(20, AttributeType.FLOATS).packedFloats(7, a.value);
      break;
    case 'ints':
      w.int(20, AttributeType.INTS).packedInts(8, a.value);
      break;
    case 'strings':
      w.int(20, AttributeType.STRINGS);
      for (const s of a.value) w.string(9, s);
      break;
  }
}

function writeNode(w: ProtoWriter, n: NodeSpec): void {
  for (const i of n.inputs) w.string(1, i);
  for (const o of n.outputs) w.string(2, o);
  if (n.name !== undefined) w.string(3, n.name);
  w.string(4, n.opType);
  if (n.domain) w.string(7, n.domain);
  for (const [name, value] of n.attributes) w.message(5, (m) => writeAttribute(m, name, value));
}

function writeValueInfo(w: ProtoWriter, v: ValueInfo): void {
  w.string(1, v.name);
  w.message(2, (type) =>
    type.message(1, (tensor) => {
      tensor.int(1, v.elemType);
      tensor.message(2, (shape) => {
        for (const d of v.shape) shape.message(1, (dim) => (typeof d === 'number' ? dim.int(1, d) : dim.string(2, d)));
      });
    }),
  );
}

function writeGraph(w: ProtoWriter, g: GraphSpec): void {
  for (const n of g.nodes) w.message(1, (m) => writeNode(m, n));
  w.string(2, g.name);
  for (const t of g.initializers) w.message(5, (m) => writeTensor(m, t));
  if (g.docString !== undefined) w.string(10, g.docString);
  for (const v of g.inputs) w.message(11, (m) => writeValueInfo(m, v));
  for (const v of g.outputs) w.message(12, (m) => writeValueInfo(m, v));
}

/** Serialises a ModelProto. */
export function encodeModel(model: ModelSpec): Uint8Array {
  const w = new ProtoWriter();
  w.int(1, model.irVersion);
  w.string(2, model.producerName);
  if (model.producerVersion !== undefined) w.string(3, model.producerVersion);
  if (model.modelVersion !== undefined) w.int(5, model.modelVersion);
  if (model.docString !== undefined) w.string(6, model.docString);
  w.message(7, (m) => writeGraph(m, model.graph));
  for (const [domain, version] of Object.entries(model.opsets)) {
    w.message(8, (m) => m.string(1, domain).int(2, version));
  }
  for (const [key, value] of Object.entries(model.metadata ?? {})) {
    w.message(14, (m) => m.string(1, key).string(2, value));
  }
  return w.finish();
}
