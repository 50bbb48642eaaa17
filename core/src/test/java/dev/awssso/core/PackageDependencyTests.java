package dev.awssso.core;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;

import dev.awssso.core.engine.SsoEngine;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Core's packages depend one way, the engine on top, as jdeps reads them from the compiled classes. */
class PackageDependencyTests {

    private static final Map<String, Set<String>> DEPENDENCIES = dependencies();

    @Test
    void noPackageDependsOnItselfThroughAnother() {
        for (String start : DEPENDENCIES.keySet()) {
            assertThat(reachableFrom(start)).as("packages that %s reaches", start).doesNotContain(start);
        }
    }

    @Test
    void onlyTheEngineUsesTheEnginePackage() {
        DEPENDENCIES.forEach((from, to) -> assertThat(to).as("what %s uses", from)
            .doesNotContain("dev.awssso.core.engine"));
    }

    @Test
    void theInternalHelpersDependOnNothingOfTheEngine() {
        assertThat(DEPENDENCIES.getOrDefault("dev.awssso.core.internal", Set.of())).isEmpty();
    }

    private static Set<String> reachableFrom(String start) {
        Set<String> seen = new HashSet<>();
        Deque<String> next = new ArrayDeque<>(DEPENDENCIES.getOrDefault(start, Set.of()));
        while (!next.isEmpty()) {
            String pkg = next.pop();
            if (seen.add(pkg)) {
                next.addAll(DEPENDENCIES.getOrDefault(pkg, Set.of()));
            }
        }
        return seen;
    }

    /** Each core package and the other core packages it uses. */
    private static Map<String, Set<String>> dependencies() {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        StringWriter out = new StringWriter();
        int exit = jdeps.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "-verbose:package", "-e",
                "dev\\.awssso\\.core.*", classes().toString());
        assertThat(exit).as("jdeps's exit code, printing %s", out).isZero();
        Map<String, Set<String>> dependencies = new TreeMap<>();
        for (String line : out.toString().lines().toList()) {
            List<String> words = List.of(line.trim().split("\\s+"));
            if (words.size() >= 3 && words.get(1).equals("->") && !words.get(0).equals(words.get(2))) {
                dependencies.computeIfAbsent(words.get(0), (key) -> new TreeSet<>()).add(words.get(2));
            }
        }
        assertThat(dependencies).as("the dependencies jdeps found").containsKey("dev.awssso.core.engine");
        return dependencies;
    }

    private static Path classes() {
        try {
            return Path.of(SsoEngine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        }
        catch (URISyntaxException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
