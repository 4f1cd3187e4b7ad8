/** Test double shared by the transport and store tests: a worker that records and replays messages. */
import type { FromWorker, ToWorker } from './protocol';
import type { RunTransport } from './transport';

export class FakeWorker implements RunTransport {
  readonly posted: ToWorker[] = [];
  closed = false;
  private callback: (message: FromWorker) => void = () => {};
  post(message: ToWorker): void {
    this.posted.push(message);
  }
  onMessage(callback: (message: FromWorker) => void): void {
    this.callback = callback;
  }
  close(): void {
    this.closed = true;
  }
  /** Delivers `message` as if the worker had posted it. */
  emit(message: FromWorker): void {
    this.callback(message);
  }
}
