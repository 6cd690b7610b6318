/**
 * `pulumi-aws-incident-manager/testing`: unit-test Pulumi programs that use this package (or any
 * AWS program) offline, with mocks that answer as AWS would, and see exactly what registered.
 *
 * - {@link mocks}: realistic `pulumi.runtime.Mocks` (ARNs per resource type, account, partition
 *   and region settable, caller identity / partition / region invokes answered).
 * - {@link installCapture}: installs those mocks and records every registration (inputs, parent,
 *   protect, dependencies, secrets), refusing a duplicate URN as the engine does; {@link settle}
 *   waits for them, {@link valueOf} reads an Output, {@link reset} starts over.
 * - {@link recordComponents}: the component instances a program built.
 */
export {
  applyMockOptions,
  configureMocks,
  MOCK_ACCOUNT,
  MOCK_PARTITION,
  MOCK_REGION,
  mockCall,
  type MockOptions,
  mocks,
  mockSettings,
  mockState,
  setMockAccount,
} from "./mocks";
export {
  type Capture,
  type CapturedCall,
  type CapturedResource,
  type CaptureOptions,
  duplicateUrnMessage,
  installCapture,
  reset,
  settle,
  unwrapSecrets,
  valueOf,
} from "./capture";
export { type BuiltComponent, type ComponentRecorder, recordComponents } from "./components";
export { missingSdkInternals, SDK_VERSION_CHECKED } from "./sdkInternals";
