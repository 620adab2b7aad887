// Summary statistics of timing samples (milliseconds).

export function percentile(samples, p) {
    if (samples.length === 0) return NaN;
    const sorted = [...samples].sort((a, b) => a - b);
    // nearest rank
    const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
    return sorted[rank - 1];
}

export function summarize(samples) {
    const round = x => Math.round(x * 100) / 100;
    if (samples.length === 0) return { n: 0, median: null, p95: null, min: null, max: null };
    return {
        n: samples.length,
        median: round(percentile(samples, 50)),
        p95: round(percentile(samples, 95)),
        min: round(Math.min(...samples)),
        max: round(Math.max(...samples))
    };
}
