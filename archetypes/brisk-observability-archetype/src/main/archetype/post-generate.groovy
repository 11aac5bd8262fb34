// brisk-observability-archetype: API Gateway waits 30 s at most for an HTTP API integration
number('timeout', 1, 30)
// Lambda takes at most 6 MB of request payload, the body with its event around it
number('maxBodyBytes', 1, 6_000_000)
// A request waits at most this long for its spans: at least 1 ms, and well inside the function's timeout
number('flushTimeoutMs', 1, 5_000)
