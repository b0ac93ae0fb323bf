import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMatrix, rowOf } from '../../../../activities/models/data/index';
import { averagePathLength, IsolationForest, scoreFromPathLength } from '../../../../activities/models/iforest/index';
import { gaussianRows } from './fixtures';

describe('averagePathLength', () => {
  it('matches c(n) = 2H(n−1) − 2(n−1)/n with the small-n cases', () => {
    assert.equal(averagePathLength(0), 0);
    assert.equal(averagePathLength(1), 0);
    assert.equal(averagePathLength(2), 1);
    assert.ok(Math.abs(averagePathLength(256) - 10.244770920116851) < 1e-9); // scikit-learn's value
    assert.equal(scoreFromPathLength(averagePathLength(256), 256), 0.5);
  });
});

describe('IsolationForest.fit', () => {
  const x = gaussianRows(1000, 4, 1);

  it('uses scikit-learn defaults: 100 trees, ψ = min(256, n), depth limit ceil(log2 ψ)', () => {
    const forest = IsolationForest.fit(x, { seed: 1 });
    assert.deepEqual([forest.nTrees, forest.maxSamples, forest.maxDepth], [100, 256, 8]);
    const small = IsolationForest.fit(gaussianRows(50, 2, 2), { seed: 1, nTrees: 10 });
    assert.deepEqual([small.nTrees, small.maxSamples, small.maxDepth], [10, 50, 6]);
    assert.throws(() => IsolationForest.fit(gaussianRows(1, 2, 2), { seed: 1 }), /at least 2 rows/);
  });

  it('grows consistent trees: sizes add up, leaves carry depth + c(size), depth within the limit', () => {
    const forest = IsolationForest.fit(x, { seed: 3, nTrees: 20 });
    for (let t = 0; t < forest.nTrees; t++) {
      const root = forest.treeOffsets[t]!;
      assert.equal(forest.size[root], 256);
      const walk = (node: number, depth: number): void => {
        assert.ok(depth <= forest.maxDepth);
        if (forest.feature[node]! < 0) {
          assert.equal(forest.leafValue[node], depth + averagePathLength(forest.size[node]!));
          return;
        }
        const l = forest.left[node]!;
        assert.ok(forest.size[l]! > 0 && forest.size[l + 1]! > 0);
        assert.equal(forest.size[l]! + forest.size[l + 1]!, forest.size[node]);
        walk(l, depth + 1);
        walk(l + 1, depth + 1);
      };
      walk(root, 0);
    }
  });

  it('is deterministic by seed', () => {
    const a = IsolationForest.fit(x, { seed: 5 });
    const b = IsolationForest.fit(x, { seed: 5 });
    const c = IsolationForest.fit(x, { seed: 6 });
    assert.deepEqual(a.toState(), b.toState());
    assert.notDeepEqual(a.threshold, c.threshold);
  });

  it('never splits on a constant feature', () => {
    const forest = IsolationForest.fit(gaussianRows(500, 3, 4, 1), { seed: 1 });
    assert.ok(!forest.feature.includes(1));
  });

  it('isolates duplicates only to the depth limit, leaving c(size) at the leaf', () => {
    const same = createMatrix(300, 2, new Float64Array(600).fill(1));
    const forest = IsolationForest.fit(same, { seed: 1, nTrees: 3 });
    assert.equal(forest.feature.length, 3);
    assert.deepEqual([...forest.pathLengths(same).subarray(0, 2)], [averagePathLength(256), averagePathLength(256)]);
  });
});

describe('IsolationForest scores', () => {
  const x = gaussianRows(2000, 3, 7);
  const forest = IsolationForest.fit(x, { seed: 7 });

  it('scores an obvious outlier above every inlier, all scores in (0, 1]', () => {
    const probe = createMatrix(3, 3, Float64Array.from([0, 0, 0, 8, -8, 8, 0.5, -0.3, 0.1]));
    const scores = forest.score(probe);
    assert.ok(scores.every((s) => s > 0 && s <= 1));
    assert.ok(scores[1]! > 0.7 && scores[0]! < 0.5 && scores[2]! < 0.5, `${[...scores]}`);
    const inliers = forest.score(x);
    assert.ok(Math.max(...inliers) < scores[1]!);
  });

  it('relates scores and path lengths by s = 2^(−E[h]/c(ψ))', () => {
    const h = forest.pathLengths(x);
    const s = forest.score(x);
    for (let i = 0; i < 20; i++) assert.ok(Math.abs(s[i]! - scoreFromPathLength(h[i]!, 256)) < 1e-12);
  });

  it('accepts float32 rows as well as a Matrix', () => {
    assert.deepEqual(forest.score(Float32Array.from(x.data)), forest.score(x));
    assert.throws(() => forest.score(new Float32Array(4)), /not a multiple of 3/);
  });

  it('survives a JSON round trip of its state', () => {
    const back = IsolationForest.fromState(JSON.parse(JSON.stringify(forest.toState())));
    assert.deepEqual(back.score(x), forest.score(x));
    assert.deepEqual(back.topFeatures(rowOf(x, 0), 2), forest.topFeatures(rowOf(x, 0), 2));
  });

  it('rejects malformed state', () => {
    const state = forest.toState();
    assert.throws(() => IsolationForest.fromState({ ...state, kind: 'other' }), /not an isolation forest/);
    assert.throws(() => IsolationForest.fromState({ ...state, left: state.left.slice(1) }), /differ in length/);
    const badChild = [...state.left];
    badChild[0] = 0;
    assert.throws(() => IsolationForest.fromState({ ...state, left: badChild }), /node 0 is malformed/);
  });
});
