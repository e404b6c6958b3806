/**
 * onnxruntime-node 1.30 starts a telemetry client that uploads over HTTPS unless ORT_DISABLE_TELEMETRY
 * is set to a non-empty value (seen in containers without a CA bundle, where it warns that uploads are unavailable). A
 * pruning tool has no business sending that: off unless the user set the variable themselves. Imported
 * before onnxruntime-node wherever it is loaded; bin/qprune.js sets it first thing too, so worker
 * threads (whose process.env changes do not reach native code) inherit it from the process.
 */
process.env.ORT_DISABLE_TELEMETRY ||= '1';
export {};
