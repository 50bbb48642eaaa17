package dev.awssso.core.internal;

import java.util.regex.Pattern;

/** Quotes a word for a POSIX shell, so that a command shown to copy and paste runs as shown. */
public final class ShellWords {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private ShellWords() {
    }

    /**
     * The word as a shell reads it back: unchanged when it has only plain characters, else in single quotes.
     * @param word any text, such as a path or an sso-session name
     * @return the quoted word
     */
    public static String quote(String word) {
        if (PLAIN.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\"'\"'") + "'";
    }
}
