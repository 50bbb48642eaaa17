package dev.awssso.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.awssso.core.engine.SsoEngine;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport.ConditionAndOutcome;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.PropertySource;

import software.amazon.awssdk.regions.providers.AwsRegionProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SSO configuration is resolved once per application context, whatever the number of conditions and beans
 * that need it, and afresh for every new context. The condition evaluation report says why the starter stepped
 * aside or not. Resolutions are counted by the reads of {@code user.home}: each resolution reads it once.
 */
class SsoConfigurationResolutionTests {

    private static final String CONFIG = """
            [profile dev]
            sso_session = corp
            sso_account_id = 111122223333
            sso_role_name = ReadOnly
            region = eu-west-1

            [sso-session corp]
            sso_start_url = https://d-0000000000.awsapps.com/start
            sso_region = us-east-1
            """;

    @TempDir
    Path home;

    private final UserHomeReads userHomeReads = new UserHomeReads();

    private ApplicationContextRunner contextRunner;

    /** The report of the last context, kept also when its start failed. */
    private @Nullable ConditionEvaluationReport report;

    @BeforeEach
    void isolateFromTheMachinesAwsFiles() {
        this.contextRunner = new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(AwsSsoAutoConfiguration.class, AwsSsoModulesAutoConfiguration.class))
            .withInitializer((context) -> context.getEnvironment().getPropertySources().addFirst(this.userHomeReads))
            .withInitializer((context) -> this.report = ConditionEvaluationReport.get(context.getBeanFactory()))
            .withPropertyValues("HOME=" + this.home, "AWS_PROFILE=", "AWS_CONFIG_FILE=");
    }

    @Test
    void theConditionsAndTheBeansShareOneResolution() throws IOException {
        writeConfig();
        this.contextRunner.withPropertyValues("aws.sso.profile=dev").run((context) -> {
            assertThat(context).hasSingleBean(SsoEngine.class).hasSingleBean(AwsRegionProvider.class);
            assertThat(context.getBean(SsoConfiguration.class).settings()).get()
                .isSameAs(context.getBean(SsoEngine.class).settings());
            assertThat(this.userHomeReads.count).hasValue(1);
        });
    }

    @Test
    void stepsAsideAfterOneResolution() {
        this.contextRunner.run((context) -> {
            assertThat(context).doesNotHaveBean(SsoEngine.class);
            assertThat(this.userHomeReads.count).hasValue(1);
        });
    }

    @Test
    void everyNewContextResolvesAfresh() throws IOException {
        this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(SsoEngine.class));
        writeConfig();
        this.contextRunner.withPropertyValues("AWS_PROFILE=dev")
            .run((context) -> assertThat(context).hasSingleBean(SsoEngine.class));
        assertThat(this.userHomeReads.count).hasValue(2);
    }

    @Test
    void theReportSaysWhereNoConfigurationWasFound() {
        this.contextRunner.run((context) -> assertThat(outcomes(AwsSsoAutoConfiguration.class.getName()))
            .anySatisfy((outcome) -> {
                assertThat(outcome.getOutcome().isMatch()).isFalse();
                assertThat(outcome.getOutcome().getMessage())
                    .isEqualTo("IAM Identity Center configuration did not find settings in aws.sso.* properties and"
                            + " profile 'default' of " + this.home.resolve(".aws/config"));
            }));
    }

    @Test
    void theReportSaysWhereTheConfigurationAndTheRegionWereFound() throws IOException {
        Path config = writeConfig();
        this.contextRunner.withPropertyValues("aws.sso.profile=dev").run((context) -> {
            assertThat(outcomes(AwsSsoAutoConfiguration.class.getName())).anySatisfy((outcome) -> assertThat(
                    outcome.getOutcome().getMessage())
                .isEqualTo("IAM Identity Center configuration found settings in profile 'dev' in " + config));
            assertThat(outcomes(AwsSsoAutoConfiguration.class.getName() + "#awsSsoRegionProvider"))
                .anySatisfy((outcome) -> assertThat(outcome.getOutcome().getMessage())
                    .isEqualTo("IAM Identity Center region found region eu-west-1 in profile 'dev' in " + config));
        });
    }

    @Test
    void theReportSaysThatAConfigurationWithProblemsIsUsedToReportThem() {
        this.contextRunner.withPropertyValues("aws.sso.start-url=http://example.com").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(outcomes(AwsSsoAutoConfiguration.class.getName()))
                .anySatisfy((outcome) -> assertThat(outcome.getOutcome().getMessage()).isEqualTo(
                        "IAM Identity Center configuration it is configured with problems, which start-up reports"));
        });
    }

    private Path writeConfig() throws IOException {
        Files.createDirectories(this.home.resolve(".aws"));
        return Files.writeString(this.home.resolve(".aws/config"), CONFIG);
    }

    private List<ConditionAndOutcome> outcomes(String source) {
        assertThat(this.report).isNotNull();
        return this.report.getConditionAndOutcomesBySource()
            .get(source)
            .stream()
            .filter((outcome) -> outcome.getCondition().getClass().getName().startsWith("dev.awssso"))
            .toList();
    }

    /** Answers {@code user.home} (the resolution reads it beside {@code HOME}) and counts how often it was asked. */
    static final class UserHomeReads extends PropertySource<Object> {

        final AtomicInteger count = new AtomicInteger();

        UserHomeReads() {
            super("userHomeReads", new Object());
        }

        @Override
        public @Nullable Object getProperty(String name) {
            if (!name.equals("user.home")) {
                return null;
            }
            this.count.incrementAndGet();
            return "/nonexistent";
        }
    }
}
