// The tool's name and version as recorded in export manifests. A constant rather than a read of
// package.json, which is not beside the code once bundled; a test keeps the two equal.
export const TOOL_NAME = 'replay-ledger';
export const TOOL_VERSION = '0.1.0';
