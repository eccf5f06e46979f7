package io.tokenfleet.spark;

/**
 * One accepted request of a model as the plan job ships it to executors.
 *
 * @param id rank of the request in (arrival_time_ms, request_id, prompt_tokens, output_tokens) order,
 *     0-based; also the RequestTable id, so (arrival, id) order is this rank order
 * @param arrivalMillis arrival_time_ms
 * @param promptTokens prompt tokens, >= 1
 * @param outputTokens output tokens per sequence, >= 1
 */
public record PlanRequest(long id, long arrivalMillis, int promptTokens, int outputTokens) implements java.io.Serializable {}
