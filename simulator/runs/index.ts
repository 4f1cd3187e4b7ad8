export * from './hash';
export * from './record';
