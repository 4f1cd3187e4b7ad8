import { describe, expect, it } from 'vitest';
import { applyCompletion, recall } from './line-editing';

describe('prompt line editing', () => {
  it('walks history back with Up and forward to the empty draft with Down', () => {
    const history = ['a', 'b', 'c'];
    expect(recall(history, 3, 'up')).toEqual({ index: 2, line: 'c' });
    expect(recall(history, 0, 'up')).toEqual({ index: 0, line: 'a' });
    expect(recall(history, 2, 'down')).toEqual({ index: 3, line: undefined });
    expect(recall([], 0, 'up')).toEqual({ index: 0, line: undefined });
  });

  it('completes a single candidate with a space, several to their common prefix', () => {
    expect(applyCompletion('kubectl de', ['describe'])).toEqual({ line: 'kubectl describe ', listed: [] });
    expect(applyCompletion('kubectl logs deploy/o', ['deploy/orders/'])).toEqual({
      line: 'kubectl logs deploy/orders/',
      listed: [],
    });
    expect(applyCompletion('kubectl get pods orders-7', ['orders-7d9f-abc', 'orders-7d9f-xyz'])).toEqual({
      line: 'kubectl get pods orders-7d9f-',
      listed: ['orders-7d9f-abc', 'orders-7d9f-xyz'],
    });
    expect(applyCompletion('nosuch', [])).toEqual({ line: 'nosuch', listed: [] });
  });
});
