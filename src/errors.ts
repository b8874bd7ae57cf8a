export { PipelineValidationError } from './core/diagnostics';
