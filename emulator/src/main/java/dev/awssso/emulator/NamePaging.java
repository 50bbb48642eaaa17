package dev.awssso.emulator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import dev.awssso.emulator.Paging.Page;

/**
 * {@code NextToken} paging over a list sorted by name, as the AWS JSON services page: the token names the last
 * item of the previous page, so items added or removed between two pages shift nothing.
 */
final class NamePaging {

    private NamePaging() {
    }

    /**
     * The page of {@code sorted} after the token.
     * @param sorted items sorted by {@code name}
     * @param name the name of an item
     * @param nextToken the token of the previous page, or {@code null} for the first page
     * @param size the most items on the page
     * @param invalidToken the service's error for a token it did not issue
     */
    static <T> Page<T> page(List<T> sorted, Function<T, String> name, @Nullable String nextToken, int size,
            Supplier<ServiceError> invalidToken) {
        int from = 0;
        if (nextToken != null) {
            String after = decode(nextToken);
            if (after == null) {
                throw invalidToken.get();
            }
            while (from < sorted.size() && name.apply(sorted.get(from)).compareTo(after) <= 0) {
                from++;
            }
        }
        int to = Math.min(sorted.size(), from + size);
        List<T> items = sorted.subList(from, to);
        String token = (to < sorted.size()) ? encode(name.apply(sorted.get(to - 1))) : null;
        return new Page<>(items, token);
    }

    private static String encode(String name) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("after:" + name).getBytes(StandardCharsets.UTF_8));
    }

    private static @Nullable String decode(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            return text.startsWith("after:") ? text.substring("after:".length()) : null;
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
    }

}
