package dev.awssso.core.internal;

/**
 * Text that comes from outside the application (a callback's {@code error}, a service's error message, a
 * device code's URL and code), made fit for a log line or an answer: control characters and line separators
 * become spaces, so that it cannot forge a log line, and it is cut at 300 characters.
 */
public final class ForeignText {

    private static final int LIMIT = 300;

    private ForeignText() {
    }

    /** {@code text} on one line, without control characters. */
    public static String of(String text) {
        StringBuilder clean = new StringBuilder(Math.min(text.length(), LIMIT));
        text.codePoints().limit(LIMIT).forEach((c) -> clean.appendCodePoint(isUnsafe(c) ? ' ' : c));
        return (text.codePointCount(0, text.length()) > LIMIT) ? clean.append('…').toString() : clean.toString();
    }

    private static boolean isUnsafe(int codePoint) {
        return Character.isISOControl(codePoint) || codePoint == '\u2028' || codePoint == '\u2029'
                || Character.getType(codePoint) == Character.FORMAT;
    }
}
