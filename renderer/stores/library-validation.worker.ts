/// <reference lib="webworker" />
/** Validates the library's files off the UI thread, keeping the cache between folder changes. */
import { answer, ValidationCache, type ValidationRequest } from './library-validation';

const cache = new ValidationCache();

self.onmessage = (event: MessageEvent<ValidationRequest>) => self.postMessage(answer(cache, event.data));
