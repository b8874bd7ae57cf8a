/** Bad OCI metadata in cases/oci.ts: a PipelineValidationError naming the construct path, nothing written. */
import { OCI_CASES } from './cases';
import { runCases } from './support';

runCases('synthesis rejects bad OCI metadata (licenses) with a PipelineValidationError naming the construct path', OCI_CASES);
