package com.example.job;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.json.JSONArray;
import org.json.JSONObject;

/**
 * What one run probes, from the schedule's input: {"baseUrl": "https://api.example.com", "paths": ["/health"],
 * "concurrency": 4}. Only the base URL's host is ever called: a path must be relative to the base and stay inside it.
 *
 * @param baseUrl     scheme, host, port and base path; never a trailing slash
 * @param paths       each starting with '/', resolved under the base path
 * @param urls        the URL of each path, checked to stay on the base
 * @param concurrency the most probes in flight at once
 */
record JobInput(URI baseUrl, List<String> paths, List<URI> urls, int concurrency) {

    /** Caps from the function's environment, so a schedule's input cannot ask for more than the deployer allowed. */
    record Limits(int maxConcurrency, int maxPaths) {
    }

    static final int MAX_BYTES = 64 * 1024;
    static final int MAX_PATH_LENGTH = 1024;
    private static final int MAX_DEPTH = 4;
    private static final Set<String> FIELDS = Set.of("baseUrl", "paths", "concurrency");

    static JobInput parse(byte[] event, Limits limits) throws BadInput {
        JSONObject json = object(event);
        if (json.has("detail-type") && json.has("source")) {
            throw new BadInput("This is an EventBridge event, not the job's input: give the schedule an input "
                    + "{\"baseUrl\", \"paths\", \"concurrency\"} (serverless.yml, JobSchedule).");
        }
        for (String key : json.keySet()) {
            if (!FIELDS.contains(key)) {
                throw new BadInput("Unknown field '" + printable(key) + "': the input has only "
                        + FIELDS.stream().sorted().toList() + ".");
            }
        }
        URI base = baseUrl(json.opt("baseUrl"));
        List<String> paths = paths(json.opt("paths"), limits.maxPaths());
        int concurrency = concurrency(json.opt("concurrency"), limits.maxConcurrency());
        List<URI> urls = new ArrayList<>(paths.size());
        for (String path : paths) {
            urls.add(resolve(base, path)); // refuses anything that would leave the base
        }
        return new JobInput(base, List.copyOf(paths), List.copyOf(urls), concurrency);
    }

    /** The URL a path is probed at: the base URL followed by the path, checked to stay on the base's host and path. */
    static URI resolve(URI base, String path) throws BadInput {
        checkPath(path);
        URI url;
        try {
            url = new URI(base.toString().concat(path));
        } catch (URISyntaxException e) {
            throw new BadInput("Path '" + printable(path) + "' is not a valid URL path.");
        }
        String basePath = base.getRawPath() == null ? "" : base.getRawPath();
        if (!base.getScheme().equals(url.getScheme()) || !base.getHost().equalsIgnoreCase(url.getHost())
                || base.getPort() != url.getPort() || url.getRawUserInfo() != null
                || !url.getRawPath().startsWith(basePath.concat("/"))) {
            throw new BadInput("Path '" + printable(path) + "' leaves the base URL " + base + ".");
        }
        return url;
    }

    private static JSONObject object(byte[] event) throws BadInput {
        if (event.length == 0) {
            throw new BadInput("The input is empty: the schedule must send {\"baseUrl\", \"paths\", \"concurrency\"}.");
        }
        if (event.length > MAX_BYTES) {
            throw new BadInput("The input is larger than " + MAX_BYTES + " bytes.");
        }
        Object value;
        try {
            value = StrictJson.parse(new String(event, StandardCharsets.UTF_8), MAX_DEPTH);
        } catch (StrictJson.Invalid e) {
            throw new BadInput("The input " + e.getMessage() + ".");
        }
        if (!(value instanceof JSONObject json)) {
            throw new BadInput("The input must be a JSON object.");
        }
        return json;
    }

    private static URI baseUrl(Object value) throws BadInput {
        if (!(value instanceof String text) || text.isBlank()) {
            throw new BadInput("'baseUrl' is required: a string such as \"https://api.example.com\".");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new BadInput("'baseUrl' is not a valid URL.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new BadInput("'baseUrl' must be an http or https URL, not '" + printable(scheme) + ":'.");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw new BadInput("'baseUrl' must name a host, with no user or password.");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new BadInput("'baseUrl' takes no query or fragment: put them in the paths.");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (hasDotSegment(path)) {
            throw new BadInput("'baseUrl' has a '.' or '..' segment.");
        }
        try {
            return new URI(new StringBuilder(scheme).append("://").append(uri.getRawAuthority()).append(path)
                    .toString());
        } catch (URISyntaxException e) {
            throw new BadInput("'baseUrl' is not a valid URL.");
        }
    }

    private static List<String> paths(Object value, int maxPaths) throws BadInput {
        if (!(value instanceof JSONArray array)) {
            throw new BadInput("'paths' is required: a list of paths such as [\"/health\"].");
        }
        if (array.isEmpty()) {
            throw new BadInput("'paths' is empty: give at least one path.");
        }
        if (array.length() > maxPaths) {
            throw new BadInput("'paths' has " + array.length() + " entries; at most " + maxPaths + " (MAX_PATHS).");
        }
        List<String> paths = new ArrayList<>(array.length());
        for (Object path : array) {
            if (!(path instanceof String text)) {
                throw new BadInput("Every entry of 'paths' must be a string.");
            }
            paths.add(text);
        }
        return paths;
    }

    private static int concurrency(Object value, int max) throws BadInput {
        if (!(value instanceof Integer n) || n < 1 || n > max) {
            throw new BadInput("'concurrency' must be a whole number from 1 to " + max + " (MAX_CONCURRENCY).");
        }
        return n;
    }

    /** A path is relative to the base: '/' then no scheme, authority, backslash, dot segment or control character. */
    private static void checkPath(String path) throws BadInput {
        if (path.isEmpty() || path.charAt(0) != '/') {
            throw new BadInput("Path '" + printable(path) + "' must start with '/': it is appended to the base URL,"
                    + " and absolute URLs are refused.");
        }
        if (path.startsWith("//")) {
            throw new BadInput("Path '" + printable(path) + "' starts with '//', which names another host.");
        }
        if (path.length() > MAX_PATH_LENGTH) {
            throw new BadInput("A path is longer than " + MAX_PATH_LENGTH + " characters.");
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c <= ' ' || c == 0x7f || c == '\\' || c == '#') {
                throw new BadInput("Path '" + printable(path) + "' has a space, control character, backslash or '#'.");
            }
        }
        int query = path.indexOf('?');
        if (hasDotSegment(query < 0 ? path : path.substring(0, query))) {
            throw new BadInput("Path '" + printable(path) + "' has a '.' or '..' segment: it could leave the base"
                    + " URL.");
        }
    }

    /** '.' and '..' segments, also percent-encoded (%2e), which servers decode before resolving. */
    private static boolean hasDotSegment(String path) {
        for (String segment : path.split("/", -1)) {
            String decoded = segment.toLowerCase(Locale.ROOT).replace("%2e", ".");
            if (decoded.equals(".") || decoded.equals("..")) {
                return true;
            }
        }
        return false;
    }

    /** Enough of a value to recognise it in a log, without control characters or unbounded length. */
    private static String printable(String text) {
        String cut = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
