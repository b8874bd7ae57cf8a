export * from './action-pins';
export * from './containers-workflow';
export * from './pull-request-images';
export * from './workflow-definition';
export * from './workflow-registry';
export * from './workflow-triggers';
