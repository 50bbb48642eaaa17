package dev.awssso.emulator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The portal's {@code next_token} / {@code max_result} paging over a list.
 */
final class Paging {

    private static final int MAX_PAGE_SIZE = 100;

    private Paging() {
    }

    /**
     * The page of {@code items} a request asks for.
     * @throws ServiceError {@code InvalidRequestException} for a malformed {@code next_token} or
     *     {@code max_result}
     */
    static <T> Page<T> page(List<T> items, Request request) {
        int from = offset(request.queryParameter("next_token"), items.size());
        int size = pageSize(request.queryParameter("max_result"));
        int to = Math.min(items.size(), from + size);
        String nextToken = (to < items.size()) ? encode(to) : null;
        return new Page<>(items.subList(from, to), nextToken);
    }

    private static int offset(@Nullable String nextToken, int itemCount) {
        if (nextToken == null) {
            return 0;
        }
        int offset = parse(decode(nextToken));
        if (offset < 0 || offset > itemCount) {
            throw new ServiceError(400, "InvalidRequestException", "Invalid next_token");
        }
        return offset;
    }

    private static int pageSize(@Nullable String maxResult) {
        if (maxResult == null) {
            return MAX_PAGE_SIZE;
        }
        int size = parse(maxResult);
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new ServiceError(400, "InvalidRequestException",
                    "max_result must be between 1 and " + MAX_PAGE_SIZE);
        }
        return size;
    }

    /**
     * The number, or -1 if the text is not a number.
     */
    private static int parse(String text) {
        try {
            return Integer.parseInt(text);
        }
        catch (NumberFormatException ex) {
            return -1;
        }
    }

    /**
     * The decoded token, or an empty string if it is not base64url.
     */
    private static String decode(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException ex) {
            return "";
        }
    }

    private static String encode(int offset) {
        byte[] text = Integer.toString(offset).getBytes(StandardCharsets.UTF_8);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text);
    }

    /**
     * One page.
     * @param items the items on it
     * @param nextToken the token for the next page, or {@code null} on the last page
     */
    record Page<T>(List<T> items, @Nullable String nextToken) {
    }

}
