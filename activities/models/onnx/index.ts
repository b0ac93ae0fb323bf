// Our ONNX writer (no onnx.proto or protobuf schema at runtime) and the onnxruntime-node helpers that run it.
export { attr, GraphBuilder, toAttribute } from './graph-builder';
export type { AttrInput, ElemType, ModelOptions, ShapeDim } from './graph-builder';
export { encodeModel, TensorDataType } from './onnx-proto';
export type { AttributeValue, GraphSpec, ModelSpec, NodeSpec, TensorValue, ValueInfo } from './onnx-proto';
export { openOnnxSession, runOnnx, scoreInChunks } from './run-onnx';
export type {
  OnnxSession,
  OnnxSessionOptions,
  OnnxTensorInput,
  OnnxTensorOutput,
  ScoreInChunksOptions,
} from './run-onnx';
