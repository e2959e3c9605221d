/**
 * Running Steward: Prometheus metrics ({@link dev.steward.ops.Metrics}), health with degraded
 * states ({@link dev.steward.ops.Health}) and structured logs ({@link dev.steward.ops.Logs}).
 */
package dev.steward.ops;
