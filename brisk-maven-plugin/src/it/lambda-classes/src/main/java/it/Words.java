package it;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Lambdas and method references of several kinds, and the names of their classes in the answer. */
public class Words implements RequestHandler<Map<String, String>, Map<String, Object>> {

    private final String prefix = "#";
    private final Supplier<String> made = () -> prefix + "made";

    private String tag(String word) {
        return prefix + word;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, String> event, Context context) {
        int min = 4;
        Function<String, String> tag = this::tag;
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("long", Arrays.stream(event.get("text").split(" "))
                .filter(w -> w.length() >= min)
                .map(tag)
                .sorted(Comparator.comparing(String::length).thenComparing(Function.identity()))
                .collect(Collectors.joining(",")));
        answer.put("made", made.get());
        answer.put("classes", tag.getClass().getName() + " " + made.getClass().getName());
        return answer;
    }
}
