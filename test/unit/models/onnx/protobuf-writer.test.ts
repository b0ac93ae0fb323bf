import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { littleEndianBytes, ProtoWriter } from '../../../../activities/models/onnx/protobuf-writer';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('ProtoWriter', () => {
  it('writes varints as in the protobuf encoding guide', () => {
    assert.equal(hex(new ProtoWriter().int(1, 150).finish()), '089601');
    assert.equal(hex(new ProtoWriter().varint(0).finish()), '00');
    assert.equal(hex(new ProtoWriter().varint(2 ** 35).finish()), '8080808080' + '01');
  });

  it('writes negative ints as 10-byte two’s-complement varints', () => {
    assert.equal(hex(new ProtoWriter().varint(-1).finish()), 'ffffffffffffffffff01');
    assert.equal(hex(new ProtoWriter().varint(-2n).finish()), 'feffffffffffffffff01');
  });

  it('writes strings, fixed32 floats and embedded messages', () => {
    assert.equal(hex(new ProtoWriter().string(2, 'testing').finish()), '120774657374696e67');
    assert.equal(hex(new ProtoWriter().float(2, 1).finish()), '150000803f');
    assert.equal(hex(new ProtoWriter().message(3, (m) => m.int(1, 150)).finish()), '1a03089601');
  });

  it('packs repeated scalars', () => {
    assert.equal(hex(new ProtoWriter().packedInts(4, [3, 270, 86942]).finish()), '2206038e029ea705');
    assert.equal(hex(new ProtoWriter().packedFloats(7, [1, -2]).finish()), '3a080000803f000000c0');
  });

  it('grows its buffer past the initial size', () => {
    const big = new Uint8Array(10_000).fill(7);
    const out = new ProtoWriter().bytes(9, big).finish();
    assert.equal(out.length, 10_000 + 3);
    assert.equal(out.at(-1), 7);
  });

  it('lays typed arrays out little-endian', () => {
    assert.equal(hex(littleEndianBytes(new BigInt64Array([1n]))), '0100000000000000');
    assert.equal(hex(littleEndianBytes(new Int32Array([-1]))), 'ffffffff');
  });
});
