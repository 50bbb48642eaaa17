package dev.awssso.emulator;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.Filter;
import software.amazon.awssdk.services.secretsmanager.model.FilterNameStringType;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.InvalidParameterException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretValueEntry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Secrets Manager {@code GetSecretValue} and {@code BatchGetSecretValue} (AWS JSON 1.1) through the real
 * {@code SecretsManagerClient}, signed with role credentials of the emulator.
 */
class SecretsManagerTests extends SignedInTests {

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
    void aSecretIsReadByNameAndByArn() {
        this.emulator.secretsManager().putSecretString("my-app/db", "{\"username\":\"app\",\"password\":\"pw\"}");

        GetSecretValueResponse byName = this.services.secretsManager
            .getSecretValue((request) -> request.secretId("my-app/db"));
        GetSecretValueResponse byArn = this.services.secretsManager
            .getSecretValue((request) -> request.secretId(byName.arn()));

        assertThat(byName.name()).isEqualTo("my-app/db");
        assertThat(byName.secretString()).isEqualTo("{\"username\":\"app\",\"password\":\"pw\"}");
        assertThat(byName.secretBinary()).isNull();
        assertThat(byName.arn()).matches("arn:aws:secretsmanager:eu-west-1:111122223333:secret:my-app/db-[A-Za-z]{6}");
        assertThat(byName.versionStages()).containsExactly("AWSCURRENT");
        assertThat(byName.versionId()).isNotBlank();
        assertThat(byName.createdDate()).isNotNull();
        assertThat(byArn.secretString()).isEqualTo(byName.secretString());
        assertThat(this.emulator.callCount(Operation.GET_SECRET_VALUE)).isEqualTo(2);
    }

    @Test
    void aNewValueIsANewVersionOfTheSameSecret() {
        this.emulator.secretsManager().putSecretString("my-app/token", "one");
        GetSecretValueResponse first = this.services.secretsManager
            .getSecretValue((request) -> request.secretId("my-app/token"));
        this.emulator.secretsManager().putSecretString("my-app/token", "two");

        GetSecretValueResponse second = this.services.secretsManager
            .getSecretValue((request) -> request.secretId("my-app/token"));

        assertThat(second.secretString()).isEqualTo("two");
        assertThat(second.arn()).isEqualTo(first.arn());
        assertThat(second.versionId()).isNotEqualTo(first.versionId());
        assertThatExceptionOfType(ResourceNotFoundException.class)
            .isThrownBy(() -> this.services.secretsManager
                .getSecretValue((request) -> request.secretId("my-app/token").versionId(first.versionId())));
    }

    @Test
    void aBinarySecretIsSentAsBase64() {
        byte[] keystore = "not really a keystore".getBytes(StandardCharsets.UTF_8);
        this.emulator.secretsManager().putSecretBinary("my-app/keystore", keystore);

        GetSecretValueResponse response = this.services.secretsManager
            .getSecretValue((request) -> request.secretId("my-app/keystore"));

        assertThat(response.secretBinary().asByteArray()).isEqualTo(keystore);
        assertThat(response.secretString()).isNull();
    }

    @Test
    void anUnknownSecretIsResourceNotFound() {
        assertThatExceptionOfType(ResourceNotFoundException.class)
            .isThrownBy(() -> this.services.secretsManager.getSecretValue((request) -> request.secretId("missing")))
            .satisfies((ex) -> {
                assertThat(ex.statusCode()).isEqualTo(400);
                assertThat(ex.awsErrorDetails().errorMessage())
                    .isEqualTo("Secrets Manager can't find the specified secret.");
            });
    }

    @Test
    void aBatchBySecretIdListsWhatWasNotFound() {
        this.emulator.secretsManager().putSecretString("my-app/a", "A");
        this.emulator.secretsManager().putSecretString("my-app/b", "B");

        BatchGetSecretValueResponse response = this.services.secretsManager
            .batchGetSecretValue((request) -> request.secretIdList("my-app/b", "my-app/missing", "my-app/a"));

        assertThat(response.secretValues()).extracting(SecretValueEntry::name, SecretValueEntry::secretString)
            .containsExactly(tuple("my-app/b", "B"),
                    tuple("my-app/a", "A"));
        assertThat(response.errors()).singleElement().satisfies((error) -> {
            assertThat(error.secretId()).isEqualTo("my-app/missing");
            assertThat(error.errorCode()).isEqualTo("ResourceNotFoundException");
        });
        assertThat(response.nextToken()).isNull();
    }

    @Test
    void aBatchByNameFilterIsPaged() {
        IntStream.rangeClosed(1, 5)
            .forEach((i) -> this.emulator.secretsManager().putSecretString("my-app/secret" + i, "value" + i));
        this.emulator.secretsManager().putSecretString("other-app/secret", "not chosen");

        List<BatchGetSecretValueResponse> pages = this.services.secretsManager
            .batchGetSecretValuePaginator((request) -> request.maxResults(2)
                .filters(Filter.builder().key(FilterNameStringType.NAME).values("my-app/").build()))
            .stream()
            .toList();

        assertThat(pages).extracting((page) -> page.secretValues().size()).containsExactly(2, 2, 1);
        assertThat(pages.stream().flatMap((page) -> page.secretValues().stream()).map(SecretValueEntry::secretString))
            .containsExactly("value1", "value2", "value3", "value4", "value5");
    }

    @Test
    void aBatchTakesEitherSecretIdsOrFilters() {
        assertThatExceptionOfType(InvalidParameterException.class)
            .isThrownBy(() -> this.services.secretsManager.batchGetSecretValue((request) -> request
                .secretIdList("my-app/a")
                .filters(Filter.builder().key(FilterNameStringType.NAME).values("my-app/").build())));
        assertThatExceptionOfType(InvalidParameterException.class)
            .isThrownBy(() -> this.services.secretsManager.batchGetSecretValue((request) -> { }));
    }

}
