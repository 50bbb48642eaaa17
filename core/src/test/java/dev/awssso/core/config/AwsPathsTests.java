package dev.awssso.core.config;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AwsPathsTests {

    @Test
    void homeVariableBeatsUserHome() {
        AwsPaths paths = new AwsPaths(Map.of("HOME", "/home/env"), "/home/jvm");
        assertThat(paths.homeDirectory()).isEqualTo(Path.of("/home/env"));
    }

    @Test
    void userHomeIsUsedWhenHomeIsUnsetOrBlank() {
        assertThat(new AwsPaths(Map.of(), "/home/jvm").homeDirectory()).isEqualTo(Path.of("/home/jvm"));
        assertThat(new AwsPaths(Map.of("HOME", " "), "/home/jvm").homeDirectory()).isEqualTo(Path.of("/home/jvm"));
    }

    @Test
    void defaultConfigFileIsInHomeDirectory() {
        AwsPaths paths = new AwsPaths(Map.of("HOME", "/home/u"), "/home/jvm");
        assertThat(paths.configFile()).isEqualTo(Path.of("/home/u/.aws/config"));
    }

    @Test
    void configFileVariableIsHonouredWithTildeExpanded() {
        AwsPaths paths = new AwsPaths(Map.of("HOME", "/home/u", "AWS_CONFIG_FILE", "~/work/aws-config"), "/x");
        assertThat(paths.configFile()).isEqualTo(Path.of("/home/u/work/aws-config"));
    }

    @Test
    void tokenCacheDirectoryIsInHomeDirectory() {
        AwsPaths paths = new AwsPaths(Map.of(), "/home/jvm");
        assertThat(paths.tokenCacheDirectory()).isEqualTo(Path.of("/home/jvm/.aws/sso/cache"));
    }

    @Test
    void expandsTildeForms() {
        AwsPaths paths = new AwsPaths(Map.of("HOME", "/home/u"), "/home/jvm");
        assertThat(paths.expand("~")).isEqualTo(Path.of("/home/u"));
        assertThat(paths.expand("~/.aws/other")).isEqualTo(Path.of("/home/u/.aws/other"));
        assertThat(paths.expand("/etc/aws/config")).isEqualTo(Path.of("/etc/aws/config"));
    }

    @Test
    void expandsRelativePathAgainstWorkingDirectory() {
        AwsPaths paths = new AwsPaths(Map.of(), "/home/jvm");
        assertThat(paths.expand("conf/aws")).isEqualTo(Path.of("conf/aws").toAbsolutePath());
        assertThat(paths.expand("~other/x")).isEqualTo(Path.of("~other/x").toAbsolutePath());
    }
}
