package ${package};

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** POST /items: validates {"name", "quantity", "description"?} and answers 201 with the created item. */
final class Items {

    private static final Set<String> FIELDS = Set.of("name", "quantity", "description");

    private Items() {
    }

    static HttpResponse create(HttpRequest request) {
        String contentType = request.header("content-type");
        // The media type itself, parameters (charset) aside: application/json-seq or application/jsonl is not JSON
        if (contentType != null && !contentType.split(";", 2)[0].strip().equalsIgnoreCase("application/json")) {
            throw new HttpError(415, "UNSUPPORTED_MEDIA_TYPE", "Send the item as application/json.");
        }
        if (request.body() == null || request.body().isBlank()) {
            throw HttpError.badRequest("The request body is required.");
        }
        Map<String, Object> item = Json.object(request.body(), "body");
        for (String field : item.keySet()) {
            if (!FIELDS.contains(field)) {
                throw HttpError.validation("Unknown field '" + (field.length() > 32 ? field.substring(0, 32) + "..." : field)
                        + "'; allowed: description, name, quantity.");
            }
        }
        String name = text(item, "name", 1, 100, true);
        long quantity = quantity(item.get("quantity"));
        String description = text(item, "description", 0, 500, false);

        Map<String, Object> created = new LinkedHashMap<>();
        String id = UUID.randomUUID().toString();
        created.put("id", id);
        created.put("name", name);
        created.put("quantity", quantity);
        if (description != null) {
            created.put("description", description);
        }
        created.put("createdAt", Instant.now().toString());
        return HttpResponse.json(201, created).withHeader("location", "/items/" + id);
    }

    private static String text(Map<String, Object> item, String field, int min, int max, boolean required) {
        Object value = item.get(field);
        if (value == null) {
            if (required) {
                throw HttpError.validation("Field '" + field + "' is required.");
            }
            return null;
        }
        if (!(value instanceof String text)) {
            throw HttpError.validation("Field '" + field + "' must be a string.");
        }
        String trimmed = text.strip();
        if (trimmed.length() < min || trimmed.length() > max) {
            throw HttpError.validation("Field '" + field + "' must be " + min + " to " + max + " characters.");
        }
        return trimmed;
    }

    private static long quantity(Object value) {
        if (value == null) {
            throw HttpError.validation("Field 'quantity' is required.");
        }
        if (!(value instanceof Integer || value instanceof Long)) {
            throw HttpError.validation("Field 'quantity' must be a whole number.");
        }
        long quantity = ((Number) value).longValue();
        if (quantity < 1 || quantity > 10_000) {
            throw HttpError.validation("Field 'quantity' must be between 1 and 10000.");
        }
        return quantity;
    }
}
