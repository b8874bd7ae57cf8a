export * from './action-pins';
export * from './containers-workflow';
