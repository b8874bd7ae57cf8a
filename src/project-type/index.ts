export * from './containers-sample';
export * from './containers-typescript-project';
