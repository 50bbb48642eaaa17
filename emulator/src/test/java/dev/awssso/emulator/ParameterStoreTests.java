package dev.awssso.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.SsmException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

/**
 * Parameter Store {@code GetParameter} and {@code GetParametersByPath} (AWS JSON 1.1) through the real
 * {@code SsmClient}, signed with role credentials of the emulator.
 */
class ParameterStoreTests extends SignedInTests {

    private ServiceClients services;

    @BeforeEach
    void createClients() {
        this.services = new ServiceClients(this.emulator, this.clients.roleCredentials(this.session.accessToken()));
    }

    @AfterEach
    void closeServiceClients() {
        this.services.close();
    }

    @Test
    void parametersByPathArePagedTenAtATimeInNameOrder() {
        IntStream.rangeClosed(1, 23)
            .forEach((i) -> this.emulator.parameterStore().putString("/config/app/key%02d".formatted(i), "v" + i));
        this.emulator.parameterStore().putString("/config/other/key", "elsewhere");

        List<GetParametersByPathResponse> pages = this.services.ssm
            .getParametersByPathPaginator((request) -> request.path("/config/app/").recursive(true))
            .stream()
            .toList();

        assertThat(pages).extracting((page) -> page.parameters().size()).containsExactly(10, 10, 3);
        assertThat(pages.stream().flatMap((page) -> page.parameters().stream()).map(Parameter::name))
            .hasSize(23)
            .isSorted()
            .allMatch((name) -> name.startsWith("/config/app/key"));
        assertThat(pages.get(2).nextToken()).isNull();
        assertThat(this.emulator.callCount(Operation.GET_PARAMETERS_BY_PATH)).isEqualTo(3);
    }

    @Test
    void aPageSizeAboveTenIsAValidationError() {
        assertThatExceptionOfType(SsmException.class)
            .isThrownBy(() -> this.services.ssm.getParametersByPath((request) -> request.path("/").maxResults(11)))
            .satisfies((ex) -> {
                assertThat(ex.statusCode()).isEqualTo(400);
                assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
            });
    }

    @Test
    void withoutRecursiveOnlyTheFirstLevelIsListed() {
        this.emulator.parameterStore().putString("/config/app/top", "1");
        this.emulator.parameterStore().putString("/config/app/nested/deep", "2");

        assertThat(this.services.ssm.getParametersByPath((request) -> request.path("/config/app")).parameters())
            .extracting(Parameter::name)
            .containsExactly("/config/app/top");
        assertThat(this.services.ssm.getParametersByPath((request) -> request.path("/config/app").recursive(true))
            .parameters()).extracting(Parameter::name).containsExactly("/config/app/nested/deep", "/config/app/top");
    }

    @Test
    void aSecureStringIsReadInClearTextOnlyWithDecryption() {
        this.emulator.parameterStore().putSecureString("/config/app/db.password", "s3cr3t");

        Parameter encrypted = this.services.ssm.getParameter((request) -> request.name("/config/app/db.password"))
            .parameter();
        Parameter decrypted = this.services.ssm
            .getParameter((request) -> request.name("/config/app/db.password").withDecryption(true))
            .parameter();

        assertThat(encrypted.type()).isEqualTo(ParameterType.SECURE_STRING);
        assertThat(encrypted.value()).isNotBlank().doesNotContain("s3cr3t");
        assertThat(decrypted.value()).isEqualTo("s3cr3t");
        assertThat(this.services.ssm.getParametersByPath((request) -> request.path("/config/app/").withDecryption(true))
            .parameters()).extracting(Parameter::value).containsExactly("s3cr3t");
    }

    @Test
    void aParameterIsDescribedAsTheServiceDescribesIt() {
        this.emulator.parameterStore().putString("/config/app/greeting", "hello");
        this.emulator.parameterStore().putString("/config/app/greeting", "hello again");

        Parameter parameter = this.services.ssm.getParameter((request) -> request.name("/config/app/greeting"))
            .parameter();

        assertThat(parameter.value()).isEqualTo("hello again");
        assertThat(parameter.type()).isEqualTo(ParameterType.STRING);
        assertThat(parameter.version()).isEqualTo(2);
        assertThat(parameter.dataType()).isEqualTo("text");
        assertThat(parameter.arn()).isEqualTo("arn:aws:ssm:eu-west-1:111122223333:parameter/config/app/greeting");
        assertThat(parameter.lastModifiedDate()).isCloseTo(Instant.now(), within(Duration.ofMinutes(1)));
        assertThat(this.services.ssm.getParameter((request) -> request.name(parameter.arn())).parameter().name())
            .isEqualTo("/config/app/greeting");
    }

    @Test
    void anUnknownParameterIsParameterNotFound() {
        assertThatExceptionOfType(ParameterNotFoundException.class)
            .isThrownBy(() -> this.services.ssm.getParameter((request) -> request.name("/config/app/missing")))
            .satisfies((ex) -> {
                assertThat(ex.statusCode()).isEqualTo(400);
                assertThat(ex.requestId()).isNotBlank();
            });
    }

    @Test
    void aDeletedParameterIsGone() {
        this.emulator.parameterStore().putString("/config/app/gone", "soon");

        assertThat(this.emulator.parameterStore().delete("/config/app/gone")).isTrue();

        assertThatExceptionOfType(ParameterNotFoundException.class)
            .isThrownBy(() -> this.services.ssm.getParameter((request) -> request.name("/config/app/gone")));
    }

    @Test
    void otherOperationsAreUnknown() {
        assertThatExceptionOfType(SsmException.class)
            .isThrownBy(() -> this.services.ssm.describeParameters((request) -> { }))
            .satisfies((ex) -> assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("UnknownOperationException"));
    }

}
