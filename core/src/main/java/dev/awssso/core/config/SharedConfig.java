package dev.awssso.core.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * A parsed shared config file: its profiles and {@code [sso-session]} sections.
 */
final class SharedConfig {

    private static final String SSO_SESSION_SECTION = "sso-session";

    private static final Pattern SSO_SESSION_HEADER = Pattern.compile("^\\[\\s*sso-session\\s+([^\\]#;]+?)\\s*]");

    private final Path file;

    private final ProfileFile profileFile;

    SharedConfig(Path file, ProfileFile profileFile) {
        this.file = file;
        this.profileFile = profileFile;
    }

    /** The profile of that name ({@code [profile NAME]}, or {@code [default]} for {@code default}). */
    Optional<Profile> profile(String name) {
        return this.profileFile.profile(name);
    }

    /** The {@code [sso-session NAME]} section of that name. */
    Optional<Profile> ssoSession(String name) {
        return this.profileFile.getSection(SSO_SESSION_SECTION, name);
    }

    /** The names of all profiles, sorted. */
    List<String> profileNames() {
        return this.profileFile.profiles().keySet().stream().sorted().toList();
    }

    /**
     * The names of all {@code [sso-session]} sections, sorted. {@link ProfileFile} cannot list them, so the
     * section headers are looked up in the file again; an unreadable file gives an empty list.
     */
    List<String> ssoSessionNames() {
        try {
            String content = new String(Files.readAllBytes(this.file), StandardCharsets.UTF_8);
            return content.lines()
                .map(SSO_SESSION_HEADER::matcher)
                .filter(Matcher::find)
                .map((matcher) -> matcher.group(1))
                .filter((name) -> ssoSession(name).isPresent())
                .distinct()
                .sorted()
                .toList();
        }
        catch (IOException ex) {
            return List.of();
        }
    }
}
