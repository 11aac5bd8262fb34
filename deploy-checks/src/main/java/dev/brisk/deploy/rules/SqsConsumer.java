package dev.brisk.deploy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.brisk.deploy.Expectations;
import dev.brisk.deploy.PolicyRule;
import dev.brisk.deploy.Template;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every SQS queue a function consumes: visibility timeout at least 6x the function timeout plus the event source
 * mapping's MaximumBatchingWindowInSeconds (AWS's rule: a message is invisible from the moment Lambda polls it, so
 * it must not reappear while its batch is still being gathered or a throttled batch is retried), a redrive policy
 * to a dead-letter queue of this template with maxReceiveCount at least 5 (a throttled batch is not dead-lettered
 * at once), the DLQ of the same type (a FIFO queue's DLQ must be FIFO), and ReportBatchItemFailures on the event
 * source mapping, so one bad message does not send its whole batch back.
 */
public final class SqsConsumer implements PolicyRule {

    static final int VISIBILITY_FACTOR = 6;
    static final int MIN_MAX_RECEIVE_COUNT = 5;
    /** CloudFormation defaults when a property is absent. */
    private static final int DEFAULT_VISIBILITY_TIMEOUT = 30;
    private static final int DEFAULT_FUNCTION_TIMEOUT = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String id() {
        return "sqs";
    }

    @Override
    public List<Violation> check(Template template, Expectations expected) {
        List<Violation> violations = new ArrayList<>();
        template.resourcesOfType("AWS::Lambda::EventSourceMapping").forEach((id, mapping) -> {
            JsonNode props = mapping.path("Properties");
            JsonNode source = props.path("EventSourceArn");
            boolean sqs = Template.render(source).contains(":sqs:")
                    || Template.referencedId(source).map(q -> "AWS::SQS::Queue".equals(template.type(q))).orElse(false);
            if (!sqs) {
                return;
            }
            Optional<String> queue = Template.referencedId(source)
                    .filter(q -> "AWS::SQS::Queue".equals(template.type(q)));
            if (queue.isEmpty()) {
                violations.add(new Violation(id(), id, "consumes a queue not defined in this template ("
                        + Template.render(source) + "): its visibility timeout and redrive cannot be checked"));
                return;
            }
            if (!containsText(props.path("FunctionResponseTypes"), "ReportBatchItemFailures")) {
                violations.add(new Violation(id(), id, "FunctionResponseTypes lacks ReportBatchItemFailures: one failed"
                        + " message returns its whole batch to the queue"));
            }
            Optional<Template.LambdaTarget> target = template.lambdaTarget(props.path("FunctionName"));
            int timeout = target.map(t -> template.properties(t.function()).path("Timeout").asInt(DEFAULT_FUNCTION_TIMEOUT))
                    .orElse(DEFAULT_FUNCTION_TIMEOUT);
            int batchingWindow = props.path("MaximumBatchingWindowInSeconds").asInt(0);
            violations.addAll(checkQueue(template, queue.get(), timeout, batchingWindow));
        });
        return violations;
    }

    private List<Violation> checkQueue(Template template, String queue, int functionTimeout, int batchingWindow) {
        List<Violation> violations = new ArrayList<>();
        JsonNode props = template.properties(queue);
        int visibility = props.path("VisibilityTimeout").asInt(DEFAULT_VISIBILITY_TIMEOUT);
        int needed = VISIBILITY_FACTOR * functionTimeout + batchingWindow;
        if (visibility < needed) {
            violations.add(new Violation(id(), queue, "VisibilityTimeout " + visibility + " s is under " + VISIBILITY_FACTOR
                    + " x the function timeout (" + functionTimeout + " s)"
                    + (batchingWindow > 0 ? " + MaximumBatchingWindowInSeconds (" + batchingWindow + " s)" : "")
                    + " = " + needed + " s"));
        }
        JsonNode redrive = redrivePolicy(props.path("RedrivePolicy"));
        if (redrive == null) {
            violations.add(new Violation(id(), queue, "has no RedrivePolicy: a poison message is retried forever, no DLQ"));
            return violations;
        }
        int maxReceive = redrive.path("maxReceiveCount").asInt(0);
        if (maxReceive < MIN_MAX_RECEIVE_COUNT) {
            violations.add(new Violation(id(), queue, "maxReceiveCount " + maxReceive + " is under "
                    + MIN_MAX_RECEIVE_COUNT));
        }
        Optional<String> dlq = Template.referencedId(redrive.path("deadLetterTargetArn"))
                .filter(q -> "AWS::SQS::Queue".equals(template.type(q)));
        if (dlq.isEmpty()) {
            violations.add(new Violation(id(), queue, "deadLetterTargetArn is not a queue of this template: "
                    + Template.render(redrive.path("deadLetterTargetArn"))));
        } else if (fifo(template, queue) != fifo(template, dlq.get())) {
            violations.add(new Violation(id(), queue, (fifo(template, queue) ? "FIFO" : "standard") + " queue with a "
                    + (fifo(template, dlq.get()) ? "FIFO" : "standard") + " dead-letter queue " + dlq.get()));
        }
        return violations;
    }

    private static boolean fifo(Template template, String queue) {
        return template.properties(queue).path("FifoQueue").asBoolean(false);
    }

    /** RedrivePolicy is an object, or a JSON string in older templates. */
    private static JsonNode redrivePolicy(JsonNode node) {
        if (node.isObject()) {
            return node;
        }
        if (node.isTextual()) {
            try {
                return JSON.readTree(node.asText());
            } catch (IOException e) {
                return null;
            }
        }
        return null;
    }

    private static boolean containsText(JsonNode array, String value) {
        for (JsonNode n : array) {
            if (value.equals(n.asText())) {
                return true;
            }
        }
        return false;
    }
}
