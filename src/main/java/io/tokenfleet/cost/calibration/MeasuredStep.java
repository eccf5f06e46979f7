package io.tokenfleet.cost.calibration;

/**
 * One measured row of a serving benchmark: a batch of identical requests on one replica.
 *
 * @param line 1-based line number in the source file (the header is line 1)
 * @param model model name as the file gives it
 * @param hardware GPU name as the file gives it
 * @param tensorParallel GPUs per replica
 * @param promptTokens tokens of each prompt
 * @param batch prompts prefilled (and sequences decoded) together
 * @param outputTokens tokens generated per request
 * @param promptSeconds time to prefill the batch, seconds
 * @param tokenSeconds mean decode step time of the batch, seconds
 */
public record MeasuredStep(
    long line,
    String model,
    String hardware,
    int tensorParallel,
    long promptTokens,
    int batch,
    long outputTokens,
    double promptSeconds,
    double tokenSeconds) {}
